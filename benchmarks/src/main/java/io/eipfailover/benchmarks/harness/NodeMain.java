package io.eipfailover.benchmarks.harness;

import com.google.common.base.Ticker;
import com.google.common.util.concurrent.MoreExecutors;
import io.eipfailover.aws.Ec2Clients;
import io.eipfailover.aws.Ec2ElasticIpManager;
import io.eipfailover.core.ClusterTopology;
import io.eipfailover.core.EipFailover;
import io.eipfailover.core.FailoverStrategies;
import io.eipfailover.core.HealthChecks;
import io.eipfailover.core.Membership;
import io.eipfailover.core.SplitBrainGuards;
import io.eipfailover.membership.jgroups.JGroupsMembership;
import io.eipfailover.membership.udp.DatagramTransport;
import io.eipfailover.membership.udp.DatagramTransports;
import io.eipfailover.membership.udp.UdpKeyring;
import io.eipfailover.membership.udp.UdpMembership;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;

/**
 * One agent of the failover harness, run as its own JVM so that {@code kill -9} and {@code SIGSTOP}
 * are real: the real membership (UDP on loopback, or JGroups), the real AWS SDK binding pointed at
 * the harness's EC2 fake (access key = node id, so the fake's call log says who called), and the
 * real {@link EipFailover} with the default home-with-fail-back strategy and a reachability guard
 * whose "gateway" is the fake's port. Two knobs differ from the defaults so that repetitions are
 * quick, neither on the takeover path: fail-back delay 1 s (default 10 s) and flap-damping hold time
 * 2 s (default 30 s).
 *
 * <p>Prints {@link EventLine}s on stdout and reads commands on stdin: {@code standby}, {@code
 * resume}, {@code reconcile} ({@link EipFailover#reconcileNow()}), {@code quit}. Arguments: see {@link NodeOptions}.
 */
public final class NodeMain {
  private NodeMain() {}

  public static void main(String[] args) throws IOException {
    NodeOptions o = NodeOptions.parse(args);
    Clock clock = Clock.systemUTC();
    Ticker ticker = Ticker.systemTicker();
    EventLine.Printer out = new EventLine.Printer(System.out, clock);
    ClusterTopology topology = PairLayout.topology();
    Membership membership = o.profile().udp() ? udp(o, topology, ticker) : jgroups(o, topology, ticker);
    membership.addListener(new ViewPrinter(o.self(), out), MoreExecutors.directExecutor());
    Ec2Client ec2 = Ec2Clients.builder()
        .endpointOverride(o.ec2())
        .region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(o.self().value(), "secret")))
        .apiCallTimeout(Duration.ofSeconds(2))
        .apiCallAttemptTimeout(Duration.ofSeconds(1))
        .build();
    EipFailover failover = EipFailover.builder()
        .topology(topology)
        .self(o.self())
        .membership(membership)
        .elasticIpManager(Ec2ElasticIpManager.builder().ec2Client(ec2).nodeId(o.self()).build())
        .guard(SplitBrainGuards.reachability(new InetSocketAddress(o.ec2().getHost(), o.ec2().getPort()),
            Duration.ofMillis(200)))
        .healthCheck(HealthChecks.alwaysHealthy(), Duration.ofSeconds(1))
        .strategy(FailoverStrategies.homeWithFailback(Duration.ofSeconds(1)))
        .holdTime(Duration.ofSeconds(2))
        .detectionDeadline(o.profile().detectionDeadline())
        .tickInterval(o.profile().tickInterval())
        .ticker(ticker)
        .clock(clock)
        .listener(event -> out.print("event", "type=" + event.getClass().getSimpleName(), event.toString()),
            MoreExecutors.directExecutor())
        .build();
    failover.start();
    out.print("ready", "pid=" + ProcessHandle.current().pid());
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    String line;
    while ((line = in.readLine()) != null) {
      switch (line.trim()) {
        case "standby" -> {
          out.print("command", "name=standby");
          failover.standby();
        }
        case "resume" -> {
          out.print("command", "name=resume");
          failover.resume();
        }
        case "reconcile" -> {
          out.print("command", "name=reconcile");
          failover.reconcileNow();
        }
        case "quit" -> {
          failover.close();
          ec2.close();
          out.print("closed");
          return;
        }
        default -> out.print("error", "unknown-command=" + line.trim());
      }
    }
    failover.close();
    ec2.close();
  }

  private static Membership udp(NodeOptions o, ClusterTopology topology, Ticker ticker) {
    InetSocketAddress bind = new InetSocketAddress(InetAddress.getLoopbackAddress(), o.selfPort());
    InetSocketAddress peerAddress = new InetSocketAddress(InetAddress.getLoopbackAddress(), o.peerPort());
    DatagramTransport transport = DatagramTransports.udp(o.self(), bind, Map.of(PairLayout.peerOf(o.self()), peerAddress),
        ticker, o.profile().detector());
    if (o.delayMillis() > 0 || o.loss() > 0 || o.noIcmp()) {
      transport = new ImpairedTransport(transport, ticker, new Random(o.seed() * 31 + o.self().hashCode()),
          Duration.ofMillis(o.delayMillis()).toNanos(), Duration.ofMillis(o.jitterMillis()).toNanos(), o.loss(),
          o.noIcmp());
    }
    return UdpMembership.builder()
        .self(o.self())
        .topology(topology)
        .peer(PairLayout.peerOf(o.self()), peerAddress)
        .keyring(UdpKeyring.builder().primary(1, "harness-shared-secret-0123456789").build())
        .detector(o.profile().detector())
        .ticker(ticker)
        .transport(transport)
        .build();
  }

  private static JGroupsMembership jgroups(NodeOptions o, ClusterTopology topology, Ticker ticker) {
    String host = InetAddress.getLoopbackAddress().getHostAddress();
    return JGroupsMembership.builder()
        .self(o.self())
        .topology(topology)
        .bindAddress(InetAddress.getLoopbackAddress())
        .bindPort(o.selfPort())
        .initialMembers(List.of(host + "[" + o.portA() + "]", host + "[" + o.portB() + "]"))
        .ticker(ticker)
        .build();
  }
}
