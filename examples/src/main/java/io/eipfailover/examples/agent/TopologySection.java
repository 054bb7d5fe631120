package io.eipfailover.examples.agent;

import io.eipfailover.core.AttachmentPoint;
import io.eipfailover.core.ClusterTopology;
import io.eipfailover.core.ElasticIp;
import io.eipfailover.core.NodeId;
import io.eipfailover.core.NodeSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads the explicit topology keys ({@code topology.nodes}, {@code topology.node.<id>.*}, {@code
 * topology.eip.<allocation-id>.*}) into a {@link ClusterTopology}, or, with {@code
 * topology.source=tags}, refuses them (the topology then comes from EC2 tags at start).
 */
final class TopologySection {
  private static final Pattern ENI = Pattern.compile("eni-[0-9a-f]{1,32}");
  private static final Pattern IPV4 =
      Pattern.compile("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");

  private TopologySection() {}

  /** The explicit topology, or empty for {@code tags} (or when it had problems, already recorded). */
  static Optional<ClusterTopology> read(ConfigValues c, Optional<String> clusterName, boolean fromTags) {
    if (fromTags) {
      c.forbid("topology.", "is only valid with topology.source=explicit (the topology comes from EC2 tags)");
      return Optional.empty();
    }
    List<String> nodeNames = c.list("topology.nodes");
    if (nodeNames.isEmpty()) {
      c.problem("topology.nodes: is required with topology.source=explicit (a comma-separated list of node ids)");
    }
    int before = problemsMarker(c);
    ClusterTopology.Builder b = ClusterTopology.builder();
    clusterName.ifPresent(name -> {
      try {
        b.clusterName(name);
      } catch (IllegalArgumentException e) {
        // reported by the parser under cluster.name
      }
    });
    List<NodeId> nodes = new ArrayList<>();
    for (String name : nodeNames) {
      Optional<NodeId> id = nodeId(c, "topology.nodes", name);
      if (id.isEmpty()) {
        continue;
      }
      nodes.add(id.get());
      String prefix = "topology.node." + name + ".";
      Optional<String> eni = c.parse(prefix + "eni", "an ENI id such as eni-0123abcd", s -> check(ENI, s));
      if (!c.has(prefix + "eni")) {
        c.problem(prefix + "eni: is required for node " + name);
      }
      List<String> homeIps = ips(c, prefix + "home-ips");
      List<String> reservedIps = ips(c, prefix + "reserved-ips");
      if (homeIps.isEmpty()) {
        c.problem(prefix + "home-ips: is required for node " + name + " (its primary private IP)");
      }
      if (eni.isPresent() && !homeIps.isEmpty()) {
        List<AttachmentPoint> home = homeIps.stream().map(ip -> AttachmentPoint.primary(eni.get(), ip)).toList();
        List<AttachmentPoint> reserved =
            reservedIps.stream().map(ip -> AttachmentPoint.reserved(eni.get(), ip)).toList();
        try {
          b.node(new NodeSpec(id.get(), home, reserved));
        } catch (IllegalArgumentException e) {
          c.problem("topology.nodes: " + e.getMessage());
        }
      }
    }
    Set<String> mentioned = c.segments("topology.node.", ".eni");
    mentioned.addAll(c.segments("topology.node.", ".home-ips"));
    mentioned.addAll(c.segments("topology.node.", ".reserved-ips"));
    for (String undeclared : mentioned) {
      if (!nodeNames.contains(undeclared)) {
        c.forbid("topology.node." + undeclared + ".", "node '" + undeclared + "' is not listed in topology.nodes "
            + nodeNames);
      }
    }
    Set<String> eipIds = c.segments("topology.eip.", ".home");
    eipIds.addAll(c.segments("topology.eip.", ".public-ip"));
    if (eipIds.isEmpty()) {
      c.problem("topology.eip.<allocation-id>.home: at least one elastic IP is required");
    }
    for (String alloc : eipIds) {
      String prefix = "topology.eip." + alloc + ".";
      Optional<String> publicIp = c.parse(prefix + "public-ip", "an IPv4 address such as 203.0.113.10",
          s -> check(IPV4, s));
      Optional<NodeId> home = c.raw(prefix + "home").flatMap(h -> nodeId(c, prefix + "home", h));
      if (!c.has(prefix + "public-ip")) {
        c.problem(prefix + "public-ip: is required for elastic IP " + alloc);
      }
      if (!c.has(prefix + "home")) {
        c.problem(prefix + "home: is required for elastic IP " + alloc);
      }
      home.filter(h -> !nodes.contains(h)).ifPresent(h ->
          c.problem(prefix + "home: must be one of topology.nodes " + nodes + ", was '" + h + "'"));
      if (publicIp.isPresent() && home.isPresent()) {
        try {
          b.elasticIp(new ElasticIp(alloc, publicIp.get(), home.get()));
        } catch (IllegalArgumentException e) {
          c.problem("topology.eip." + alloc + ": " + e.getMessage());
        }
      }
    }
    if (problemsMarker(c) != before || clusterName.isEmpty() || nodes.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(b.build());
    } catch (IllegalArgumentException e) {
      c.problem("topology: " + e.getMessage());
      return Optional.empty();
    }
  }

  static Optional<NodeId> nodeId(ConfigValues c, String key, String value) {
    try {
      return Optional.of(NodeId.of(value));
    } catch (IllegalArgumentException e) {
      c.problem(key + ": must be node ids of 1 to 32 characters of [A-Za-z0-9._-], was '" + value + "'");
      return Optional.empty();
    }
  }

  private static List<String> ips(ConfigValues c, String key) {
    List<String> out = new ArrayList<>();
    for (String ip : c.list(key)) {
      if (IPV4.matcher(ip).matches()) {
        out.add(ip);
      } else {
        c.problem(key + ": must be IPv4 addresses such as 10.0.1.10, was '" + ip + "'");
      }
    }
    return out;
  }

  private static String check(Pattern p, String s) {
    if (!p.matcher(s).matches()) {
      throw new IllegalArgumentException(s);
    }
    return s;
  }

  private static int problemsMarker(ConfigValues c) {
    return c.problemCount();
  }
}
