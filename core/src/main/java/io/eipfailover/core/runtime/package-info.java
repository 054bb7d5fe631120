/**
 * Runtime support for eip-failover's own modules (core, membership-udp, membership-jgroups, aws):
 * the pieces every long-lived component needs, written once. <b>Not an API for applications</b>:
 * public only so that our other modules can use it; it may change in any release, and the module
 * descriptors export it to our modules alone.
 *
 * <ul>
 *   <li>{@link io.eipfailover.core.runtime.Lifecycle}: one start, an idempotent close, five states.
 *   <li>{@link io.eipfailover.core.runtime.ListenerBus}: ordered delivery to listeners, each on its
 *       own executor, never under our locks; failures and rejections are logged, never thrown.
 *   <li>{@link io.eipfailover.core.runtime.LoopExecutor}: the single logical thread a component's
 *       state lives on; a failing task is logged and the loop goes on.
 *   <li>{@link io.eipfailover.core.runtime.Checks}: argument checks whose messages name the
 *       parameter and show the bad value, and the cluster-name rule.
 *   <li>{@link io.eipfailover.core.runtime.RateLimitedLog}: log lines fed by input we do not
 *       control, under a budget per reason (never per source), with counts of what was suppressed.
 * </ul>
 *
 * <h2>Conventions every module follows</h2>
 *
 * <p><b>Log lines</b> start with {@code [id=<node>]}, the id of the node the line is about (as
 * Curator's {@code [id=...]}); {@code [id=-]} when no node is known yet. Parameters, never string
 * concatenation; never log and throw. A line that the network, a peer, a library or EC2 can make us
 * write again and again goes through a {@link io.eipfailover.core.runtime.RateLimitedLog}, keyed by
 * its reason: no input can make a module write more than a few lines per second per reason.
 *
 * <p><b>Ownership</b>: a component undoes exactly what it did. It closes what it created; what the
 * caller injected stays the caller's: the component only stops what it started on it (a JGroups
 * channel it connected is disconnected, a transport it started is stopped by the transport's own
 * {@code close()}, whose contract is "undo {@code start}"), and never closes or shuts down a client,
 * channel or executor it was given. Each builder's Javadoc lists what it closes and what it does
 * not.
 */
package io.eipfailover.core.runtime;
