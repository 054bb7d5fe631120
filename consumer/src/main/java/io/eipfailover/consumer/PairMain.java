package io.eipfailover.consumer;

import io.eipfailover.aws.Ec2Clients;
import io.eipfailover.aws.Ec2ElasticIpManager;
import io.eipfailover.aws.testing.Ec2Fake;
import io.eipfailover.core.AttachmentPoint;
import io.eipfailover.core.ClusterTopology;
import io.eipfailover.core.EipFailover;
import io.eipfailover.core.ElasticIp;
import io.eipfailover.core.MemberState;
import io.eipfailover.core.NodeId;
import io.eipfailover.core.SplitBrainGuards;
import io.eipfailover.membership.udp.UdpKeyring;
import io.eipfailover.membership.udp.UdpMembership;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.function.BooleanSupplier;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;

/**
 * A pair of nodes against the EC2 fake of the aws test-jar, on loopback: both start, lb-a stops
 * without handing over, lb-b takes lb-a's EIP. With Micrometer (the default) both nodes' meters
 * are bound and lb-b's takeover must show in them; {@code --no-metrics} never touches Micrometer,
 * so this also runs without it on the class path. Prints one line per step, exits 0 when lb-b
 * took the EIP, 1 otherwise.
 */
public final class PairMain {
  static final String CLUSTER = "consumer";
  static final String ENI_A = "eni-0a0000000000000a";
  static final String ENI_B = "eni-0b0000000000000b";
  static final String ALLOC_A = "eipalloc-0a0";
  static final String ALLOC_B = "eipalloc-0b0";
  private static final Duration WAIT = Duration.ofSeconds(60);

  private PairMain() {}

  public static void main(String[] args) throws Exception {
    boolean metrics = !Arrays.asList(args).contains("--no-metrics");
    System.out.println("consumer: module " + PairMain.class.getModule().getName() + ", library module "
        + EipFailover.class.getModule().getName() + ", metrics " + (metrics ? "on" : "off")
        + ", Micrometer " + (micrometerPresent() ? "present" : "absent"));
    try (Ec2Fake fake = Ec2Fake.start()) {
      fake.addTaggedNode(CLUSTER, "lb-a", "i-0a0000000000000a", ENI_A, "10.0.1.10", "10.0.1.20");
      fake.addTaggedNode(CLUSTER, "lb-b", "i-0b0000000000000b", ENI_B, "10.0.2.10", "10.0.2.20");
      fake.addTaggedAddress(CLUSTER, "lb-a", ALLOC_A, "203.0.113.10");
      fake.addTaggedAddress(CLUSTER, "lb-b", ALLOC_B, "203.0.113.20");
      fake.associate(ALLOC_A, ENI_A, "10.0.1.10");
      fake.associate(ALLOC_B, ENI_B, "10.0.2.10");
      System.exit(run(fake, metrics) ? 0 : 1);
    }
  }

  private static boolean run(Ec2Fake fake, boolean metrics) throws InterruptedException {
    ClusterTopology topology = ClusterTopology.builder().clusterName(CLUSTER)
        .node(NodeId.of("lb-a"), AttachmentPoint.primary(ENI_A, "10.0.1.10"), AttachmentPoint.reserved(ENI_A, "10.0.1.20"))
        .node(NodeId.of("lb-b"), AttachmentPoint.primary(ENI_B, "10.0.2.10"), AttachmentPoint.reserved(ENI_B, "10.0.2.20"))
        .elasticIp(ElasticIp.of(ALLOC_A, "203.0.113.10", "lb-a"))
        .elasticIp(ElasticIp.of(ALLOC_B, "203.0.113.20", "lb-b"))
        .build();
    int portA = freeUdpPort();
    int portB = freeUdpPort();
    Meters meters = metrics ? Meters.create() : null;
    try (Node a = new Node(fake, topology, "lb-a", portA, "lb-b", portB, meters);
        Node b = new Node(fake, topology, "lb-b", portB, "lb-a", portA, meters)) {
      a.failover.start();
      b.failover.start();
      if (!await(() -> a.sees("lb-b", MemberState.ALIVE) && b.sees("lb-a", MemberState.ALIVE))) {
        System.out.println("FAILED: the pair never saw each other alive");
        return false;
      }
      System.out.println("consumer: lb-a and lb-b see each other alive");
      long stoppedAt = System.nanoTime();
      a.close();
      boolean taken = await(() -> fake.association(ALLOC_A).map(x -> x.networkInterfaceId().equals(ENI_B)).orElse(false));
      if (!taken) {
        System.out.println("FAILED: lb-b did not take lb-a's EIP within " + WAIT);
        return false;
      }
      System.out.println("consumer: lb-b took 203.0.113.10 " + (System.nanoTime() - stoppedAt) / 1_000_000
          + " ms after lb-a stopped");
      if (meters == null) {
        return true;
      }
      boolean shown = await(meters::showTakeover);
      System.out.println("consumer: meters: " + meters.summary());
      if (!shown) {
        System.out.println("FAILED: the meters did not show the takeover within " + WAIT);
      }
      return shown;
    }
  }

  private static boolean micrometerPresent() {
    try {
      Class.forName("io.micrometer.core.instrument.MeterRegistry", false, PairMain.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException e) {
      return false;
    }
  }

  private static boolean await(BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        return false;
      }
      Thread.sleep(50);
    }
    return true;
  }

  private static int freeUdpPort() {
    try (DatagramSocket s = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** One node: its own EC2 client (with the EC2 meters when on), membership and failover. */
  static final class Node implements AutoCloseable {
    final EipFailover failover;
    private final Ec2Client ec2;
    private boolean closed;

    Node(Ec2Fake fake, ClusterTopology topology, String self, int port, String peer, int peerPort, Meters meters) {
      NodeId id = NodeId.of(self);
      Ec2Clients.Builder clients = Ec2Clients.builder().region(Region.of(fake.region())).endpointOverride(fake.endpoint())
          .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKID" + self.toUpperCase()
              .replace("-", ""), Ec2Fake.TEST_SECRET)));
      if (meters != null) {
        meters.instrument(clients, self);
      }
      this.ec2 = clients.build();
      UdpMembership membership = UdpMembership.builder().self(id).topology(topology)
          .keyring(UdpKeyring.of(1, "consumer-check-secret-key".getBytes(StandardCharsets.UTF_8)))
          .bindAddress("127.0.0.1", port).peer(NodeId.of(peer), "127.0.0.1", peerPort).build();
      this.failover = EipFailover.builder().topology(topology).self(id).membership(membership)
          .elasticIpManager(Ec2ElasticIpManager.builder().ec2Client(ec2).nodeId(id).build())
          .guard(SplitBrainGuards.reachability(
              List.of(new InetSocketAddress("127.0.0.1", fake.endpoint().getPort())), Duration.ofSeconds(1)))
          .build();
      if (meters != null) {
        meters.bind(failover, topology, membership, self);
      }
    }

    boolean sees(String node, MemberState state) {
      return failover.status().view() != null && failover.status().view().stateOf(NodeId.of(node)) == state;
    }

    @Override
    public void close() {
      if (!closed) {
        closed = true;
        failover.close();
        ec2.close();
      }
    }
  }
}
