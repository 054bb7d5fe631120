/**
 * The core test kit, published in the core test-jar: deterministic fakes for every seam of
 * eip-failover, with no JUnit or jqwik dependency so other modules' tests and demo mains can use
 * them.
 *
 * <ul>
 *   <li>{@link io.eipfailover.core.testing.VirtualTime} and {@link
 *       io.eipfailover.core.testing.VirtualScheduler}: virtual clock, ticker and pausable
 *       {@code ScheduledExecutorService} lanes; no real threads, no real time;
 *   <li>{@link io.eipfailover.core.testing.SimNetwork}: datagrams between named endpoints with
 *       delay, jitter, loss, duplication, replay and (asymmetric) partitions;
 *   <li>{@link io.eipfailover.core.testing.SimulatedEc2} and {@link
 *       io.eipfailover.core.testing.FakeElasticIpManager}: shared EC2 association state with
 *       latency, stale describes, injected errors and a call log;
 *   <li>{@link io.eipfailover.core.testing.ManualMembership} and {@link
 *       io.eipfailover.core.testing.SimHeartbeatMembership}: memberships driven by hand or by
 *       heartbeats over the simulated network;
 *   <li>{@link io.eipfailover.core.testing.SimulatedCluster}, {@link
 *       io.eipfailover.core.testing.InvariantChecker}, {@link
 *       io.eipfailover.core.testing.FaultSchedule} and {@link
 *       io.eipfailover.core.testing.ScheduleRunner}: N nodes running the real {@code EipFailover}
 *       under scripted faults, checked for safety after every step and liveness after healing;
 *   <li>{@link io.eipfailover.core.testing.WithoutMicrometer}: runs code on a class path without
 *       Micrometer and lists the classes that refer to it (Micrometer is optional in every module).
 * </ul>
 *
 * <p>Plugging another membership into the simulation (e.g. the UDP module's protocol over an
 * in-memory transport): give {@link io.eipfailover.core.testing.SimulatedCluster.Builder#membership}
 * a factory that builds it from the {@link io.eipfailover.core.testing.NodeContext}: bind a {@link
 * io.eipfailover.core.testing.SimNetwork} endpoint at {@code ctx.self().value()} with {@code
 * ctx.scheduler()} as its scheduler, read time from {@code ctx.scheduler().ticker()}, and schedule
 * every timer on {@code ctx.scheduler()}. Then run the same schedules with a {@link
 * io.eipfailover.core.testing.ScheduleRunner} whose customizer sets that factory.
 *
 * <p>Everything here is single-threaded: drive it from the test's thread. Not API: may change.
 */
package io.eipfailover.core.testing;
