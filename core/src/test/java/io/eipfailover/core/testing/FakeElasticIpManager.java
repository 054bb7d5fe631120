package io.eipfailover.core.testing;

import io.eipfailover.core.AttachmentPoint;
import io.eipfailover.core.ElasticIp;
import io.eipfailover.core.ElasticIpManager;
import io.eipfailover.core.NodeId;
import io.eipfailover.core.ObservedAssociation;
import java.util.Collection;
import java.util.Map;
import java.util.Objects;

/**
 * One node's {@link ElasticIpManager} on a shared {@link SimulatedEc2}: every call is logged with
 * this node as the caller, errors are thrown as {@link io.eipfailover.core.ElasticIpManagerException}
 * with the kind a real EC2 error of that sort maps to. Calls answer at once in virtual time (the
 * association itself may take effect later; see {@link SimulatedEc2#setAssociateLatency}).
 */
public final class FakeElasticIpManager implements ElasticIpManager {
  private final SimulatedEc2 ec2;
  private final NodeId node;

  public FakeElasticIpManager(SimulatedEc2 ec2, NodeId node) {
    this.ec2 = Objects.requireNonNull(ec2, "ec2");
    this.node = Objects.requireNonNull(node, "node");
  }

  /** The node this manager calls as. */
  public NodeId node() {
    return node;
  }

  @Override
  public Map<String, ObservedAssociation> describe(Collection<ElasticIp> elasticIps) {
    return ec2.describe(node, elasticIps);
  }

  @Override
  public String associate(ElasticIp elasticIp, AttachmentPoint target) {
    return ec2.associate(node, elasticIp, target);
  }

  @Override
  public String toString() {
    return "FakeElasticIpManager{" + node + "}";
  }
}
