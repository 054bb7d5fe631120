/**
 * Micrometer meters for the UDP membership: {@code new UdpMembershipMetrics(membership).bindTo(registry)}.
 * Micrometer is an optional dependency: only this package refers to it (see {@code
 * io.eipfailover.core.metrics} and {@code docs/metrics.md}).
 */
package io.eipfailover.membership.udp.metrics;
