/**
 * Micrometer meters for the failover and for any {@link io.eipfailover.core.Membership}: binders
 * in Micrometer's {@code MeterBinder} style ({@code new MembershipMetrics(membership).bindTo(registry)}).
 *
 * <p>Micrometer is an <b>optional</b> dependency of every eip-failover module: only the classes of
 * the {@code *.metrics} packages refer to it, so an application without Micrometer on its class
 * path never loads them and pays nothing. Meter names are dot-separated and lower case, tags are
 * lower-case words, times are recorded in the registry's base unit; each registry renders them
 * its own way (Prometheus: {@code eipfailover.heartbeats.sent} becomes {@code
 * eipfailover_heartbeats_sent_total}). Every meter of every module is listed in {@code
 * docs/metrics.md}.
 */
package io.eipfailover.core.metrics;
