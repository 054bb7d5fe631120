/**
 * eip-failover core: the model, the SPIs, strategies, guards, health checks and the {@code
 * EipFailover} facade. Exports only API packages: {@code *.internal} stays encapsulated, and the
 * runtime support package is for eip-failover's own modules alone.
 */
module io.eipfailover.core {
  // Guava's Ticker is part of the API (every builder takes one): readers of core read Guava too.
  requires transitive com.google.common;
  requires org.slf4j;
  // Optional: only io.eipfailover.core.metrics uses Micrometer (docs/metrics.md).
  requires static transitive micrometer.core;

  exports io.eipfailover.core;
  exports io.eipfailover.core.event;
  exports io.eipfailover.core.metrics;
  exports io.eipfailover.core.runtime to
      io.eipfailover.membership.udp,
      io.eipfailover.membership.jgroups,
      io.eipfailover.aws;
}
