/**
 * The failover harness: {@link io.eipfailover.benchmarks.harness.FailoverHarness} runs our agent
 * and keepalived side by side in network namespaces on kernel links against the EC2 fake, with the
 * same faults, and measures takeover times, stall tolerance, false takeovers, CPU and memory. Not
 * API.
 */
package io.eipfailover.benchmarks.harness;
