package io.eipfailover.examples.agent.importer;

import io.eipfailover.examples.agent.importer.ScriptFindings.Located;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The cluster's shape as the inputs reveal it, merged over every node's files: the nodes, which
 * ENI and private IP each node's scripts associate each EIP with, each EIP's home node and public
 * IP, and the heartbeat addresses. {@link #write} turns it into {@code topology.*} and {@code
 * membership.address.*} keys: on a node, the IP an EIP homed there is associated with is a home
 * IP, the IP a peer's EIP is associated with is a reserved IP. Not thread-safe.
 */
final class TopologyFacts {
  private record Heard(String ip, Where where, String text, Optional<String> node) {}

  private final Map<String, Where> nodes = new LinkedHashMap<>();
  private final Map<String, Located> enis = new LinkedHashMap<>();
  private final Map<String, Map<String, Located>> ips = new LinkedHashMap<>();
  private final Map<String, Located> homes = new TreeMap<>();
  private final Map<String, Located> publicIps = new TreeMap<>();
  private final List<Heard> heard = new ArrayList<>();

  void declare(String node, Where where) {
    nodes.putIfAbsent(node, where);
  }

  boolean declared(String node) {
    return nodes.containsKey(node);
  }

  List<String> nodes() {
    return List.copyOf(nodes.keySet());
  }

  /** Records what {@code node}'s copy of a script associates {@code allocationId} with. */
  void associate(String node, String allocationId, Optional<String> eni, Optional<String> privateIp, Where where) {
    eni.ifPresent(e -> {
      Located old = enis.putIfAbsent(node, new Located(e, where));
      if (old != null && !old.value().equals(e)) {
        throw new ImportException(where, "associates with ENI " + e + ", but " + old.where() + " associates "
            + node + "'s EIPs with ENI " + old.value() + "; the agent drives one ENI per node");
      }
    });
    Map<String, Located> byEip = ips.computeIfAbsent(node, n -> new TreeMap<>());
    privateIp.ifPresent(ip -> {
      Located old = byEip.putIfAbsent(allocationId, new Located(ip, where));
      if (old != null && !old.value().equals(ip)) {
        throw new ImportException(where, "associates " + allocationId + " with " + ip + " on " + node + ", but "
            + old.where() + " with " + old.value());
      }
    });
    homes.putIfAbsent(allocationId, null);
  }

  /** {@code node} is the preferred holder of {@code allocationId}. */
  void home(String allocationId, String node, Where where) {
    Located old = homes.get(allocationId);
    if (old != null && !old.value().equals(node)) {
      throw new ImportException(where, "makes " + node + " the home of " + allocationId + ", but " + old.where()
          + " makes it " + old.value());
    }
    if (old == null) {
      homes.put(allocationId, new Located(node, where));
    }
  }

  void publicIp(String allocationId, String ip, Where where) {
    Located old = publicIps.putIfAbsent(allocationId, new Located(ip, where));
    if (old != null && !old.value().equals(ip)) {
      throw new ImportException(where, "gives " + allocationId + " the public IP " + ip + ", but " + old.where()
          + " gives " + old.value());
    }
  }

  boolean hasPublicIp(String allocationId) {
    return publicIps.containsKey(allocationId);
  }

  List<String> allocationIds() {
    return List.copyOf(homes.keySet());
  }

  /** A heartbeat destination or source ({@code ucast}, {@code unicast_peer}); {@code node} when the input says whose. */
  void heartbeat(String ip, Where where, String text, Optional<String> node) {
    heard.add(new Heard(ip, where, text, node));
  }

  /** Whether {@code ip} is known as an address of some node (a script's private IP or a named heartbeat source). */
  boolean knows(String ip) {
    return ownerOf(ip).isPresent() || heard.stream().anyMatch(h -> h.node().isPresent() && h.ip().equals(ip));
  }

  /** Writes the topology and heartbeat addresses; every gap becomes a to-do. */
  void write(Draft d, ImportReport r, int port) {
    if (nodes.isEmpty()) {
      throw new IllegalStateException("no node declared");
    }
    d.put("topology.nodes", String.join(",", nodes.keySet()), "the nodes, from " + nodes.values().iterator().next());
    Map<String, Heard> primaries = primariesOfNodesWithoutEips();
    Map<String, List<String>> homeIps = new LinkedHashMap<>();
    for (String node : nodes.keySet()) {
      String p = "topology.node." + node + ".";
      Optional.ofNullable(enis.get(node)).ifPresentOrElse(
          e -> d.put(p + "eni", e.value(), "from " + e.where()),
          () -> d.todo(p + "eni", node + "'s ENI id (eni-...): no script of " + node + " names it; pass " + node
              + "'s own files too (NODE=PATH)"));
      Map<String, Located> byEip = ips.getOrDefault(node, Map.of());
      List<String> home = new ArrayList<>();
      List<String> reserved = new ArrayList<>();
      List<String> from = new ArrayList<>();
      for (String alloc : homes.keySet()) {
        Located ip = byEip.get(alloc);
        Located h = homes.get(alloc);
        if (h != null && h.value().equals(node)) {
          if (ip == null) {
            d.todo(p + "home-ips", "the private IP of " + node + " that carries its EIP " + alloc
                + " (no script of " + node + " associates it with a private IP)");
          } else {
            home.add(ip.value());
          }
        } else if (ip != null && !reserved.contains(ip.value())) {
          reserved.add(ip.value());
        }
        if (ip != null) {
          from.add(ip.where().toString());
        }
      }
      reserved.removeAll(home);
      String src = from.isEmpty() ? "" : "from " + String.join(", ", from);
      if (!home.isEmpty()) {
        d.put(p + "home-ips", String.join(",", home), node + "'s own EIPs live here; " + src);
      } else if (primaries.containsKey(node)) {
        Heard h = primaries.get(node);
        home.add(h.ip());
        d.put(p + "home-ips", h.ip(), "no EIP is homed on " + node + "; its primary IP (" + h.where()
            + ") carries its heartbeats");
      } else if (homes.values().stream().noneMatch(l -> l != null && l.value().equals(node))) {
        d.todo(p + "home-ips", node + "'s primary private IP (no EIP is homed there; it carries the heartbeats)");
      }
      homeIps.put(node, home);
      if (!reserved.isEmpty()) {
        d.put(p + "reserved-ips", String.join(",", reserved), "where " + node + " takes its peers' EIPs");
      }
    }
    for (String alloc : homes.keySet()) {
      String p = "topology.eip." + alloc + ".";
      Located h = homes.get(alloc);
      if (h == null) {
        d.todo(p + "home", "the node that holds " + alloc + " when nothing failed (no input names one)");
      } else {
        d.put(p + "home", h.value(), "from " + h.where());
      }
      Optional.ofNullable(publicIps.get(alloc)).ifPresentOrElse(
          ip -> d.put(p + "public-ip", ip.value(), "from " + ip.where()),
          () -> d.todo(p + "public-ip", "the public IPv4 address of " + alloc + " (aws ec2 describe-addresses"
              + " --allocation-ids " + alloc + "), or run the importer with --eip " + alloc + "=IP"));
    }
    if (homes.isEmpty()) {
      d.todo("topology.eip.<allocation-id>.home", "no script moves an EIP (aws ec2 associate-address"
          + " --allocation-id ...): name each EIP, its public-ip and its home node");
    }
    heartbeatAddresses(d, r, port, homeIps);
  }

  /**
   * The primary IP of each node that is home of no EIP (an active-passive pair's passive node): the
   * heartbeat source the input names for it ({@code unicast_src_ip}), or, when exactly one such node
   * and exactly one heartbeat address of nobody known are left, that address.
   */
  private Map<String, Heard> primariesOfNodesWithoutEips() {
    Map<String, Heard> out = new LinkedHashMap<>();
    List<String> without = nodes.keySet().stream()
        .filter(n -> homes.values().stream().noneMatch(l -> l != null && l.value().equals(n))).toList();
    for (Heard h : heard) {
      h.node().filter(without::contains).filter(n -> !out.containsKey(n) && ownerOf(h.ip()).isEmpty())
          .ifPresent(n -> out.put(n, h));
    }
    List<String> left = without.stream().filter(n -> !out.containsKey(n)).toList();
    List<Heard> unknown = heard.stream().filter(h -> h.node().isEmpty() && ownerOf(h.ip()).isEmpty())
        .filter(h -> out.values().stream().noneMatch(o -> o.ip().equals(h.ip()))).toList();
    if (left.size() == 1 && unknown.stream().map(Heard::ip).distinct().count() == 1) {
      out.put(left.get(0), unknown.get(0));
    }
    return out;
  }

  private void heartbeatAddresses(Draft d, ImportReport r, int port, Map<String, List<String>> homeIps) {
    for (Heard h : heard) {
      Optional<String> owner = h.node().or(() -> ownerOf(h.ip())).or(() -> homeIps.entrySet().stream()
          .filter(e -> e.getValue().contains(h.ip())).map(Map.Entry::getKey).findFirst());
      if (owner.isEmpty()) {
        r.unmapped(h.where(), h.text(), h.ip() + " is no private IP of any node found in the scripts; heartbeats go"
            + " to each node's first home IP (set membership.address.<node> = ip:port for another)");
        continue;
      }
      List<String> home = homeIps.getOrDefault(owner.get(), List.of());
      if (!home.isEmpty() && home.get(0).equals(h.ip())) {
        r.mapped(h.where(), h.text(), "heartbeats of " + owner.get() + " on its first home IP " + h.ip() + ":" + port
            + " (the default address)");
      } else {
        d.agree("membership.address." + owner.get(), h.ip() + ":" + port, h.where(), "heartbeat address of "
            + owner.get() + ", from " + h.where());
        r.mapped(h.where(), h.text(), "membership.address." + owner.get());
      }
    }
  }

  private Optional<String> ownerOf(String ip) {
    for (Map.Entry<String, Map<String, Located>> e : ips.entrySet()) {
      if (e.getValue().values().stream().anyMatch(l -> l.value().equals(ip))) {
        return Optional.of(e.getKey());
      }
    }
    return Optional.empty();
  }
}
