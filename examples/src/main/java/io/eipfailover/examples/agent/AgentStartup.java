package io.eipfailover.examples.agent;

import io.eipfailover.aws.Ec2InstanceIdentity;
import io.eipfailover.aws.Ec2Preflight;
import io.eipfailover.aws.Ec2SecondaryIpProvisioner;
import io.eipfailover.aws.Ec2TagTopology;
import io.eipfailover.aws.PreflightReport;
import io.eipfailover.core.AttachmentPoint;
import io.eipfailover.core.ClusterTopology;
import io.eipfailover.core.EipFailoverException;
import io.eipfailover.core.NodeId;
import io.eipfailover.core.NodeSpec;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.NetworkInterface;

/**
 * The agent's start-up sequence before the failover runs: IMDSv2 self-discovery (only when the
 * configuration needs it), reserved-IP provisioning on the ENI, the topology (explicit or from
 * tags), this node's id, the instance ids the EC2 witness guard needs, and preflight. Each step
 * fails with a message saying what to fix. Stateless.
 */
final class AgentStartup {
  private static final Logger LOG = LoggerFactory.getLogger(AgentStartup.class);

  /** What start-up found. */
  record Prepared(NodeId self, ClusterTopology topology, Map<NodeId, String> instanceIds,
      Optional<Ec2InstanceIdentity> identity) {}

  private AgentStartup() {}

  static Prepared prepare(AgentConfig cfg, Ec2Client ec2) {
    boolean needIdentity = cfg.nodeId().isEmpty() || cfg.topology().isEmpty() || cfg.provision().reservedIps() > 0;
    Optional<Ec2InstanceIdentity> identity = needIdentity ? Optional.of(identity(cfg)) : Optional.empty();
    String logId = cfg.nodeId().map(NodeId::value).orElse("discover");
    identity.ifPresent(i -> LOG.info("[id={}] IMDSv2: {}", logId, i));
    if (cfg.provision().reservedIps() > 0) {
      provision(cfg, ec2, identity.orElseThrow(), logId);
    }
    ClusterTopology topology = cfg.topology().orElseGet(() -> Ec2TagTopology.builder().ec2Client(ec2)
        .clusterName(cfg.clusterName()).build().load());
    NodeId self = cfg.nodeId().orElseGet(() -> discoverSelf(topology, identity.orElseThrow()));
    LOG.info("[id={}] topology {} (fingerprint {})", self, topology, Long.toHexString(topology.fingerprint()));
    Map<NodeId, String> instanceIds = cfg.guards().kinds().contains(AgentConfig.GuardKind.EC2_INSTANCE_STATE)
        ? instanceIds(ec2, topology) : Map.of();
    return new Prepared(self, topology, instanceIds, identity);
  }

  static Ec2InstanceIdentity identity(AgentConfig cfg) {
    Ec2InstanceIdentity.Builder b = Ec2InstanceIdentity.builder();
    cfg.ec2().imdsEndpoint().ifPresent(b::endpoint);
    cfg.nodeId().ifPresent(b::nodeId);
    return b.load();
  }

  /** The node whose ENIs belong to this instance. */
  static NodeId discoverSelf(ClusterTopology topology, Ec2InstanceIdentity identity) {
    Set<String> enis = new HashSet<>();
    identity.interfaces().forEach(i -> enis.add(i.networkInterfaceId()));
    List<NodeId> matches = new ArrayList<>();
    for (NodeSpec n : topology.nodes().values()) {
      List<AttachmentPoint> points = new ArrayList<>(n.homePoints());
      points.addAll(n.reservedPoints());
      if (points.stream().anyMatch(p -> enis.contains(p.networkInterfaceId()))) {
        matches.add(n.id());
      }
    }
    if (matches.size() != 1) {
      throw new EipFailoverException("node.id=discover: instance " + identity.instanceId() + " with ENIs " + enis
          + " matches " + (matches.isEmpty() ? "no node" : "several nodes " + matches) + " of the topology "
          + topology.nodeIds() + "; set node.id explicitly or fix the ENI ids / eipfailover:node tags");
    }
    return matches.get(0);
  }

  private static void provision(AgentConfig cfg, Ec2Client ec2, Ec2InstanceIdentity identity, String logId) {
    Ec2SecondaryIpProvisioner p = Ec2SecondaryIpProvisioner.builder().ec2Client(ec2)
        .networkInterfaceId(identity.primaryInterface().networkInterfaceId()).build();
    int wanted = cfg.provision().reservedIps();
    if (cfg.dryRun()) {
      Ec2SecondaryIpProvisioner.Result now = p.current();
      int missing = Math.max(0, wanted - now.secondaryIps().size());
      LOG.info("[id={}] dry run: ENI {} holds {} secondary IP(s); would assign {}", logId,
          now.networkInterfaceId(), now.secondaryIps().size(), missing);
      return;
    }
    Ec2SecondaryIpProvisioner.Result r = p.ensureReserved(wanted);
    LOG.info("[id={}] ENI {} holds secondary IPs {} (assigned now: {})", logId, r.networkInterfaceId(),
        r.secondaryIps(), r.assigned());
  }

  /** Node → instance id, from the ENIs' attachments (one filtered DescribeNetworkInterfaces). */
  static Map<NodeId, String> instanceIds(Ec2Client ec2, ClusterTopology topology) {
    Map<String, NodeId> byEni = new LinkedHashMap<>();
    topology.nodes().values().forEach(n -> n.homePoints().forEach(p -> byEni.put(p.networkInterfaceId(), n.id())));
    Map<NodeId, String> out = new LinkedHashMap<>();
    for (NetworkInterface eni : ec2.describeNetworkInterfaces(r -> r.networkInterfaceIds(byEni.keySet()))
        .networkInterfaces()) {
      if (eni.attachment() != null && eni.attachment().instanceId() != null) {
        out.put(byEni.get(eni.networkInterfaceId()), eni.attachment().instanceId());
      }
    }
    return out;
  }

  /** Runs the AWS preflight for this node. */
  static PreflightReport preflight(AgentConfig cfg, Ec2Client ec2, Prepared p) {
    Ec2Preflight.Builder b = Ec2Preflight.builder().ec2Client(ec2).topology(p.topology()).self(p.self());
    if (p.identity().isPresent()) {
      Ec2InstanceIdentity id = p.identity().get();
      b.instanceIdentity(() -> id);
    } else {
      cfg.ec2().imdsEndpoint().ifPresent(b::imdsEndpoint);
    }
    return b.build().run();
  }
}
