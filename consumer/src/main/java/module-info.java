/**
 * A consumer of eip-failover as a Java module: it compiles against the library's exported packages
 * only. Micrometer is optional here too: {@code PairMain --no-metrics} never touches it.
 */
module io.eipfailover.consumer {
  requires io.eipfailover.core;
  requires io.eipfailover.membership.udp;
  requires io.eipfailover.aws;
  requires static micrometer.core;
}
