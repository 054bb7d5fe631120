/**
 * eip-failover core: the domain model, the SPIs ({@link io.eipfailover.core.Membership}, {@link
 * io.eipfailover.core.ElasticIpManager}, {@link io.eipfailover.core.SplitBrainGuard}, {@link
 * io.eipfailover.core.HealthCheck}, {@link io.eipfailover.core.FailoverStrategy}), the built-in
 * strategies, guards and health checks, and the {@link io.eipfailover.core.EipFailover} facade that
 * runs the reconciler.
 */
package io.eipfailover.core;
