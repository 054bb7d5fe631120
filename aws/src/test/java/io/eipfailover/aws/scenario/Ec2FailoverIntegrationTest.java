package io.eipfailover.aws.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.base.Ticker;
import io.eipfailover.aws.Ec2ElasticIpManager;
import io.eipfailover.aws.Ec2InstanceStateGuard;
import io.eipfailover.aws.Ec2TagTopology;
import io.eipfailover.aws.TestClients;
import io.eipfailover.aws.testing.Ec2Call;
import io.eipfailover.aws.testing.Ec2Fake;
import io.eipfailover.aws.testing.FakeAssociation;
import io.eipfailover.core.ClusterTopology;
import io.eipfailover.core.EipFailover;
import io.eipfailover.core.ElasticIp;
import io.eipfailover.core.FailoverConfig;
import io.eipfailover.core.FailoverStrategies;
import io.eipfailover.core.MemberState;
import io.eipfailover.core.NodeId;
import io.eipfailover.core.testing.Await;
import io.eipfailover.core.testing.ManualMembership;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;

/**
 * The core reconciler with {@link Ec2ElasticIpManager} and the EC2 witness guard, over real HTTP to
 * the EC2 fake, in real time, under random throttling, latency and a lagging describe: a dead node's
 * EIP moves to the survivor's reserved IP, and comes home when the node recovers. How long that
 * takes is not asserted (the benchmarks measure failover times); only that it happens.
 */
class Ec2FailoverIntegrationTest {
  private static final NodeId A = NodeId.of("a");
  private static final NodeId B = NodeId.of("b");
  private static final Duration WAIT = Duration.ofSeconds(30);

  private final Ec2Fake fake = Ec2Fake.start();
  private final List<AutoCloseable> closeables = new ArrayList<>();

  @AfterEach
  void tearDown() throws Exception {
    for (int i = closeables.size() - 1; i >= 0; i--) {
      closeables.get(i).close();
    }
    fake.close();
  }

  private EipFailover node(NodeId self, ClusterTopology topology, ManualMembership membership, String peerInstance,
      NodeId peer) {
    Ec2Client ec2 = TestClients.ec2(fake, "AKIDNODE" + self.value().toUpperCase());
    closeables.add(ec2);
    EipFailover failover = EipFailover.builder()
        .topology(topology)
        .self(self)
        .membership(membership)
        .elasticIpManager(Ec2ElasticIpManager.builder().ec2Client(ec2).nodeId(self).build())
        .guard(Ec2InstanceStateGuard.builder().ec2Client(ec2).instance(peer, peerInstance).build())
        .strategy(FailoverStrategies.homeWithFailback(Duration.ofSeconds(1)))
        .config(FailoverConfig.builder()
            .detectionDeadline(Duration.ofSeconds(1))
            .startupGrace(Duration.ofMillis(200))
            .resyncInterval(Duration.ofSeconds(1))
            .confirmDelay(Duration.ofMillis(200))
            .initialBackoff(Duration.ofMillis(100))
            .maxBackoff(Duration.ofMillis(800))
            .holdTime(Duration.ofMillis(500))
            .apiBurst(20)
            .apiCallsPerSecond(20)
            .build())
        .random(new Random(self.hashCode()))
        .build();
    closeables.add(failover);
    return failover;
  }

  @Test
  void movesADeadNodesEipToTheSurvivorAndBackOnRecovery() throws Exception {
    fake.addTaggedNode("prod", "a", "i-0aaa", "eni-0aaa", "10.0.1.10", "10.0.1.11");
    fake.addTaggedNode("prod", "b", "i-0bbb", "eni-0bbb", "10.0.2.10", "10.0.2.11");
    fake.addTaggedAddress("prod", "a", "eipalloc-0a", "198.51.100.1");
    fake.addTaggedAddress("prod", "b", "eipalloc-0b", "198.51.100.2");
    fake.associate("eipalloc-0a", "eni-0aaa", "10.0.1.10");
    fake.associate("eipalloc-0b", "eni-0bbb", "10.0.2.10");
    ClusterTopology topology;
    try (Ec2Client ec2 = TestClients.ec2(fake)) {
      topology = Ec2TagTopology.builder().ec2Client(ec2).clusterName("prod").build().load();
    }
    ElasticIp eipB = topology.elasticIp("eipalloc-0b").orElseThrow();
    fake.faults().latency(Duration.ofMillis(10), Duration.ofMillis(60)).throttleRandomly(0.3)
        .describeLag(Duration.ofMillis(300));

    ManualMembership viewOfA = new ManualMembership(A, topology.nodeIds(), Ticker.systemTicker());
    ManualMembership viewOfB = new ManualMembership(B, topology.nodeIds(), Ticker.systemTicker());
    EipFailover nodeA = node(A, topology, viewOfA, "i-0bbb", B);
    EipFailover nodeB = node(B, topology, viewOfB, "i-0aaa", A);
    nodeA.start();
    nodeB.start();
    long describesOfA = describesBy("AKIDNODEA");
    long describesOfB = describesBy("AKIDNODEB");
    viewOfA.set(B, MemberState.ALIVE);
    viewOfB.set(A, MemberState.ALIVE);
    // Both reconcilers ran passes that saw the other ALIVE (a describe answered, twice each): by
    // then a wrong takeover would have been sent.
    Await.until("two answered describes by each node", WAIT,
        () -> describesBy("AKIDNODEA") >= describesOfA + 2 && describesBy("AKIDNODEB") >= describesOfB + 2, fake::calls);
    assertEquals(at("eni-0bbb", "10.0.2.10"), where("eipalloc-0b"));
    assertTrue(fake.calls("AssociateAddress").isEmpty(), () -> "no move while both live: " + fake.calls());

    // b dies: its agent stops, EC2 shows the instance stopped, a's membership declares it dead,
    // and a throttling burst hits the takeover's first calls.
    nodeB.close();
    fake.setInstanceState("i-0bbb", "stopped");
    fake.faults().throttleNext(2);
    viewOfA.set(B, MemberState.DEAD);
    awaitAssociation("eipalloc-0b", "eni-0aaa", "10.0.1.11");

    // b comes back: a new agent, both sides see each other alive; b pulls its EIP home.
    fake.setInstanceState("i-0bbb", "running");
    ManualMembership viewOfB2 = new ManualMembership(B, topology.nodeIds(), Ticker.systemTicker());
    EipFailover nodeB2 = node(B, topology, viewOfB2, "i-0aaa", A);
    nodeB2.start();
    viewOfB2.set(A, MemberState.ALIVE);
    viewOfA.set(B, MemberState.ALIVE);
    awaitAssociation("eipalloc-0b", "eni-0bbb", "10.0.2.10");
    // The fake changes the association just before it logs the call: wait for the log too.
    Await.until("both moves in the call log", WAIT, () -> fake.calls("AssociateAddress").stream()
        .filter(Ec2Call::succeeded).map(Ec2Call::caller).distinct().count() == 2, fake::calls);

    assertEquals(at("eni-0aaa", "10.0.1.10"), where("eipalloc-0a"), "a's own EIP never moved");
    List<Ec2Call> calls = fake.calls();
    assertTrue(calls.stream().anyMatch(c -> c.errorCode().equals("RequestLimitExceeded")), "throttling was injected");
    assertTrue(calls.stream().noneMatch(c -> c.action().equals("DisassociateAddress")), "never disassociates");
    List<Ec2Call> moves = calls.stream().filter(c -> c.action().equals("AssociateAddress") && c.succeeded()).toList();
    assertTrue(moves.stream().anyMatch(c -> c.caller().equals("AKIDNODEA") && c.param("AllocationId").equals(eipB.allocationId())
        && c.param("PrivateIpAddress").equals("10.0.1.11")), moves.toString());
    assertTrue(moves.stream().anyMatch(c -> c.caller().equals("AKIDNODEB") && c.param("AllocationId").equals(eipB.allocationId())
        && c.param("PrivateIpAddress").equals("10.0.2.10")), moves.toString());
    assertTrue(moves.stream().allMatch(c -> "true".equals(c.param("AllowReassociation"))), moves.toString());
    assertTrue(calls.stream().anyMatch(c -> c.action().equals("DescribeInstanceStatus") && c.caller().equals("AKIDNODEA")),
        "a asked the EC2 witness before taking b's EIP");
  }

  private long describesBy(String caller) {
    return fake.calls("DescribeAddresses").stream().filter(c -> c.succeeded() && c.caller().equals(caller)).count();
  }

  private Optional<FakeAssociation> where(String allocationId) {
    return fake.association(allocationId).map(a -> new FakeAssociation("-", a.networkInterfaceId(), a.privateIp()));
  }

  private static Optional<FakeAssociation> at(String eni, String ip) {
    return Optional.of(new FakeAssociation("-", eni, ip));
  }

  private void awaitAssociation(String allocationId, String eni, String ip) {
    Await.until(allocationId + " at " + eni + "/" + ip, WAIT, () -> where(allocationId).equals(at(eni, ip)),
        () -> where(allocationId) + "; calls: " + fake.calls());
  }
}
