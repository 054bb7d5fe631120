/**
 * The failover-time harness: {@link io.eipfailover.benchmarks.harness.FailoverHarness} drives agent
 * JVMs ({@link io.eipfailover.benchmarks.harness.NodeMain}) against the EC2 fake and measures
 * detection and takeover times, EC2 calls, idle CPU and false takeovers. Not API.
 */
package io.eipfailover.benchmarks.harness;
