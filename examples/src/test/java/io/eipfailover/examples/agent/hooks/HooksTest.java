package io.eipfailover.examples.agent.hooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.base.Ticker;
import io.eipfailover.core.AttachmentPoint;
import io.eipfailover.core.ClusterTopology;
import io.eipfailover.core.ElasticIp;
import io.eipfailover.core.NodeId;
import io.eipfailover.core.NodeSpec;
import io.eipfailover.core.ObservedAssociation;
import io.eipfailover.core.event.FailoverTimeline;
import io.eipfailover.core.event.PeerDead;
import io.eipfailover.core.event.TakeoverCompleted;
import io.eipfailover.core.event.TakeoverStarted;
import io.eipfailover.core.testing.Await;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Hooks as real {@code /bin/sh} processes: what they get, in which order, and what a bad one costs. */
@Timeout(60)
class HooksTest {
  private static final NodeId LB1 = HookCallTest.LB1;
  private static final NodeId LB2 = HookCallTest.LB2;
  private static final ElasticIp EIP1 = new ElasticIp("eipalloc-1", "203.0.113.10", LB1);
  private static final ElasticIp EIP2 = HookCallTest.EIP2;
  private static final AttachmentPoint HOME1 = AttachmentPoint.primary("eni-1", "10.0.1.10");
  private static final AttachmentPoint RESERVED1 = HookCallTest.RESERVED;
  private static final ClusterTopology TOPOLOGY = ClusterTopology.builder().clusterName("c")
      .node(new NodeSpec(LB1, List.of(HOME1), List.of(RESERVED1)))
      .node(new NodeSpec(LB2, List.of(AttachmentPoint.primary("eni-2", "10.0.2.10")),
          List.of(AttachmentPoint.reserved("eni-2", "10.0.2.11"))))
      .elasticIp(EIP1).elasticIp(EIP2).build();
  private static final Instant AT = HookCallTest.AT;

  @TempDir Path dir;
  private final List<String> problems = new CopyOnWriteArrayList<>();

  private Hooks hooks(Map<HookEvent, String> commands, Duration timeout) {
    return new Hooks(LB1, "c", false, TOPOLOGY, commands, timeout, Executors.newCachedThreadPool(), Ticker.systemTicker(),
        Clock.systemUTC(), (type, detail) -> problems.add(type + " " + detail));
  }

  private static TakeoverStarted started(ElasticIp eip) {
    return new TakeoverStarted(LB1, AT, eip, Optional.of(LB2), RESERVED1, "lb2 is DEAD");
  }

  private static TakeoverCompleted completed(ElasticIp eip) {
    FailoverTimeline t = new FailoverTimeline(eip, Optional.of(LB2), LB1, java.util.OptionalLong.of(0),
        java.util.OptionalLong.empty(), java.util.OptionalLong.of(1_000_000_000L), java.util.OptionalLong.of(1_010_000_000L),
        1_020_000_000L, java.util.OptionalLong.of(1_200_000_000L), java.util.OptionalLong.empty());
    return new TakeoverCompleted(LB1, AT, eip, Optional.of(LB2), RESERVED1, t);
  }

  @Test
  void hookGetsTheEventAsEnvironmentAndJsonOnStdin() throws Exception {
    try (Hooks h = hooks(Map.of(HookEvent.TAKEOVER_COMPLETED, "env | grep '^EIPFAILOVER_' | sort > '" + dir
        + "/env'; cat > '" + dir + "/stdin.tmp'; mv '" + dir + "/stdin.tmp' '" + dir + "/stdin'"), Duration.ofSeconds(10))) {
      h.onEvent(completed(EIP2));
      waitFor(() -> Files.exists(dir.resolve("stdin")));
      String env = Files.readString(dir.resolve("env"));
      assertTrue(env.contains("EIPFAILOVER_EVENT=takeover-completed\n") && env.contains("EIPFAILOVER_FROM=lb2\n")
          && env.contains("EIPFAILOVER_TO=lb1\n") && env.contains("EIPFAILOVER_PUBLIC_IP=203.0.113.20\n")
          && env.contains("EIPFAILOVER_FAILOVER_MS=1200\n") && env.contains("EIPFAILOVER_DETECTION_MS=1000\n")
          && env.contains("EIPFAILOVER_REACTION_MS=200\n"), env);
      String json = Files.readString(dir.resolve("stdin"));
      assertTrue(json.startsWith("{\"event\":\"takeover-completed\"") && json.contains("\"failoverMs\":1200"), json);
      waitFor(() -> h.runs().equals(Map.of("takeover-completed/ok", 1L)));
    }
  }

  @Test
  void runsOfOneEipFollowEventOrderWhileOtherEipsAreNotHeldBack() throws Exception {
    Path log = dir.resolve("log");
    String waitForGo = "while [ ! -e '" + dir + "/go' ]; do sleep 0.05; done; ";
    try (Hooks h = hooks(Map.of(
        HookEvent.TAKEOVER_STARTED, "if [ \"$EIPFAILOVER_ALLOCATION_ID\" = eipalloc-1 ]; then " + waitForGo + "fi;"
            + " echo \"started $EIPFAILOVER_ALLOCATION_ID\" >> '" + log + "'",
        HookEvent.TAKEOVER_COMPLETED, "echo \"completed $EIPFAILOVER_ALLOCATION_ID\" >> '" + log + "';"
            + " [ \"$EIPFAILOVER_ALLOCATION_ID\" = eipalloc-2 ] && touch '" + dir + "/go'; true"),
        Duration.ofSeconds(20))) {
      h.onEvent(started(EIP1));
      h.onEvent(completed(EIP1));
      h.onEvent(started(EIP2));
      h.onEvent(completed(EIP2));
      waitFor(() -> lines(log).size() == 4);
      assertEquals(List.of("started eipalloc-2", "completed eipalloc-2", "started eipalloc-1", "completed eipalloc-1"),
          lines(log), "EIP 2's hooks ran while EIP 1's first hook waited for them; EIP 1's kept their order");
    }
  }

  @Test
  void aHookOutlivingItsTimeLimitIsKilledWithItsChildrenAndReported() throws Exception {
    try (Hooks h = hooks(Map.of(HookEvent.PEER_DEAD, "sleep 600 & echo $! > '" + dir + "/child'; echo $$ > '" + dir
        + "/shell'; wait"), Duration.ofMillis(500))) {
      h.onEvent(new PeerDead(LB1, AT, LB2));
      waitFor(() -> !problems.isEmpty());
      assertTrue(problems.get(0).startsWith("hook-timeout peer-dead (node): still running after 500 ms, killed"),
          problems.toString());
      assertEquals(Map.of("peer-dead/timeout", 1L), h.runs());
      for (String f : List.of("child", "shell")) {
        long pid = Long.parseLong(Files.readString(dir.resolve(f)).strip());
        waitFor(() -> ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true));
      }
    }
  }

  @Test
  void aFailingHookIsReportedAndNotRetried() throws Exception {
    Path marker = dir.resolve("after");
    try (Hooks h = hooks(Map.of(HookEvent.TAKEOVER_STARTED, "echo oops; exit 3",
        HookEvent.TAKEOVER_COMPLETED, "touch '" + marker + "'"), Duration.ofSeconds(10))) {
      h.onEvent(started(EIP2));
      h.onEvent(completed(EIP2));
      waitFor(() -> Files.exists(marker));
      waitFor(() -> h.runs().containsKey("takeover-completed/ok"));
      assertEquals(Map.of("takeover-started/failed", 1L, "takeover-completed/ok", 1L), h.runs(),
          "the lane moved on to the next event: no retry was queued");
      assertEquals(List.of("hook-failed takeover-started (eipalloc-2): exit 3"), problems);
    }
  }

  @Test
  void aBusyLaneDropsRunsBeyondItsQueueAndSaysSo() throws Exception {
    try (Hooks h = hooks(Map.of(HookEvent.PEER_DEAD, "while [ ! -e '" + dir + "/go' ]; do sleep 0.05; done"),
        Duration.ofSeconds(20))) {
      for (int i = 0; i < Hooks.MAX_PENDING + 5; i++) {
        h.onEvent(new PeerDead(LB1, AT, LB2));
      }
      assertTrue(problems.size() >= 4 && problems.get(0).startsWith("hook-dropped peer-dead (node)"), problems.toString());
      Files.createFile(dir.resolve("go"));
      waitFor(() -> h.runs().getOrDefault("peer-dead/ok", 0L) + h.runs().getOrDefault("peer-dead/dropped", 0L)
          == Hooks.MAX_PENDING + 5);
    }
  }

  @Test
  void eipTakenFromThisNodeRunsEipReleased() throws Exception {
    Path out = dir.resolve("released");
    try (Hooks h = hooks(Map.of(HookEvent.EIP_RELEASED, "echo \"$EIPFAILOVER_PUBLIC_IP $EIPFAILOVER_FROM"
        + " $EIPFAILOVER_TO $EIPFAILOVER_PRIVATE_IP\" >> '" + out + "'"), Duration.ofSeconds(10))) {
      h.observe(Map.of("eipalloc-1", ObservedAssociation.associated("eipalloc-1", "eipassoc-1", "eni-1", "10.0.1.10")));
      h.observe(Map.of("eipalloc-1", ObservedAssociation.associated("eipalloc-1", "eipassoc-1", "eni-1", "10.0.1.10")));
      h.observe(Map.of("eipalloc-1", ObservedAssociation.associated("eipalloc-1", "eipassoc-2", "eni-2", "10.0.2.11")));
      waitFor(() -> Files.exists(out) && !lines(out).isEmpty());
      assertEquals(List.of("203.0.113.10 lb1 lb2 10.0.2.11"), lines(out));
    }
  }

  @Test
  void anUpdateAppliesToTheEventsThatFollow() throws Exception {
    Path log = dir.resolve("log");
    try (Hooks h = hooks(Map.of(HookEvent.PEER_DEAD, "echo old >> '" + log + "'"), Duration.ofSeconds(10))) {
      h.onEvent(new PeerDead(LB1, AT, LB2));
      waitFor(() -> lines(log).size() == 1);
      h.update(Map.of(HookEvent.PEER_DEAD, "echo new >> '" + log + "'", HookEvent.PEER_RECOVERED, "true"),
          Duration.ofSeconds(5));
      h.onEvent(new PeerDead(LB1, AT, LB2));
      waitFor(() -> lines(log).size() == 2);
      assertEquals(List.of("old", "new"), lines(log));
      h.update(Map.of(), Duration.ofSeconds(5));
      assertFalse(h.any(), "every hook removed");
    }
  }

  @Test
  void onEventReturnsWhileTheHookStillRuns() throws Exception {
    try (Hooks h = hooks(Map.of(HookEvent.PEER_DEAD, "while [ ! -e '" + dir + "/go' ]; do sleep 0.05; done; touch '"
        + dir + "/done'"), Duration.ofSeconds(20))) {
      h.onEvent(new PeerDead(LB1, AT, LB2));
      assertFalse(Files.exists(dir.resolve("done")), "the caller (the event thread) is not the one running the hook");
      Files.createFile(dir.resolve("go"));
      waitFor(() -> Files.exists(dir.resolve("done")));
    }
  }

  private static List<String> lines(Path f) {
    try {
      return Files.exists(f) ? Files.readAllLines(f) : List.of();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  static void waitFor(BooleanSupplier condition) {
    Await.until("the hook or agent state the test waits for", Duration.ofSeconds(30), condition);
  }
}
