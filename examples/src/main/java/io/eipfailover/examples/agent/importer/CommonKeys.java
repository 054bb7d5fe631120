package io.eipfailover.examples.agent.importer;

import java.util.List;
import java.util.Optional;

/**
 * The keys both importers write the same way: identity, membership, guard, fail-back and the
 * health check when the input has none. Stateless.
 */
final class CommonKeys {
  /** The fail-back delay written when the input failed back at once. */
  static final String FAILBACK_DELAY = "10s";

  private CommonKeys() {}

  /** A duration as the configuration writes it: {@code 10s}, {@code 1500ms}. */
  static String duration(java.time.Duration d) {
    return d.toMillis() % 1000 == 0 ? d.toSeconds() + "s" : d.toMillis() + "ms";
  }

  /** {@code cluster.name}, {@code node.id}, {@code membership.type/port/udp.profile}. */
  static void identity(Draft d, ImportOptions o, List<String> owners, int port, DetectorChoice detector,
      String inputKind) {
    d.put("cluster.name", o.clusterName(), inputKind + " has no cluster name; the same on every node (--cluster)");
    Optional<String> self = o.node().or(() -> owners.size() == 1 ? Optional.of(owners.get(0)) : Optional.empty());
    d.put("node.id", self.orElse("discover"), self.isPresent()
        ? "this file is for " + self.get() + "; on another node set its name (or discover: the node whose ENI"
            + " this instance carries)"
        : "discover: the node whose ENI this instance carries (IMDSv2)");
    d.put("membership.type", "udp", "authenticated unicast UDP heartbeats (HMAC-SHA256)");
    d.put("membership.port", String.valueOf(port), "UDP, and TCP for the crash-detection link");
    d.put("membership.udp.profile", detector.profile(), detector.explanation());
  }

  /**
   * {@code guard*}: reachability to the ping targets (if any) and the peer probe, both required.
   * The probe is what lets agents replace Heartbeat or keepalived node by node: an agent never
   * takes an EIP from a node whose HAProxy still answers, whatever that node runs.
   */
  static void guard(Draft d, ImportReport r, List<String> pingIps, Optional<Where> pingWhere, ImportOptions o) {
    if (pingIps.isEmpty()) {
      d.put("guard", "peer-probe", "take an EIP only from a node whose HAProxy no longer answers on its home IP");
    } else {
      d.put("guard", "reachability,peer-probe", "take an EIP only while a ping target answers (Heartbeat's ping"
          + " node) and the holder's HAProxy does not");
      d.put("guard.combine", "all", "");
      d.put("guard.reachability.targets", String.join(",", pingIps.stream().map(ip -> ip + ":" + o.pingPort())
          .toList()), "from " + pingWhere.map(Where::toString).orElse("the inputs") + "; TCP port " + o.pingPort()
          + " (--ping-port): the guard connects over TCP, ICMP has no equivalent");
      r.note("guard.reachability.targets: " + pingIps + " were pinged (ICMP); the agent connects to TCP port "
          + o.pingPort() + " on them instead. A VPC router (subnet base + 1) accepts no TCP; the VPC DNS resolver"
          + " (VPC base + 2) accepts TCP 53. Check each target with --preflight before you rely on it.");
    }
    d.put("guard.peer-probe.port", String.valueOf(o.servicePort()), "HAProxy's port on the home IPs"
        + " (--service-port)");
    r.note("guard: peer-probe added (not in the input): an agent never takes an EIP from a node whose HAProxy"
        + " still answers; this is also what makes a node-by-node cut-over safe (docs/migrating.md)");
  }

  /** {@code strategy*}. */
  static void strategy(Draft d, boolean failback, String why) {
    if (failback) {
      d.put("strategy", "home-with-failback", why);
      d.put("strategy.failback-delay", FAILBACK_DELAY, "the home node pulls its EIPs back after being alive and"
          + " healthy this long (the input failed back at once)");
    } else {
      d.put("strategy", "sticky", why);
    }
  }

  /** {@code health.check = none}, when the input checks nothing the agent can check. */
  static void noHealthCheck(Draft d, ImportReport r, String why) {
    d.put("health.check", "none", why + "; set http and health.http.uri to HAProxy's monitor-uri");
    r.note("health.check = none: " + why + ". Without a check, a node whose HAProxy died keeps its EIPs:"
        + " set health.check = http with HAProxy's monitor-uri (examples/deploy/haproxy.cfg)");
  }
}
