package io.eipfailover.membership.udp.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.eipfailover.core.AnnouncedStatus;
import io.eipfailover.core.MemberState;
import io.eipfailover.core.MembershipView;
import io.eipfailover.core.NodeId;
import io.eipfailover.core.testing.RecordingLogger;
import io.eipfailover.membership.udp.DetectorSettings;
import io.eipfailover.membership.udp.DropReason;
import io.eipfailover.membership.udp.UdpKeyring;
import io.eipfailover.membership.udp.testing.TestKeys;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slf4j.event.Level;

/**
 * "Reachable but unauthenticated": heartbeats from a configured peer's address that fail
 * authentication keep the peer out of DEAD and flag it, and only those do. Default detector:
 * keepalive 100 ms, warntime 500 ms, deadtime 1 s, initdead 2 s.
 */
class AuthenticationFailuresTest {
  private static final long MS = 1_000_000L;
  private static final NodeId A = NodeId.of("a");
  private static final NodeId B = NodeId.of("b");
  private static final NodeId C = NodeId.of("c");
  private static final SocketAddress B_ADDRESS = new InetSocketAddress("10.0.0.2", 694);
  /** Peers send from an ephemeral port: only the host is compared. */
  private static final SocketAddress FROM_B = new InetSocketAddress("10.0.0.2", 40_123);
  private static final SocketAddress FROM_STRANGER = new InetSocketAddress("10.0.0.99", 694);
  private static final UdpKeyring WRONG_SECRET = UdpKeyring.builder().primary(1, "a-mistyped-secret-0123456789").build();

  private final RecordingOutput out = new RecordingOutput();
  private final CounterSet counters = new CounterSet();
  private final HeartbeatCodec goodB = new HeartbeatCodec("test", B, List.of(A), TestKeys.k1());
  private final HeartbeatCodec badB = new HeartbeatCodec("test", B, List.of(A), WRONG_SECRET);
  private long seq;

  private final UdpProtocol p = new UdpProtocol(new ProtocolConfig(A, "test", 42, List.of(B, C), TestKeys.k1(),
      DetectorSettings.defaults(), 1_000, Map.of(B, B_ADDRESS, C, new InetSocketAddress("10.0.0.3", 694))),
      AnnouncedStatus.ALIVE, out, counters, 0);

  private void send(HeartbeatCodec codec, SocketAddress from, long at) {
    p.onDatagram(codec.encode(7, ++seq, AnnouncedStatus.ALIVE, 42), from, at);
  }

  /** Runs {@code fromMs..toMs}: a tick every 10 ms and, every 100 ms, a datagram from {@code codec} (null: none). */
  private void run(long fromMs, long toMs, HeartbeatCodec codec, SocketAddress from) {
    for (long t = fromMs; t < toMs; t += 10) {
      if (codec != null && t % 100 == 0) {
        send(codec, from, t * MS);
      }
      p.onTick(t * MS + 1);
    }
  }

  private boolean everDead(NodeId node) {
    return out.views.stream().anyMatch(v -> v.stateOf(node) == MemberState.DEAD);
  }

  @Test
  void aPeerHeardOnlyWithBadMacsIsNeverDeclaredDeadButFlagged() {
    run(0, 10_000, badB, FROM_B);
    MembershipView v = p.view();
    assertEquals(MemberState.SUSPECT, v.stateOf(B));
    assertTrue(v.peer(B).isUnauthenticated(), v.toString());
    assertEquals(0, v.peer(B).unauthenticatedSince().getAsLong(), "since the first failed heartbeat");
    assertFalse(everDead(B), "never DEAD, not even after initdead");
    assertEquals(MemberState.DEAD, v.stateOf(C), "a silent peer still dies after initdead");
    assertEquals(Map.of(B, Map.of(DropReason.BAD_MAC, 100L)), counters.snapshot().authFailures());
  }

  @Test
  void aPeerThatTurnsUnauthenticatedWhileKnownIsSuspectedNotConvicted() {
    run(0, 3_000, goodB, FROM_B);
    assertEquals(MemberState.ALIVE, p.view().stateOf(B));
    run(3_000, 20_000, badB, FROM_B);
    assertEquals(MemberState.SUSPECT, p.view().stateOf(B));
    assertTrue(p.view().peer(B).isUnauthenticated());
    assertFalse(everDead(B), "a key mistyped on one node convicts nobody");
  }

  @Test
  void aTrulyDeadPeerIsStillDeclaredDeadOnceItsBadHeartbeatsStop() {
    run(0, 5_000, badB, FROM_B);
    run(5_000, 5_890, null, null);
    assertEquals(MemberState.SUSPECT, p.view().stateOf(B), "a deadtime since the last failure has not passed yet");
    run(5_890, 6_000, null, null);
    assertEquals(MemberState.DEAD, p.view().stateOf(B), "the window is the deadtime: then it is dead");
    assertFalse(p.view().peer(B).isUnauthenticated());
  }

  @Test
  void anAuthenticHeartbeatEndsIt() {
    run(0, 3_000, badB, FROM_B);
    send(goodB, FROM_B, 3_000 * MS);
    assertEquals(MemberState.ALIVE, p.view().stateOf(B));
    assertFalse(p.view().peer(B).isUnauthenticated());
  }

  @Test
  void replaysAndNoiseFromThePeersAddressDoNotKeepADeadPeerAlive() {
    run(0, 1_000, goodB, FROM_B);
    ByteBuffer captured = goodB.encode(7, 1, AnnouncedStatus.ALIVE, 42); // an old sequence number: a replay
    byte[] replay = new byte[captured.remaining()];
    captured.get(replay);
    for (long t = 1_000; t < 8_000; t += 10) {
      p.onDatagram(ByteBuffer.wrap(replay), FROM_B, t * MS);
      p.onDatagram(ByteBuffer.wrap(new byte[] {1, 2, 3}), FROM_B, t * MS);
      p.onTick(t * MS + 1);
    }
    assertEquals(MemberState.DEAD, p.view().stateOf(B));
    assertFalse(p.view().peer(B).isUnauthenticated());
    assertTrue(counters.snapshot().dropped(DropReason.REPLAYED) > 600);
    assertEquals(Map.of(), counters.snapshot().authFailures());
  }

  @Test
  void badHeartbeatsFromAnotherHostCountForNobody() {
    run(0, 5_000, badB, FROM_STRANGER);
    assertEquals(MemberState.DEAD, p.view().stateOf(B));
    assertEquals(Map.of(), counters.snapshot().authFailures());
    assertEquals(50, counters.snapshot().dropped(DropReason.BAD_MAC));
  }

  @Test
  void spoofedBadHeartbeatsBesideAHealthyPeerChangeNoView() {
    run(0, 1_000, goodB, FROM_B);
    int views = out.views.size();
    for (long t = 1_000; t < 5_000; t += 100) {
      send(goodB, FROM_B, t * MS);
      send(badB, FROM_B, t * MS + 10 * MS);
      p.onTick(t * MS + 50 * MS);
    }
    assertEquals(MemberState.ALIVE, p.view().stateOf(B));
    assertFalse(p.view().peer(B).isUnauthenticated());
    assertTrue(out.views.subList(views, out.views.size()).stream()
            .allMatch(v -> v.stateOf(B) == MemberState.ALIVE && !v.peer(B).isUnauthenticated()),
        "no churn about b while authentic heartbeats keep coming: " + out.views);
  }

  @Test
  void everyFailureThatNamesAMisconfiguredSpeakerCounts() {
    HeartbeatCodec otherCluster = new HeartbeatCodec("other", B, List.of(A), TestKeys.k1());
    HeartbeatCodec otherKeyId = new HeartbeatCodec("test", B, List.of(A),
        UdpKeyring.builder().primary(9, TestKeys.K2).build());
    HeartbeatCodec otherName = new HeartbeatCodec("test", NodeId.of("b2"), List.of(A), TestKeys.k1());
    send(otherCluster, FROM_B, 0);
    send(otherKeyId, FROM_B, MS);
    send(otherName, FROM_B, 2 * MS);
    p.onDatagram(ByteBuffer.wrap(new byte[] {3, 1, 4, 't', 'e', 's', 't'}), FROM_B, 3 * MS); // a future version
    assertEquals(Map.of(B, Map.of(DropReason.WRONG_CLUSTER, 1L, DropReason.UNKNOWN_KEY, 1L,
        DropReason.UNKNOWN_SENDER, 1L, DropReason.WRONG_VERSION, 1L)), counters.snapshot().authFailures());
  }

  @Test
  void peersSharingAHostAreToldApartByTheSenderTheyClaim() {
    UdpProtocol shared = new UdpProtocol(new ProtocolConfig(A, "test", 42, List.of(B, C), TestKeys.k1(),
        DetectorSettings.defaults(), 1_000, Map.of(B, new InetSocketAddress("127.0.0.1", 5001),
            C, new InetSocketAddress("127.0.0.1", 5002))), AnnouncedStatus.ALIVE, out, counters, 0);
    SocketAddress loopback = new InetSocketAddress("127.0.0.1", 40_000);
    shared.onDatagram(badB.encode(7, 1, AnnouncedStatus.ALIVE, 42), loopback, 0);
    shared.onDatagram(new HeartbeatCodec("other", B, List.of(A), TestKeys.k1()).encode(7, 2, AnnouncedStatus.ALIVE, 42),
        loopback, MS);
    assertEquals(Map.of(B, Map.of(DropReason.BAD_MAC, 1L)), counters.snapshot().authFailures(),
        "a bad MAC claims its sender; another cluster's datagram from a shared host is nobody's");
  }

  @Test
  void oneErrorPerIntervalNamesThePeerTheKeyIdAndTheLikelyCause() {
    RecordingLogger log = new RecordingLogger("auth");
    AuthFailures auth = new AuthFailures(A, List.of(B), Map.of(B, B_ADDRESS), 1_000 * MS, new CounterSet(), log);
    HeartbeatCodec decoder = new HeartbeatCodec("test", A, List.of(B), TestKeys.k1());
    ByteBuffer bad = badB.encode(7, 1, AnnouncedStatus.ALIVE, 42);
    byte[] bytes = new byte[bad.remaining()];
    bad.get(bytes);
    for (long t = 0; t < 30_000; t += 100) {
      DropReason r = decoder.decode(ByteBuffer.wrap(bytes), new Heartbeat());
      assertEquals(0, auth.failed(FROM_B, r, decoder, t * MS));
      auth.report(0, t * MS);
    }
    List<RecordingLogger.Line> errors = log.lines().stream().filter(l -> l.level() == Level.ERROR).toList();
    assertEquals(3, errors.size(), "one per 10 s over 30 s: " + log.messages());
    String first = errors.get(0).message();
    assertTrue(first.startsWith("[id=a] peer b is reachable but unauthenticated: 1 heartbeat(s) from its address"
        + " failed authentication (BAD_MAC, key id 1)"), first);
    assertTrue(first.contains("likely cause: the two nodes hold different secrets under key id 1"), first);
    assertTrue(first.contains("no EIP moves to or from b"), first);
    assertTrue(errors.get(1).message().contains(": 100 heartbeat(s)"), errors.get(1).message());
    auth.authenticated(0);
    assertEquals(-1, auth.failingSince(0, 30_000 * MS));
    assertTrue(log.messages().get(log.messages().size() - 1).contains("peer b authenticates again"));
  }
}
