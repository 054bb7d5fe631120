package io.eipfailover.examples.demo;

import com.google.common.base.Ticker;
import io.eipfailover.core.MemberState;
import io.eipfailover.core.event.FailBack;
import io.eipfailover.core.event.FailoverEvent;
import io.eipfailover.core.event.FailoverTimeline;
import io.eipfailover.core.event.GuardDenied;
import io.eipfailover.core.event.LocalStatusChanged;
import io.eipfailover.core.event.PeerDead;
import io.eipfailover.core.event.PeerRecovered;
import io.eipfailover.core.event.TakeoverCompleted;
import io.eipfailover.core.event.TakeoverFailed;
import io.eipfailover.examples.agent.AgentNode;
import io.eipfailover.examples.agent.LogLevels;
import io.eipfailover.examples.demo.DemoCluster.Eip;
import io.eipfailover.examples.demo.DemoCluster.Node;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;

/**
 * The one-command local demo: an active-active pair (or N nodes) on this machine with nothing from
 * AWS. The EC2 fake (a stateful EC2 Query API on loopback) plays EC2; every node is a real agent
 * with real UDP (or JGroups) membership on loopback and the real {@code Ec2ElasticIpManager} on the
 * real AWS SDK client. Node {@code lb-a} runs in its own JVM so it can be killed like a crash; the
 * others run in this JVM so their events can be shown.
 *
 * <ol>
 *   <li>every node starts with its EIP(s) at home;
 *   <li>{@code kill -9} lb-a: a survivor takes its EIP(s); the measured failover timeline is shown;
 *   <li>lb-a restarts and, after the fail-back delay, pulls its EIP(s) home;
 *   <li>lb-b goes to standby: peers pull its EIP(s) while it keeps them, so there is no gap.
 * </ol>
 *
 * Exits 0 when all of that happened, 1 otherwise, by itself, in well under a minute.
 */
public final class LocalDemo {
  /** What the demo observed; {@link #ok()} when every step happened. */
  public record Result(boolean takeover, boolean failback, boolean handoff, boolean gapFree,
      Optional<Duration> failoverTime) {
    public boolean ok() {
      return takeover && failback && handoff && gapFree;
    }
  }

  /**
   * failover.startup-grace in {@link DemoCluster}'s configuration (2 s) plus a margin, counted from
   * when the nodes met: during the grace no node takes an EIP, so a crash right after start would
   * show the grace, not the failover time.
   */
  private static final Duration STARTUP_GRACE = Duration.ofMillis(2500);

  private final DemoOptions options;
  private final PrintStream out;
  private final AgentNode.Sleeper sleeper;
  private final Ticker ticker;
  private final long t0;
  private final Map<String, TakeoverCompleted> takeovers = new ConcurrentHashMap<>();

  private LocalDemo(DemoOptions options, PrintStream out, AgentNode.Sleeper sleeper, Ticker ticker) {
    this.options = options;
    this.out = out;
    this.sleeper = sleeper;
    this.ticker = ticker;
    this.t0 = ticker.read();
  }

  public static void main(String[] args) throws Exception {
    DemoOptions options;
    try {
      options = DemoOptions.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println("LocalDemo: " + e.getMessage());
      System.exit(2);
      return;
    }
    Result r = run(options, System.out, d -> Thread.sleep(d.toMillis()));
    System.exit(r.ok() ? 0 : 1);
  }

  /** Runs the demo with options from a command line; for tests and other mains. */
  public static Result run(String[] args, PrintStream out, AgentNode.Sleeper sleeper) throws Exception {
    return run(DemoOptions.parse(args), out, sleeper);
  }

  static Result run(DemoOptions options, PrintStream out, AgentNode.Sleeper sleeper) throws Exception {
    if (!options.verbose()) {
      LogLevels.setRoot("WARN");
    }
    DemoCredentials.install();
    return new LocalDemo(options, out, sleeper, Ticker.systemTicker()).run();
  }

  private Result run() throws Exception {
    String strategy = options.nodes() > 2 ? "balanced strategy, quorum guard" : "home-with-failback strategy";
    out.printf("== eip-failover local demo: %d nodes, %s membership, %s, fail-back delay %ss ==%n",
        options.nodes(), options.jgroups() ? "JGroups" : "UDP", strategy, options.failbackDelay().toMillis() / 1000.0);
    try (DemoCluster cluster = new DemoCluster(options.nodes(), options.jgroups(), options.failbackDelay())) {
      say("EC2 fake serving the EC2 Query API on %s", cluster.fake.endpoint());
      for (Node n : cluster.nodes) {
        say("  %s: instance %s, ENI %s, home %s, reserved %s, heartbeats on 127.0.0.1:%d", n.id(), n.instanceId(),
            n.eni(), n.homeIps(), n.reservedIps(), n.port());
      }
      Node a = cluster.nodes.get(0);
      List<AgentNode> inProcess = new ArrayList<>();
      NodeProcess childA = null;
      try {
        say("starting %s in its own JVM and %s in this one", a.id(),
            cluster.nodes.subList(1, cluster.nodes.size()).stream().map(Node::id).toList());
        childA = startChild(a);
        for (Node n : cluster.nodes.subList(1, cluster.nodes.size())) {
          AgentNode node = AgentNode.fromConfig(n.configFile(), ticker, List.of(this::onEvent));
          node.start();
          inProcess.add(node);
        }
        NodeProcess firstA = childA;
        boolean met = waitUntil(Duration.ofSeconds(25), () -> allAlive(inProcess, cluster.nodes.size()));
        if (!met) {
          say("FAILED: the nodes did not see each other within 25 s; %s said:%n%s", a.id(), firstA.tail());
          return new Result(false, false, false, false, Optional.empty());
        }
        say("all %d nodes see each other alive", cluster.nodes.size());
        // Heartbeat's initdead: a node takes nothing in its first seconds (failover.startup-grace).
        long metAt = ticker.read();
        waitUntil(STARTUP_GRACE, () -> ticker.read() - metAt > STARTUP_GRACE.toNanos());
        holdings(cluster);

        step("1. crash: kill -9 %s (pid %d)", a.id(), childA.pid());
        List<Eip> aEips = cluster.homedOn(a.id());
        childA.kill();
        boolean takeover = waitUntil(Duration.ofSeconds(20), () -> aEips.stream().allMatch(e ->
            takeovers.containsKey(e.allocationId()) && cluster.holder(e).filter(h -> !h.equals(a.id())).isPresent()));
        Optional<Duration> failoverTime = Optional.empty();
        for (Eip e : aEips) {
          TakeoverCompleted t = takeovers.get(e.allocationId());
          if (t != null) {
            FailoverTimeline tl = t.timeline();
            failoverTime = tl.failoverTime().or(() -> Optional.empty());
            say("%s moved %s -> %s: failover %s (last heartbeat -> declared dead %s, dead -> AssociateAddress answered %s)",
                e.publicIp(), a.id(), t.self(), ms(tl.failoverTime()), ms(tl.detectionTime()), ms(tl.reactionTime()));
            say("   %s", tl);
          }
        }
        holdings(cluster);

        step("2. restart %s; it pulls its EIP(s) home once alive for the fail-back delay", a.id());
        long restarted = ticker.read();
        childA = startChild(a);
        boolean failback = waitUntil(Duration.ofSeconds(30),
            () -> aEips.stream().allMatch(e -> cluster.holder(e).filter(a.id()::equals).isPresent()));
        if (failback) {
          say("%s holds its EIP(s) again, %d ms after its restart (JVM start + membership + %s delay)", a.id(),
              (ticker.read() - restarted) / 1_000_000, ConfigText.seconds(options.failbackDelay()));
        } else {
          say("FAILED: no fail-back within 30 s; %s said:%n%s", a.id(), childA.tail());
        }
        holdings(cluster);

        AgentNode b = inProcess.get(0);
        List<Eip> bEips = cluster.homedOn(b.self().value());
        step("3. maintenance: %s goes to standby; peers pull its EIP(s) while it still holds them", b.self());
        GapMonitor gaps = GapMonitor.start(cluster, bEips, sleeper);
        b.failover().standby();
        boolean handoff = waitUntil(Duration.ofSeconds(20), () -> bEips.stream()
            .allMatch(e -> cluster.holder(e).filter(h -> !h.equals(b.self().value())).isPresent()));
        int unassociatedSamples = gaps.stop();
        boolean gapFree = unassociatedSamples == 0;
        say("hand-off %s; EC2 sampled every few ms during it: %s", handoff ? "done" : "NOT done",
            gapFree ? gaps.samples() + " samples, the EIP(s) never unassociated (no gap)"
                : unassociatedSamples + " samples found an EIP unassociated (a gap!)");
        holdings(cluster);

        Result r = new Result(takeover, failback, handoff, gapFree, failoverTime);
        out.printf("== %s: takeover %s, fail-back %s, standby hand-off %s%s, total %.1f s ==%n",
            r.ok() ? "DEMO OK" : "DEMO FAILED", yes(takeover), yes(failback), yes(handoff),
            gapFree ? " (no gap)" : " (GAP)", (ticker.read() - t0) / 1e9);
        return r;
      } finally {
        for (AgentNode n : inProcess) {
          n.close();
        }
        if (childA != null) {
          childA.close();
        }
      }
    }
  }

  private NodeProcess startChild(Node n) throws java.io.IOException {
    return NodeProcess.start(n.id(), n.configFile(), DemoCredentials.systemProperties(),
        options.verbose() ? out : null);
  }

  private static boolean allAlive(List<AgentNode> nodes, int size) {
    for (AgentNode n : nodes) {
      var members = n.membership().view().members();
      if (members.size() != size || members.values().stream().anyMatch(p -> p.state() != MemberState.ALIVE)) {
        return false;
      }
    }
    return true;
  }

  private void onEvent(FailoverEvent e) {
    if (e instanceof TakeoverCompleted t) {
      takeovers.put(t.elasticIp().allocationId(), t);
      say("[%s] took %s from %s onto %s", t.self(), t.elasticIp().publicIp(),
          t.from().map(Object::toString).orElse("nobody"), t.target());
    } else if (e instanceof PeerDead d) {
      say("[%s] %s declared dead", d.self(), d.peer());
    } else if (e instanceof PeerRecovered r) {
      say("[%s] %s is back (%s)", r.self(), r.peer(), r.state());
    } else if (e instanceof FailBack f) {
      say("[%s] pulled its own %s back home", f.self(), f.elasticIp().publicIp());
    } else if (e instanceof LocalStatusChanged s) {
      say("[%s] now announces %s (%s)", s.self(), s.status(), s.reason());
    } else if (e instanceof GuardDenied g) {
      say("[%s] guard denied taking %s: %s", g.self(), g.elasticIp().publicIp(), g.reason());
    } else if (e instanceof TakeoverFailed f) {
      say("[%s] taking %s failed (%s), retry in %s", f.self(), f.elasticIp().publicIp(), f.error(), f.retryIn());
    }
  }

  private void holdings(DemoCluster cluster) {
    StringBuilder sb = new StringBuilder("holdings:");
    cluster.holdings().forEach((e, holder) -> sb.append(String.format("  %s(home %s) -> %s %s", e.publicIp(),
        e.home(), holder, cluster.privateIp(e))));
    say("%s", sb);
  }

  private boolean waitUntil(Duration timeout, BooleanSupplier condition) throws InterruptedException {
    long start = ticker.read();
    while (!condition.getAsBoolean()) {
      if (ticker.read() - start > timeout.toNanos()) {
        return false;
      }
      sleeper.sleep(Duration.ofMillis(20));
    }
    return true;
  }

  private void step(String format, Object... args) {
    out.println();
    say(format, args);
  }

  private synchronized void say(String format, Object... args) {
    out.printf("%7.3fs  %s%n", (ticker.read() - t0) / 1e9, String.format(format, args));
  }

  private static String ms(Optional<Duration> d) {
    return d.map(x -> x.toMillis() + " ms").orElse("n/a");
  }

  private static String yes(boolean b) {
    return b ? "yes" : "NO";
  }
}
