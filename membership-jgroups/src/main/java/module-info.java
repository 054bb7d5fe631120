/** JGroups membership. Exports only API packages. */
module io.eipfailover.membership.jgroups {
  requires transitive io.eipfailover.core;
  // JChannel and Protocol appear in the builder (an injected channel, a stack customizer).
  requires transitive org.jgroups;
  requires org.slf4j;
  requires static transitive micrometer.core;

  exports io.eipfailover.membership.jgroups;
  exports io.eipfailover.membership.jgroups.metrics;
  // JGroups instantiates our AUTH token reflectively when a join request arrives.
  opens io.eipfailover.membership.jgroups.internal to org.jgroups;
}
