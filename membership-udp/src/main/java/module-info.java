/** Authenticated unicast UDP heartbeat membership. Exports only API packages. */
module io.eipfailover.membership.udp {
  requires transitive io.eipfailover.core;
  requires org.slf4j;
  // TCP keep-alive tuning of the crash-detection link (ExtendedSocketOptions).
  requires jdk.net;
  requires static transitive micrometer.core;

  exports io.eipfailover.membership.udp;
  exports io.eipfailover.membership.udp.metrics;
}
