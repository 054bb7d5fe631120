package io.eipfailover.core.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SimNetworkTest {
  private final VirtualTime time = new VirtualTime();
  private final VirtualScheduler sa = time.scheduler("a");
  private final VirtualScheduler sb = time.scheduler("b");
  private final SimNetwork net = new SimNetwork(new Random(7));
  private final List<String> atA = new ArrayList<>();
  private final List<String> atB = new ArrayList<>();
  private final SimNetwork.Endpoint a = net.bind("a", sa, d -> atA.add(text(d) + "@" + time.nanos() / 1_000_000));
  private final SimNetwork.Endpoint b = net.bind("b", sb, d -> atB.add(text(d) + "@" + time.nanos() / 1_000_000));

  private static String text(SimNetwork.Datagram d) {
    return new String(d.payload(), StandardCharsets.UTF_8);
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void deliversAfterTheLinkDelayOnTheReceiversScheduler() {
    net.setDefaults(LinkSettings.CLEAN.withDelay(Duration.ofMillis(5), Duration.ZERO));
    a.send("b", bytes("hi"));
    time.advance(Duration.ofMillis(4));
    assertEquals(List.of(), atB);
    time.advance(Duration.ofMillis(1));
    assertEquals(List.of("hi@5"), atB);
    assertEquals(1, net.counters().delivered());
  }

  @Test
  void copiesPayloadsSoSendersMayReuseBuffers() {
    byte[] buf = bytes("one");
    a.send("b", buf);
    buf[0] = 'X';
    time.advance(Duration.ofMillis(10));
    assertEquals(List.of("one@1"), atB);
  }

  @Test
  void asymmetricBlockDropsOneDirectionOnlyAndHealRestoresIt() {
    net.block("a", "b");
    a.send("b", bytes("lost"));
    b.send("a", bytes("ok"));
    time.advance(Duration.ofMillis(10));
    assertEquals(List.of(), atB);
    assertEquals(List.of("ok@1"), atA);
    assertFalse(net.canReach("a", "b"));
    assertTrue(net.canReach("b", "a"));
    net.heal();
    a.send("b", bytes("back"));
    time.advance(Duration.ofMillis(10));
    assertEquals(List.of("back@11"), atB);
    assertEquals(1, net.counters().partitioned());
  }

  @Test
  void partitionDuringFlightDropsAtDelivery() {
    net.setDefaults(LinkSettings.CLEAN.withDelay(Duration.ofMillis(50), Duration.ZERO));
    a.send("b", bytes("inflight"));
    net.partition(List.of("a"), List.of("b"));
    time.advance(Duration.ofMillis(100));
    assertEquals(List.of(), atB);
  }

  @Test
  void isolateCutsOffPeersAndTheGateway() {
    net.isolate("a");
    assertFalse(net.canReach("a", SimNetwork.GATEWAY));
    assertFalse(net.canReach("b", "a"));
    assertTrue(net.canReach("b", SimNetwork.GATEWAY));
  }

  @Test
  void pausedReceiverGetsDatagramsLate() {
    sb.pause();
    a.send("b", bytes("x"));
    time.advance(Duration.ofMillis(500));
    assertEquals(List.of(), atB);
    sb.resume();
    time.runPending();
    assertEquals(List.of("x@500"), atB);
  }

  @Test
  void closedOrKilledReceiversGetNothing() {
    b.close();
    a.send("b", bytes("x"));
    sa.kill();
    b.send("a", bytes("y"));
    time.advance(Duration.ofMillis(10));
    assertEquals(List.of(), atA);
    assertEquals(List.of(), atB);
    assertThrows(IllegalStateException.class, () -> net.bind("a", sb, d -> {}));
  }

  @Test
  void lossDuplicationAndReplayFollowTheirProbabilities() {
    net.setDefaults(LinkSettings.CLEAN.withLoss(0.3).withDuplicate(0.2).withReplay(0.1));
    for (int i = 0; i < 2000; i++) {
      a.send("b", bytes("m" + i));
    }
    time.advance(Duration.ofMillis(10));
    SimNetwork.Counters c = net.counters();
    assertTrue(c.lost() > 500 && c.lost() < 700, "lost " + c.lost());
    assertTrue(c.duplicated() > 200 && c.duplicated() < 360, "duplicated " + c.duplicated());
    assertTrue(c.replayed() > 130 && c.replayed() < 270, "replayed " + c.replayed());
    assertEquals(c.delivered(), atB.size());
    assertEquals(2000 - c.lost() + c.duplicated() + c.replayed(), c.delivered());
  }

  @Test
  void sameSeedSameDeliveries() {
    assertEquals(run(42), run(42));
  }

  private static List<String> run(long seed) {
    VirtualTime t = new VirtualTime();
    SimNetwork n = new SimNetwork(new Random(seed));
    n.setDefaults(new LinkSettings(Duration.ofMillis(2), Duration.ofMillis(30), 0.2, 0.1, 0.1));
    List<String> got = new ArrayList<>();
    SimNetwork.Endpoint x = n.bind("x", t.scheduler("x"), d -> {});
    n.bind("y", t.scheduler("y"), d -> got.add(text(d) + "@" + t.nanos()));
    for (int i = 0; i < 200; i++) {
      x.send("y", bytes("p" + i));
      t.advance(Duration.ofMillis(3));
    }
    t.advance(Duration.ofSeconds(1));
    return got;
  }

  @Test
  void rejectsBadLinkSettings() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LinkSettings.CLEAN.withLoss(1.5));
    assertEquals("loss must be a probability in [0, 1], was 1.5", e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> LinkSettings.CLEAN.withDelay(Duration.ofMillis(-1), Duration.ZERO));
  }

  private final List<String> probeAnswers = new ArrayList<>();

  private void probeB() {
    net.probe(a, "b", answer -> probeAnswers.add(answer + "@" + time.nanos() / 1_000_000));
  }

  @Test
  void aProbeIsAnsweredByTheKernelAfterARoundTripEvenWhileTheProcessIsPaused() {
    net.setDefaults(LinkSettings.CLEAN.withDelay(Duration.ofMillis(5), Duration.ZERO));
    sb.pause();
    probeB();
    time.advance(Duration.ofMillis(9));
    assertEquals(List.of(), probeAnswers);
    time.advance(Duration.ofMillis(1));
    assertEquals(List.of("HANDSHAKE@10"), probeAnswers, "a paused process's kernel still answers");
  }

  @Test
  void aProbeOfAnUnboundAddressIsRefusedAndOneAcrossABlockOrAFilterGetsNothing() {
    b.close();
    probeB();
    time.advance(Duration.ofMillis(10));
    assertEquals(List.of("REFUSED@2"), probeAnswers, "host up, process gone");
    net.bind("b", sb, d -> {});
    net.block("b", "a");
    probeB();
    net.heal();
    net.isolate("b");
    probeB();
    net.heal();
    net.dropProbes("b");
    probeB();
    a.send("b", bytes("datagrams still pass"));
    time.advance(Duration.ofMillis(10));
    assertEquals(List.of("REFUSED@2"), probeAnswers, "the answer's way back blocked, isolated, filtered");
    assertEquals(4, net.counters().probes());
    assertEquals(3, net.counters().probesUnanswered());
    net.heal();
    probeB();
    time.advance(Duration.ofMillis(10));
    assertEquals(List.of("REFUSED@2", "HANDSHAKE@22"), probeAnswers);
  }

  @Test
  void aProbeIsLostWithTheLinksLossInEitherDirection() {
    net.setDefaults(new LinkSettings(Duration.ZERO, Duration.ZERO, 0.5, 0, 0));
    for (int i = 0; i < 400; i++) {
      probeB();
    }
    time.advance(Duration.ofMillis(10));
    assertTrue(probeAnswers.size() > 50 && probeAnswers.size() < 150, "about a quarter answered: "
        + probeAnswers.size());
    assertEquals(400 - probeAnswers.size(), net.counters().probesUnanswered());
  }
}
