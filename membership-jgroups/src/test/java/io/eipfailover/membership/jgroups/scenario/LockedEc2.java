package io.eipfailover.membership.jgroups.scenario;

import io.eipfailover.core.AttachmentPoint;
import io.eipfailover.core.ElasticIp;
import io.eipfailover.core.ElasticIpManager;
import io.eipfailover.core.NodeId;
import io.eipfailover.core.ObservedAssociation;
import io.eipfailover.core.testing.FakeElasticIpManager;
import io.eipfailover.core.testing.SimulatedEc2;
import java.util.Collection;
import java.util.Map;

/**
 * One node's view of the core kit's {@link SimulatedEc2}, made safe for real threads: the simulated
 * EC2 expects one driving thread, while here three reconcilers call it on their own schedulers, so
 * every call (and every read by the test) holds the EC2 object's monitor.
 */
final class LockedEc2 implements ElasticIpManager {
  private final SimulatedEc2 ec2;
  private final FakeElasticIpManager delegate;

  LockedEc2(SimulatedEc2 ec2, NodeId node) {
    this.ec2 = ec2;
    this.delegate = new FakeElasticIpManager(ec2, node);
  }

  @Override
  public Map<String, ObservedAssociation> describe(Collection<ElasticIp> elasticIps) {
    synchronized (ec2) {
      return delegate.describe(elasticIps);
    }
  }

  @Override
  public String associate(ElasticIp elasticIp, AttachmentPoint target) {
    synchronized (ec2) {
      return delegate.associate(elasticIp, target);
    }
  }
}
