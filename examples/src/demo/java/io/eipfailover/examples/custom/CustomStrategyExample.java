package io.eipfailover.examples.custom;

import com.google.common.base.Ticker;
import io.eipfailover.aws.Ec2Clients;
import io.eipfailover.aws.Ec2ElasticIpManager;
import io.eipfailover.aws.testing.Ec2Fake;
import io.eipfailover.core.AttachmentPoint;
import io.eipfailover.core.ClusterTopology;
import io.eipfailover.core.EipFailover;
import io.eipfailover.core.ElasticIp;
import io.eipfailover.core.FailoverConfig;
import io.eipfailover.core.MemberState;
import io.eipfailover.core.NodeId;
import io.eipfailover.core.SplitBrainGuards;
import io.eipfailover.core.event.GuardDenied;
import io.eipfailover.core.event.TakeoverCompleted;
import io.eipfailover.core.testing.LoopbackPorts;
import io.eipfailover.examples.agent.AgentNode;
import io.eipfailover.examples.agent.LogLevels;
import io.eipfailover.membership.udp.UdpKeyring;
import io.eipfailover.membership.udp.UdpMembership;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;

/**
 * Plugging in your own policies: three nodes in this JVM (real UDP membership on loopback, the real
 * EC2 binding against the EC2 fake), each running {@link EipFailover} with a user-written strategy
 * ({@link LeastLoadedStrategy}) and guard ({@link KillSwitchGuard} in front of the built-in quorum
 * guard). lb-a stops while the kill switch is set: nobody takes its EIP (the guard says why); the
 * switch is cleared: the least-loaded survivor takes it. Exits 0 when both happened.
 */
public final class CustomStrategyExample {
  private CustomStrategyExample() {}

  public static void main(String[] args) throws Exception {
    LogLevels.setRoot("WARN");
    System.exit(run(System.out, d -> Thread.sleep(d.toMillis())) ? 0 : 1);
  }

  /** Runs the example; true when the guard held and the takeover then happened. */
  public static boolean run(PrintStream out, AgentNode.Sleeper sleeper) throws Exception {
    Path dir = Files.createTempDirectory("eipfailover-custom");
    Path killSwitch = dir.resolve("no-takeover");
    AtomicInteger denials = new AtomicInteger();
    Map<String, String> takenBy = new java.util.concurrent.ConcurrentHashMap<>();
    try (Ec2Fake fake = Ec2Fake.builder().anyAccessKey("example").start();
        Ec2Client ec2 = Ec2Clients.builder().region(Region.US_EAST_1).endpointOverride(fake.endpoint())
            .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "example")))
            .build()) {
      ClusterTopology.Builder tb = ClusterTopology.builder().clusterName("custom");
      Map<NodeId, Integer> ports = new LinkedHashMap<>();
      for (char c = 'a'; c <= 'c'; c++) {
        String eni = "eni-0" + c;
        String subnet = "10.0." + (c - 'a' + 1) + ".";
        fake.addTaggedNode("custom", "lb-" + c, "i-0" + c, eni, subnet + "10", subnet + "20", subnet + "21");
        tb.node(NodeId.of("lb-" + c), AttachmentPoint.primary(eni, subnet + "10"),
            AttachmentPoint.reserved(eni, subnet + "20"), AttachmentPoint.reserved(eni, subnet + "21"));
        String alloc = "eipalloc-0" + c;
        fake.addTaggedAddress("custom", "lb-" + c, alloc, "203.0.113." + (c - 'a' + 1));
        fake.associate(alloc, eni, subnet + "10");
        tb.elasticIp(ElasticIp.of(alloc, "203.0.113." + (c - 'a' + 1), "lb-" + c));
        ports.put(NodeId.of("lb-" + c), LoopbackPorts.reserve());
      }
      ClusterTopology topology = tb.build();
      UdpKeyring keys = UdpKeyring.builder().primary(1, "example-secret-0123456789").build();
      List<EipFailover> nodes = new ArrayList<>();
      for (NodeId self : topology.nodeIds()) {
        var membership = UdpMembership.builder().self(self).topology(topology).keyring(keys)
            .bindAddress("127.0.0.1", ports.get(self));
        ports.forEach((peer, port) -> {
          if (!peer.equals(self)) {
            membership.peer(peer, "127.0.0.1", port);
          }
        });
        EipFailover f = EipFailover.builder()
            .topology(topology)
            .self(self)
            .membership(membership.build())
            .elasticIpManager(Ec2ElasticIpManager.builder().ec2Client(ec2).nodeId(self).build())
            .strategy(new LeastLoadedStrategy())
            .guard(new KillSwitchGuard(killSwitch, SplitBrainGuards.quorum()))
            .config(FailoverConfig.builder().startupGrace(Duration.ofSeconds(1)).build())
            .listener(e -> {
              if (e instanceof GuardDenied g && denials.getAndIncrement() == 0) {
                out.printf("[%s] guard denied taking %s: %s%n", g.self(), g.elasticIp().publicIp(), g.reason());
              } else if (e instanceof TakeoverCompleted t) {
                takenBy.put(t.elasticIp().allocationId(), t.self().value());
                out.printf("[%s] took %s from %s (%s)%n", t.self(), t.elasticIp().publicIp(),
                    t.from().map(Object::toString).orElse("nobody"), t.timeline());
              }
            }, Runnable::run)
            .build();
        nodes.add(f);
      }
      try {
        nodes.forEach(EipFailover::start);
        out.println("3 nodes: strategy leastLoaded, guard killSwitch(" + killSwitch + ") then quorum");
        waitUntil(sleeper, Duration.ofSeconds(15), () -> nodes.stream().allMatch(
            n -> n.status().view() != null && n.status().view().count(MemberState.ALIVE) == 3));
        sleeper.sleep(Duration.ofMillis(1500));
        Files.createFile(killSwitch);
        out.println("kill switch set; stopping lb-a");
        nodes.get(0).close();
        waitUntil(sleeper, Duration.ofSeconds(10), () -> denials.get() > 0);
        sleeper.sleep(Duration.ofSeconds(1));
        boolean held = fake.association("eipalloc-0a").orElseThrow().networkInterfaceId().equals("eni-0a");
        out.println("after the guard's denials, 203.0.113.1 is still on lb-a: " + held);
        Files.delete(killSwitch);
        out.println("kill switch cleared");
        boolean moved = waitUntil(sleeper, Duration.ofSeconds(15), () -> takenBy.containsKey("eipalloc-0a"));
        out.println("203.0.113.1 now on " + fake.association("eipalloc-0a").orElseThrow().networkInterfaceId()
            + " (least loaded survivor, ties by node id: lb-b)");
        return held && moved && "lb-b".equals(takenBy.get("eipalloc-0a"));
      } finally {
        nodes.forEach(EipFailover::close);
        Files.deleteIfExists(killSwitch);
        Files.deleteIfExists(dir);
      }
    }
  }

  private static boolean waitUntil(AgentNode.Sleeper sleeper, Duration timeout, BooleanSupplier c)
      throws InterruptedException {
    long start = Ticker.systemTicker().read();
    while (!c.getAsBoolean()) {
      if (Ticker.systemTicker().read() - start > timeout.toNanos()) {
        return false;
      }
      sleeper.sleep(Duration.ofMillis(20));
    }
    return true;
  }

}
