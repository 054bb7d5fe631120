package io.eipfailover.examples.agent;

import io.eipfailover.core.ClusterTopology;
import io.eipfailover.core.ElasticIp;
import io.eipfailover.core.NodeId;
import io.eipfailover.examples.agent.AgentConfig.MembershipType;
import io.eipfailover.examples.agent.AgentConfig.StrategyKind;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Properties;

/**
 * Reads the agent's configuration file (Java properties syntax: {@code key = value}, {@code #}
 * comments) into a validated {@link AgentConfig}. Every key is checked; a bad value is reported with
 * its key and value, a missing required key by name, and an unknown key is an error (a typo must not
 * silently fall back to a default). All problems are collected and thrown together as one {@link
 * AgentConfigException}. Relative paths ({@code membership.key-file}, stack files) are resolved
 * against the configuration file's directory. Stateless and thread-safe.
 */
public final class AgentConfigParser {
  private static final List<String> LOG_LEVELS = List.of("TRACE", "DEBUG", "INFO", "WARN", "ERROR");

  private AgentConfigParser() {}

  /** Reads {@code file}. */
  public static AgentConfig parse(Path file) {
    try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      return parse(r, file.toAbsolutePath().getParent());
    } catch (IOException e) {
      throw new AgentConfigException(List.of("--config: cannot read '" + file + "': " + e));
    }
  }

  /** Reads configuration text; relative paths resolve against {@code baseDir}. */
  public static AgentConfig parse(String text, Path baseDir) {
    try {
      return parse(new StringReader(text), baseDir);
    } catch (IOException e) {
      throw new IllegalStateException("a StringReader does not fail", e);
    }
  }

  private static AgentConfig parse(Reader reader, Path baseDir) throws IOException {
    Properties p = new Properties();
    p.load(reader);
    Map<String, String> map = new HashMap<>();
    p.stringPropertyNames().forEach(k -> map.put(k, p.getProperty(k)));
    ConfigValues c = new ConfigValues(map);

    Optional<String> cluster = c.required("cluster.name").filter(s -> {
      if (!s.matches("[A-Za-z0-9._-]{1,32}")) {
        c.problem("cluster.name: must be 1 to 32 characters of [A-Za-z0-9._-], was '" + s + "'");
        return false;
      }
      return true;
    });
    Optional<String> node = c.required("node.id");
    Optional<NodeId> nodeId = node.filter(s -> !s.equals("discover"))
        .flatMap(s -> TopologySection.nodeId(c, "node.id", s));
    boolean fromTags = c.choice("topology.source", "explicit", List.of("explicit", "tags")).equals("tags");
    Optional<ClusterTopology> topology = TopologySection.read(c, cluster, fromTags);
    topology.ifPresent(t -> nodeId.filter(id -> !t.contains(id)).ifPresent(id ->
        c.problem("node.id: must be one of topology.nodes " + t.nodeIds() + " or 'discover', was '" + id + "'")));

    AgentConfig.Membership membership = membership(c, baseDir, topology);
    AgentConfig.Strategy strategy = strategy(c, topology);
    AgentConfig.Guards guards = ChecksSection.guards(c, topology);
    AgentConfig.Health health = ChecksSection.health(c);

    boolean statusEnabled = c.bool("status.enabled", true);
    int statusPort = c.intIn("status.port", 9777, 0, 65535);
    AgentConfig.Ec2 ec2 = new AgentConfig.Ec2(
        c.parse("ec2.region", "an AWS Region name such as eu-west-1", s -> {
          if (!s.matches("[a-z]{2}(-[a-z]+)+-\\d")) {
            throw new IllegalArgumentException(s);
          }
          return s;
        }),
        c.parse("ec2.endpoint", "an http(s) URI such as https://ec2.eu-west-1.amazonaws.com", AgentConfigParser::httpUri),
        c.parse("ec2.imds-endpoint", "an http URI such as http://169.254.169.254", AgentConfigParser::httpUri),
        c.duration("ec2.call-timeout", Duration.ofSeconds(5), Duration.ofMillis(100)));
    AgentConfig.Provision provision = new AgentConfig.Provision(
        fromTagsOrZero(c, fromTags),
        c.bool("provision.os-addresses", false),
        c.parse("provision.os-device", "a Linux interface name such as eth0 or ens5", s -> {
          if (!s.matches("[A-Za-z0-9._-]{1,15}")) {
            throw new IllegalArgumentException(s);
          }
          return s;
        }).orElse("eth0"),
        c.intIn("provision.os-prefix-length", 24, 1, 32));
    Integer tolerated = c.parse("failover.tolerated-failures", "an integer >= 0", s -> {
      int n = Integer.parseInt(s);
      if (n < 0 || topology.map(t -> n >= t.nodes().size()).orElse(false)) {
        throw new IllegalArgumentException(s);
      }
      return n;
    }).orElse(null);
    AgentConfig.Failover failover = new AgentConfig.Failover(
        tolerated == null ? OptionalInt.empty() : OptionalInt.of(tolerated),
        c.duration("failover.resync-interval", Duration.ofSeconds(30), Duration.ofSeconds(1)),
        c.duration("failover.hold-time", Duration.ofSeconds(30), Duration.ofMillis(1)),
        c.duration("failover.startup-grace", Duration.ofSeconds(2), Duration.ZERO));
    topology.ifPresent(t -> {
      try {
        t.requireReservedCapacity(StrategyFactory.create(strategy),
            tolerated != null ? tolerated : Math.min(1, t.nodes().size() - 1));
      } catch (IllegalArgumentException e) {
        c.problem("topology: " + e.getMessage());
      }
    });
    Duration handoff = c.duration("shutdown.handoff-timeout", Duration.ofSeconds(20), Duration.ZERO);
    String logLevel = c.parse("log.level", "one of " + LOG_LEVELS, s -> {
      String u = s.toUpperCase(Locale.ROOT);
      if (!LOG_LEVELS.contains(u)) {
        throw new IllegalArgumentException(s);
      }
      return u;
    }).orElse("INFO");
    boolean dryRun = c.bool("dry-run", false);
    AgentConfig.Hooks hooks = HooksSection.read(c);
    c.finish();
    return new AgentConfig(cluster.orElseThrow(), nodeId, topology, membership, strategy, guards, health,
        new AgentConfig.Status(statusEnabled, statusPort), ec2, provision, failover, handoff, logLevel, dryRun, hooks);
  }

  private static AgentConfig.Membership membership(ConfigValues c, Path baseDir, Optional<ClusterTopology> topology) {
    MembershipType type = MembershipType.valueOf(
        c.choice("membership.type", "udp", List.of("udp", "jgroups")).toUpperCase(Locale.ROOT));
    int port = c.intIn("membership.port", type == MembershipType.UDP ? 694 : 7800, 1, 65535);
    Map<NodeId, InetSocketAddress> addresses = new LinkedHashMap<>();
    for (String n : c.segments("membership.address.", "")) {
      String key = "membership.address." + n;
      Optional<NodeId> id = TopologySection.nodeId(c, key, n);
      Optional<InetSocketAddress> a = c.parse(key, "an ipv4:port address such as 10.0.1.10:694", ConfigValues::parseAddress);
      if (id.isPresent() && topology.isPresent() && !topology.get().contains(id.get())) {
        c.problem(key + ": '" + n + "' is not one of topology.nodes " + topology.get().nodeIds());
      } else if (id.isPresent() && a.isPresent()) {
        addresses.put(id.get(), a.get());
      }
    }
    Optional<KeyFile.Keys> keys = c.parse("membership.key-file", "a readable key file", s -> s).flatMap(s -> {
      try {
        return Optional.of(KeyFile.read("membership.key-file", baseDir.resolve(s)));
      } catch (IllegalArgumentException e) {
        c.problem(e.getMessage());
        return Optional.empty();
      }
    });
    if (type == MembershipType.UDP && !c.has("membership.key-file")) {
      c.problem("membership.key-file: is required with membership.type=udp (heartbeats are authenticated)");
    }
    String profile = "default";
    Optional<Path> stack = Optional.empty();
    if (type == MembershipType.UDP) {
      profile = c.choice("membership.udp.profile", "default", List.of("default", "stall-immune",
          "stall-immune-fast", "aggressive", "phi-accrual"));
      c.forbid("membership.jgroups.", "is only valid with membership.type=jgroups");
    } else {
      stack = c.parse("membership.jgroups.stack-file", "a JGroups XML file", s -> {
        Path f = baseDir.resolve(s);
        if (!Files.isReadable(f)) {
          throw new IllegalArgumentException(s);
        }
        return f;
      });
      c.forbid("membership.udp.", "is only valid with membership.type=udp");
      if (stack.isEmpty() && !c.has("membership.key-file")) {
        c.problem("membership.key-file: is required with membership.type=jgroups (its secret encrypts the cluster's"
            + " traffic and authenticates joins)");
      } else if (stack.isPresent() && c.has("membership.key-file")) {
        c.problem("membership.key-file: is not used with membership.jgroups.stack-file (your stack defines its own"
            + " encryption and authentication), was '" + c.raw("membership.key-file").orElse("") + "'");
      }
    }
    return new AgentConfig.Membership(type, port, addresses, keys, profile, stack);
  }

  private static AgentConfig.Strategy strategy(ConfigValues c, Optional<ClusterTopology> topology) {
    String name = c.choice("strategy", "home-with-failback", List.of("home-with-failback", "sticky", "priority", "balanced"));
    StrategyKind kind = StrategyKind.valueOf(name.toUpperCase(Locale.ROOT).replace('-', '_'));
    Duration delay = Duration.ofSeconds(10);
    if (kind == StrategyKind.STICKY) {
      c.forbid("strategy.failback-delay", "is not used by strategy=sticky (it never fails back)");
    } else {
      delay = c.duration("strategy.failback-delay", delay, Duration.ZERO);
    }
    Map<String, List<NodeId>> priorities = new LinkedHashMap<>();
    if (kind == StrategyKind.PRIORITY) {
      for (String alloc : c.segments("strategy.priority.", "")) {
        String key = "strategy.priority." + alloc;
        List<NodeId> ids = c.list(key).stream().map(s -> TopologySection.nodeId(c, key, s))
            .flatMap(Optional::stream).toList();
        if (topology.isPresent()) {
          Optional<ElasticIp> eip = topology.get().elasticIp(alloc);
          if (eip.isEmpty()) {
            c.problem(key + ": '" + alloc + "' is not an elastic IP of the topology");
            continue;
          }
          if (!ids.isEmpty() && !ids.get(0).equals(eip.get().home())) {
            c.problem(key + ": must start with the home node " + eip.get().home() + ", was '" + c.list(key) + "'");
          }
          ids.stream().filter(id -> !topology.get().contains(id)).forEach(id ->
              c.problem(key + ": must name nodes of topology.nodes " + topology.get().nodeIds() + ", was '" + id + "'"));
        }
        priorities.put(alloc, ids);
      }
      topology.ifPresent(t -> t.elasticIps().stream().filter(e -> !priorities.containsKey(e.allocationId()))
          .forEach(e -> c.problem("strategy.priority." + e.allocationId() + ": is required with strategy=priority")));
    } else {
      c.forbid("strategy.priority.", "is only valid with strategy=priority");
    }
    return new AgentConfig.Strategy(kind, delay, priorities);
  }

  /** {@code provision.reserved-ips}: a count, only with tag topology (the new IPs become reserved points). */
  private static int fromTagsOrZero(ConfigValues c, boolean fromTags) {
    if (!fromTags) {
      c.forbid("provision.reserved-ips", "is only valid with topology.source=tags (an explicit topology names its"
          + " reserved IPs; assign them to the ENI yourself)");
      return 0;
    }
    return c.intIn("provision.reserved-ips", 0, 0, 49);
  }

  private static URI httpUri(String s) {
    URI u = URI.create(s);
    if (!("http".equals(u.getScheme()) || "https".equals(u.getScheme())) || u.getHost() == null) {
      throw new IllegalArgumentException(s);
    }
    return u;
  }
}
