package io.eipfailover.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.eipfailover.aws.testing.Ec2Call;
import io.eipfailover.aws.testing.Ec2Fake;
import io.eipfailover.core.AttachmentPoint;
import io.eipfailover.core.ClusterTopology;
import io.eipfailover.core.ElasticIp;
import io.eipfailover.core.GuardVerdict;
import io.eipfailover.core.MemberEntry;
import io.eipfailover.core.MemberState;
import io.eipfailover.core.MembershipView;
import io.eipfailover.core.NodeId;
import io.eipfailover.core.TakeoverRequest;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;

/** The EC2 witness allows only when EC2 says the holder's instance is down or impaired. */
class Ec2InstanceStateGuardTest {
  private static final NodeId A = NodeId.of("a");
  private static final NodeId B = NodeId.of("b");
  private static final ElasticIp EIP_B = ElasticIp.of("eipalloc-0b", "198.51.100.2", "b");
  private static final ClusterTopology TOPOLOGY = ClusterTopology.builder().clusterName("prod")
      .node(A, AttachmentPoint.primary("eni-0aaa", "10.0.1.10"), AttachmentPoint.reserved("eni-0aaa", "10.0.1.11"))
      .node(B, AttachmentPoint.primary("eni-0bbb", "10.0.2.10"), AttachmentPoint.reserved("eni-0bbb", "10.0.2.11"))
      .elasticIp(EIP_B).build();
  private static final MembershipView VIEW = new MembershipView(3, A,
      Map.of(A, MemberEntry.of(MemberState.ALIVE, 0), B, MemberEntry.of(MemberState.DEAD, 0)));

  private Ec2Fake fake;
  private Ec2Client ec2;
  private Ec2InstanceStateGuard guard;

  @BeforeEach
  void setUp() {
    fake = Ec2Fake.start();
    fake.addTaggedNode("prod", "a", "i-0aaa", "eni-0aaa", "10.0.1.10", "10.0.1.11");
    fake.addTaggedNode("prod", "b", "i-0bbb", "eni-0bbb", "10.0.2.10", "10.0.2.11");
    ec2 = TestClients.ec2(fake);
    guard = Ec2InstanceStateGuard.builder().ec2Client(ec2).instance(A, "i-0aaa").instance(B, "i-0bbb").build();
  }

  @AfterEach
  void tearDown() {
    ec2.close();
    fake.close();
  }

  private GuardVerdict askToTakeFromB() {
    return guard.evaluate(new TakeoverRequest(A, EIP_B, Optional.of(B), VIEW, TOPOLOGY));
  }

  @Test
  void deniesWhileThePeerRunsHealthy() {
    GuardVerdict v = askToTakeFromB();
    assertFalse(v.allowed());
    assertTrue(v.reason().contains("i-0bbb") && v.reason().contains("running"), v.reason());
    Ec2Call c = fake.calls("DescribeInstanceStatus").get(0);
    assertEquals("i-0bbb", c.param("InstanceId.1"));
    assertEquals(null, c.param("InstanceId.2"));
    assertEquals("true", c.param("IncludeAllInstances"));
  }

  @Test
  void allowsWhenThePeerIsStoppedOrTerminatedOrShuttingDown() {
    for (String state : new String[] {"stopping", "stopped", "shutting-down", "terminated"}) {
      fake.setInstanceState("i-0bbb", state);
      GuardVerdict v = askToTakeFromB();
      assertTrue(v.allowed(), state + ": " + v);
      assertTrue(v.reason().contains(state), v.reason());
    }
  }

  @Test
  void allowsWhenAStatusCheckIsImpaired() {
    fake.setStatusChecks("i-0bbb", "impaired", "ok");
    assertTrue(askToTakeFromB().allowed());
    fake.setStatusChecks("i-0bbb", "ok", "impaired");
    assertTrue(askToTakeFromB().allowed());
    fake.setStatusChecks("i-0bbb", "initializing", "ok");
    assertFalse(askToTakeFromB().allowed());
  }

  @Test
  void deniesWhenEc2CannotBeAsked() {
    fake.setInstanceState("i-0bbb", "stopped");
    fake.faults().outage(true);
    GuardVerdict v = askToTakeFromB();
    assertFalse(v.allowed());
    assertTrue(v.reason().contains("unavailable"), v.reason());
    fake.faults().outage(false).deny("DescribeInstanceStatus");
    GuardVerdict denied = askToTakeFromB();
    assertFalse(denied.allowed());
    assertTrue(denied.reason().contains("ec2:DescribeInstanceStatus"), denied.reason());
  }

  @Test
  void deniesWithoutAKnownHolderOrInstanceId() {
    assertFalse(guard.evaluate(new TakeoverRequest(A, EIP_B, Optional.empty(), VIEW, TOPOLOGY)).allowed());
    Ec2InstanceStateGuard partial = Ec2InstanceStateGuard.builder().ec2Client(ec2).instance(A, "i-0aaa").build();
    GuardVerdict v = partial.evaluate(new TakeoverRequest(A, EIP_B, Optional.of(B), VIEW, TOPOLOGY));
    assertFalse(v.allowed());
    assertTrue(v.reason().contains("no instance id configured for node 'b'"), v.reason());
    Ec2InstanceStateGuard typo = Ec2InstanceStateGuard.builder().ec2Client(ec2).instance(B, "i-0bad").build();
    GuardVerdict t = typo.evaluate(new TakeoverRequest(A, EIP_B, Optional.of(B), VIEW, TOPOLOGY));
    assertFalse(t.allowed());
    assertTrue(t.reason().contains("i-0bad"), t.reason());
  }

  @Test
  void builderRejectsBadSettings() {
    IllegalArgumentException id = assertThrows(IllegalArgumentException.class,
        () -> Ec2InstanceStateGuard.builder().instance(A, "eni-0aaa"));
    assertEquals("instanceId must look like i-0123abcd, was 'eni-0aaa'", id.getMessage());
    IllegalArgumentException empty = assertThrows(IllegalArgumentException.class,
        () -> Ec2InstanceStateGuard.builder().ec2Client(ec2).build());
    assertEquals("instances must map at least one node to its instance id, was empty", empty.getMessage());
  }
}
