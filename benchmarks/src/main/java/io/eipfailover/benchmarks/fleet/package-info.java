/**
 * Fleet scale on virtual time: {@link io.eipfailover.benchmarks.fleet.FleetScale} runs the real
 * failover of 16, 32 and 64 simulated nodes (the core test-jar's {@code SimulatedCluster}) against
 * EC2's documented account-wide request buckets, and measures a mass failover against the
 * account's floor and the steady-state describe load. Not API.
 */
package io.eipfailover.benchmarks.fleet;
