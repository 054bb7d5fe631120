package io.eipfailover.core;

import io.eipfailover.core.runtime.Checks;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The static shape of a cluster: its nodes, their attachment points, and the Elastic IPs with
 * their home nodes. Immutable and validated when built; every node of a cluster must be given the
 * same topology (its {@link #fingerprint()} travels in heartbeats so a mismatch is reported).
 *
 * <p>Thread-safe (immutable).
 */
public final class ClusterTopology {
  private final String clusterName;
  private final Map<NodeId, NodeSpec> nodes;
  private final List<NodeId> nodeIds;
  private final List<ElasticIp> elasticIps;
  private final Map<String, ElasticIp> byAllocationId;
  private final Map<String, AttachmentPoint> homePointByAllocationId;
  private final Map<String, NodeId> ownerByPrivateIp;
  private final long fingerprint;

  private ClusterTopology(Builder b) {
    this.clusterName = b.clusterName;
    Map<NodeId, NodeSpec> sortedNodes = new TreeMap<>(b.nodes);
    this.nodes = Collections.unmodifiableMap(new LinkedHashMap<>(sortedNodes));
    this.nodeIds = List.copyOf(nodes.keySet());
    this.elasticIps = List.copyOf(b.elasticIps);
    Map<String, ElasticIp> byId = new LinkedHashMap<>();
    Map<String, AttachmentPoint> homePoints = new HashMap<>();
    Map<NodeId, Integer> used = new HashMap<>();
    for (ElasticIp eip : elasticIps) {
      byId.put(eip.allocationId(), eip);
      int index = used.merge(eip.home(), 1, Integer::sum) - 1;
      homePoints.put(eip.allocationId(), nodes.get(eip.home()).homePoints().get(index));
    }
    this.byAllocationId = Collections.unmodifiableMap(byId);
    this.homePointByAllocationId = Collections.unmodifiableMap(homePoints);
    Map<String, NodeId> owners = new HashMap<>();
    for (NodeSpec n : nodes.values()) {
      n.homePoints().forEach(p -> owners.put(p.privateIp(), n.id()));
      n.reservedPoints().forEach(p -> owners.put(p.privateIp(), n.id()));
    }
    this.ownerByPrivateIp = Collections.unmodifiableMap(owners);
    this.fingerprint = computeFingerprint();
  }

  /** A new builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** The cluster's name; heartbeats of other clusters are dropped. */
  public String clusterName() {
    return clusterName;
  }

  /** The nodes, sorted by id. */
  public Map<NodeId, NodeSpec> nodes() {
    return nodes;
  }

  /** The node ids, sorted. */
  public List<NodeId> nodeIds() {
    return nodeIds;
  }

  /** One node, or an exception naming the unknown id. */
  public NodeSpec node(NodeId id) {
    NodeSpec spec = nodes.get(id);
    if (spec == null) {
      throw new IllegalArgumentException("node '" + id + "' is not in the topology " + nodes.keySet());
    }
    return spec;
  }

  /** Whether {@code id} is a node of this topology. */
  public boolean contains(NodeId id) {
    return nodes.containsKey(id);
  }

  /** The Elastic IPs, in the order they were added. */
  public List<ElasticIp> elasticIps() {
    return elasticIps;
  }

  /** The EIP with this allocation id, if managed by this cluster. */
  public Optional<ElasticIp> elasticIp(String allocationId) {
    return Optional.ofNullable(byAllocationId.get(allocationId));
  }

  /** The EIPs whose home is {@code node}, in topology order. */
  public List<ElasticIp> homedOn(NodeId node) {
    List<ElasticIp> result = new ArrayList<>();
    for (ElasticIp eip : elasticIps) {
      if (eip.home().equals(node)) {
        result.add(eip);
      }
    }
    return result;
  }

  /** The attachment point an EIP lives on when it is at home. */
  public AttachmentPoint homePoint(ElasticIp eip) {
    AttachmentPoint p = homePointByAllocationId.get(eip.allocationId());
    if (p == null) {
      throw new IllegalArgumentException("elastic IP " + eip.allocationId() + " is not in the topology");
    }
    return p;
  }

  /** The node owning a private IP, if any node of this topology does. */
  public Optional<NodeId> ownerOf(String privateIp) {
    return Optional.ofNullable(ownerByPrivateIp.get(privateIp));
  }

  /**
   * A 64-bit digest of everything that must agree across nodes (cluster name, nodes, attachment
   * points, EIPs and homes). Equal topologies have equal fingerprints on every JVM.
   */
  public long fingerprint() {
    return fingerprint;
  }

  /**
   * Checks that every node holds at least the reserved IPs the strategy needs to survive {@code
   * toleratedFailures} simultaneous node failures, or throws naming the short node.
   */
  public void requireReservedCapacity(FailoverStrategy strategy, int toleratedFailures) {
    if (toleratedFailures < 0 || toleratedFailures >= nodes.size()) {
      throw new IllegalArgumentException(
          "toleratedFailures must be between 0 and " + (nodes.size() - 1) + " for " + nodes.size()
              + " nodes, was " + toleratedFailures);
    }
    for (NodeSpec n : nodes.values()) {
      int needed = strategy.reservedIpsNeeded(this, n.id(), toleratedFailures);
      if (n.reservedPoints().size() < needed) {
        throw new IllegalArgumentException(
            "node '" + n.id() + "' has " + n.reservedPoints().size() + " reserved private IP(s) but the "
                + strategy + " strategy needs " + needed + " to survive " + toleratedFailures
                + " node failure(s); add reserved IPs to " + n.id());
      }
    }
  }

  private long computeFingerprint() {
    StringBuilder canonical = new StringBuilder("eipfailover-topology-v1\n").append(clusterName).append('\n');
    for (NodeSpec n : nodes.values()) {
      canonical.append("node ").append(n.id()).append('\n');
      n.homePoints().forEach(p -> canonical.append(" home ").append(p.networkInterfaceId()).append(' ').append(p.privateIp()).append('\n'));
      n.reservedPoints().forEach(p -> canonical.append(" reserved ").append(p.networkInterfaceId()).append(' ').append(p.privateIp()).append('\n'));
    }
    elasticIps.forEach(e -> canonical.append("eip ").append(e.allocationId()).append(' ').append(e.publicIp()).append(' ').append(e.home()).append('\n'));
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(canonical.toString().getBytes(StandardCharsets.UTF_8));
      long v = 0;
      for (int i = 0; i < 8; i++) {
        v = (v << 8) | (d[i] & 0xff);
      }
      return v;
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every Java platform", e);
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ClusterTopology t && t.clusterName.equals(clusterName) && t.nodes.equals(nodes)
        && t.elasticIps.equals(elasticIps);
  }

  @Override
  public int hashCode() {
    return Objects.hash(clusterName, nodes, elasticIps);
  }

  @Override
  public String toString() {
    return "ClusterTopology{" + clusterName + ", nodes=" + nodes.keySet() + ", eips=" + elasticIps + "}";
  }

  /** Builds a validated {@link ClusterTopology}. Not thread-safe. */
  public static final class Builder {
    private String clusterName;
    private final Map<NodeId, NodeSpec> nodes = new LinkedHashMap<>();
    private final List<ElasticIp> elasticIps = new ArrayList<>();

    private Builder() {}

    /** The cluster name: {@value Checks#CLUSTER_NAME_RULE}. */
    public Builder clusterName(String clusterName) {
      this.clusterName = Checks.clusterName("clusterName", clusterName);
      return this;
    }

    /** Adds a node with one home point and any number of reserved points. */
    public Builder node(NodeId id, AttachmentPoint home, AttachmentPoint... reserved) {
      return node(new NodeSpec(id, List.of(home), List.of(reserved)));
    }

    /** Adds a node; a duplicate id is rejected at once. */
    public Builder node(NodeSpec spec) {
      Objects.requireNonNull(spec, "node must not be null");
      if (nodes.containsKey(spec.id())) {
        throw new IllegalArgumentException("duplicate node id '" + spec.id() + "'");
      }
      nodes.put(spec.id(), spec);
      return this;
    }

    /** Adds an Elastic IP; a duplicate allocation id is rejected at once. */
    public Builder elasticIp(ElasticIp eip) {
      Objects.requireNonNull(eip, "elasticIp must not be null");
      for (ElasticIp e : elasticIps) {
        if (e.allocationId().equals(eip.allocationId())) {
          throw new IllegalArgumentException("duplicate elastic IP allocationId '" + eip.allocationId() + "'");
        }
        if (e.publicIp().equals(eip.publicIp())) {
          throw new IllegalArgumentException("duplicate elastic IP publicIp '" + eip.publicIp() + "'");
        }
      }
      elasticIps.add(eip);
      return this;
    }

    /** Validates across fields and builds the topology. */
    public ClusterTopology build() {
      if (clusterName == null) {
        throw new IllegalArgumentException("clusterName must be set");
      }
      if (nodes.isEmpty()) {
        throw new IllegalArgumentException("cluster '" + clusterName + "' must have at least one node, was empty");
      }
      Map<String, NodeId> seenIps = new HashMap<>();
      for (NodeSpec n : nodes.values()) {
        List<AttachmentPoint> all = new ArrayList<>(n.homePoints());
        all.addAll(n.reservedPoints());
        for (AttachmentPoint p : all) {
          NodeId previous = seenIps.putIfAbsent(p.privateIp(), n.id());
          if (previous != null) {
            throw new IllegalArgumentException(
                "duplicate private IP " + p.privateIp() + " on nodes '" + previous + "' and '" + n.id() + "'");
          }
        }
      }
      Map<NodeId, Integer> homed = new HashMap<>();
      for (ElasticIp eip : elasticIps) {
        if (!nodes.containsKey(eip.home())) {
          throw new IllegalArgumentException(
              "elastic IP " + eip.allocationId() + " has home '" + eip.home() + "', which is not a node of "
                  + nodes.keySet());
        }
        homed.merge(eip.home(), 1, Integer::sum);
      }
      for (Map.Entry<NodeId, Integer> e : homed.entrySet()) {
        int points = nodes.get(e.getKey()).homePoints().size();
        if (e.getValue() > points) {
          throw new IllegalArgumentException(
              "node '" + e.getKey() + "' is home of " + e.getValue() + " elastic IPs but has " + points
                  + " home attachment point(s); each private IP carries one EIP");
        }
      }
      return new ClusterTopology(this);
    }
  }
}
