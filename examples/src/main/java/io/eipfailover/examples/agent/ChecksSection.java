package io.eipfailover.examples.agent;

import io.eipfailover.core.ClusterTopology;
import io.eipfailover.examples.agent.AgentConfig.GuardKind;
import io.eipfailover.examples.agent.AgentConfig.Guards;
import io.eipfailover.examples.agent.AgentConfig.Health;
import io.eipfailover.examples.agent.AgentConfig.HealthKind;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Reads the {@code guard*} and {@code health.*} keys. */
final class ChecksSection {
  private static final List<String> GUARD_NAMES =
      List.of("quorum", "reachability", "peer-probe", "ec2-instance-state", "unguarded");
  private static final List<String> HEALTH_NAMES = List.of("none", "http", "haproxy-socket", "tcp");

  private ChecksSection() {}

  static Guards guards(ConfigValues c, Optional<ClusterTopology> topology) {
    List<GuardKind> kinds = new ArrayList<>();
    if (!c.has("guard")) {
      c.problem("guard: is required (a split-brain guard is an explicit choice): one or more of " + GUARD_NAMES);
    }
    for (String name : c.list("guard")) {
      if (!GUARD_NAMES.contains(name)) {
        c.problem("guard: must be a comma-separated list of " + GUARD_NAMES + ", was '" + name + "'");
        continue;
      }
      GuardKind kind = GuardKind.valueOf(name.toUpperCase(Locale.ROOT).replace('-', '_'));
      if (kinds.contains(kind)) {
        c.problem("guard: must not name a guard twice, was '" + name + "' twice");
      }
      kinds.add(kind);
    }
    if (kinds.contains(GuardKind.UNGUARDED) && kinds.size() > 1) {
      c.problem("guard: unguarded cannot be combined with other guards, was '" + String.join(",", c.list("guard")) + "'");
    }
    boolean anyOf = c.choice("guard.combine", "all", List.of("all", "any")).equals("any");
    if (topology.isPresent() && topology.get().nodes().size() < 3 && kinds.contains(GuardKind.QUORUM)
        && (!anyOf || kinds.size() == 1)) {
      c.problem("guard: quorum can never allow a takeover in a " + topology.get().nodes().size()
          + "-node cluster unless combined with guard.combine=any, was '" + String.join(",", c.list("guard")) + "'");
    }
    List<InetSocketAddress> targets = new ArrayList<>();
    Duration reachTimeout = Duration.ofMillis(500);
    if (kinds.contains(GuardKind.REACHABILITY)) {
      for (String t : c.list("guard.reachability.targets")) {
        try {
          targets.add(ConfigValues.parseAddress(t));
        } catch (IllegalArgumentException e) {
          c.problem("guard.reachability.targets: must be ipv4:port addresses such as 10.0.0.1:443, was '" + t + "'");
        }
      }
      if (!c.has("guard.reachability.targets")) {
        c.problem("guard.reachability.targets: is required with guard=reachability (e.g. the VPC gateway or EC2 endpoint, ip:port)");
      }
      reachTimeout = c.duration("guard.reachability.timeout", reachTimeout, Duration.ofMillis(1));
    } else {
      c.forbid("guard.reachability.", "is only valid when guard includes reachability");
    }
    int probePort = 80;
    Duration probeTimeout = Duration.ofMillis(500);
    if (kinds.contains(GuardKind.PEER_PROBE)) {
      probePort = c.intIn("guard.peer-probe.port", probePort, 1, 65535);
      probeTimeout = c.duration("guard.peer-probe.timeout", probeTimeout, Duration.ofMillis(1));
    } else {
      c.forbid("guard.peer-probe.", "is only valid when guard includes peer-probe");
    }
    return new Guards(kinds, anyOf, targets, reachTimeout, probePort, probeTimeout);
  }

  static Health health(ConfigValues c) {
    if (!c.has("health.check")) {
      c.problem("health.check: is required: one of " + HEALTH_NAMES + " (none only when no local service is checked)");
    }
    String name = c.choice("health.check", "none", HEALTH_NAMES);
    HealthKind kind = HealthKind.valueOf(name.toUpperCase(Locale.ROOT).replace('-', '_'));
    Optional<URI> uri = Optional.empty();
    Optional<Path> socket = Optional.empty();
    Optional<InetSocketAddress> tcp = Optional.empty();
    if (kind == HealthKind.HTTP) {
      uri = c.parse("health.http.uri", "an http:// URI such as http://127.0.0.1:8080/haproxy-health", s -> {
        URI u = URI.create(s);
        if (!"http".equals(u.getScheme()) || u.getHost() == null) {
          throw new IllegalArgumentException(s);
        }
        return u;
      });
      if (!c.has("health.http.uri")) {
        c.problem("health.http.uri: is required with health.check=http (HAProxy's monitor-uri)");
      }
    } else {
      c.forbid("health.http.", "is only valid with health.check=http");
    }
    if (kind == HealthKind.HAPROXY_SOCKET) {
      socket = c.parse("health.haproxy-socket.path", "an absolute path such as /run/haproxy/admin.sock", s -> {
        Path p = Path.of(s);
        if (!p.isAbsolute()) {
          throw new IllegalArgumentException(s);
        }
        return p;
      });
      if (!c.has("health.haproxy-socket.path")) {
        c.problem("health.haproxy-socket.path: is required with health.check=haproxy-socket");
      }
    } else {
      c.forbid("health.haproxy-socket.", "is only valid with health.check=haproxy-socket");
    }
    if (kind == HealthKind.TCP) {
      tcp = c.parse("health.tcp.address", "an ipv4:port address such as 127.0.0.1:80", ConfigValues::parseAddress);
      if (!c.has("health.tcp.address")) {
        c.problem("health.tcp.address: is required with health.check=tcp");
      }
    } else {
      c.forbid("health.tcp.", "is only valid with health.check=tcp");
    }
    if (kind == HealthKind.NONE) {
      c.forbid("health.", "is only valid when health.check is not none");
      return new Health(kind, uri, socket, tcp, Duration.ofMillis(500), Duration.ofSeconds(1), 2, 2);
    }
    Duration timeout = c.duration("health.timeout", Duration.ofMillis(500), Duration.ofMillis(1));
    Duration interval = c.duration("health.interval", Duration.ofSeconds(1), Duration.ofMillis(10));
    int rise = c.intIn("health.rise", 2, 1, 100);
    int fall = c.intIn("health.fall", 2, 1, 100);
    if (timeout.compareTo(interval) > 0) {
      c.problem("health.timeout: must not be longer than health.interval (" + ConfigValues.human(interval) + "), was '"
          + ConfigValues.human(timeout) + "'");
    }
    return new Health(kind, uri, socket, tcp, timeout, interval, rise, fall);
  }
}
