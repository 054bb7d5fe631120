package io.eipfailover.membership.udp.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.eipfailover.core.AnnouncedStatus;
import io.eipfailover.core.Hearing;
import io.eipfailover.core.MemberState;
import io.eipfailover.core.NodeId;
import io.eipfailover.membership.udp.DetectorSettings;
import io.eipfailover.membership.udp.testing.TestKeys;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A rolling upgrade from 0.1: this node sends version 2, but version 1 to a peer whose last
 * authentic heartbeat was version 1, so the old peer (which drops anything else) keeps hearing it.
 * The old peer is {@link ReleaseZeroOneWire}; the protocol is fed by hand with explicit times.
 */
class WireVersionNegotiationTest {
  private static final long MS = 1_000_000L;
  private static final NodeId A = NodeId.of("a");
  private static final NodeId B = NodeId.of("b");
  private static final NodeId C = NodeId.of("c");
  private static final SocketAddress FROM_B = new InetSocketAddress("127.0.0.1", 5405);
  private static final SocketAddress FROM_C = new InetSocketAddress("127.0.0.2", 5405);

  private final RecordingOutput out = new RecordingOutput();
  private final ReleaseZeroOneWire oldB = new ReleaseZeroOneWire("test", 1, TestKeys.K1);
  private final HeartbeatCodec newC = new HeartbeatCodec("test", C, List.of(A, B), TestKeys.k1());
  private final UdpProtocol a = new UdpProtocol(
      new ProtocolConfig(A, "test", 42, List.of(B, C), TestKeys.k1(), DetectorSettings.defaults(), 1_000),
      AnnouncedStatus.ALIVE, out, new CounterSet(), 0);
  private long seq;

  /** What the old peer b makes of everything a sent it since {@code from} (an index into the sent list). */
  private List<String> readByOldB(int from) {
    return out.sent.subList(from, out.sent.size()).stream().filter(s -> s.peer().equals(B))
        .map(s -> oldB.read(s.bytes())).distinct().toList();
  }

  private static int version(RecordingOutput.Sent s) {
    return s.bytes()[0];
  }

  @Test
  void anOldPeerIsSentVersion1FromItsFirstHeartbeatOnAndStaysAlive() {
    a.onTick(0);
    assertEquals(List.of("WRONG_VERSION"), readByOldB(0), "before b is heard, a speaks its newest version");
    a.onDatagram(oldB.encode("b", 7, ++seq, 0, 42), FROM_B, 10 * MS);
    int upgraded = out.sent.size();
    for (long t = 100; t <= 10_000; t += 100) {
      a.onDatagram(oldB.encode("b", 7, ++seq, 0, 42), FROM_B, t * MS);
      a.onDatagram(newC.encode(9, seq, AnnouncedStatus.ALIVE, 42), FROM_C, t * MS);
      a.onTick(t * MS + 1);
    }
    assertEquals(List.of("accepted"), readByOldB(upgraded), "0.1 reads every heartbeat a sends it");
    assertTrue(out.sent.subList(upgraded, out.sent.size()).stream().filter(s -> s.peer().equals(C))
        .allMatch(s -> version(s) == HeartbeatCodec.VERSION), "c, upgraded, still gets version 2");
    assertEquals(MemberState.ALIVE, a.view().stateOf(B));
    assertEquals(Hearing.UNKNOWN, a.view().peer(B).hearsSelf(), "version 1 says nothing about hearing");
    assertEquals(Hearing.YES, a.view().peer(C).hearsSelf());
  }

  @Test
  void aRoundSendsBothVersionsUnderOneSequenceNumber() {
    a.onDatagram(oldB.encode("b", 7, ++seq, 0, 42), FROM_B, 0);
    int before = out.sent.size();
    a.onTick(100 * MS);
    List<RecordingOutput.Sent> round = out.sent.subList(before, out.sent.size());
    assertEquals(2, round.size(), round.toString());
    Heartbeat atB = new Heartbeat();
    Heartbeat atC = new Heartbeat();
    byte[] toB = round.stream().filter(s -> s.peer().equals(B)).findFirst().orElseThrow().bytes();
    byte[] toC = round.stream().filter(s -> s.peer().equals(C)).findFirst().orElseThrow().bytes();
    assertNull(new HeartbeatCodec("test", B, List.of(A, C), TestKeys.k1()).decode(ByteBuffer.wrap(toB), atB));
    assertNull(new HeartbeatCodec("test", C, List.of(A, B), TestKeys.k1()).decode(ByteBuffer.wrap(toC), atC));
    assertEquals(1, atB.version);
    assertEquals(2, atC.version);
    assertEquals(atB.sequence, atC.sequence);
  }

  @Test
  void aPeerUpgradedInPlaceGetsVersion2AgainAndTellsWhetherItHearsUs() {
    a.onDatagram(oldB.encode("b", 7, ++seq, 0, 42), FROM_B, 0);
    a.onTick(100 * MS);
    HeartbeatCodec newB = new HeartbeatCodec("test", B, List.of(A, C), TestKeys.k1());
    a.onDatagram(newB.encode(8, 1, AnnouncedStatus.ALIVE, 42), FROM_B, 150 * MS);
    int before = out.sent.size();
    a.onTick(200 * MS);
    assertTrue(out.sent.subList(before, out.sent.size()).stream().allMatch(s -> version(s) == HeartbeatCodec.VERSION),
        "everyone speaks version 2 now");
    assertEquals(Hearing.YES, a.view().peer(B).hearsSelf());
  }

  @Test
  void aPeerWithAnotherConfigurationSaysNothingAboutHearingUs() {
    HeartbeatCodec b = new HeartbeatCodec("test", B, List.of(A, C), TestKeys.k1());
    a.onDatagram(b.encode(HeartbeatCodec.VERSION, 7, 1, AnnouncedStatus.ALIVE, 42, i -> false), FROM_B, 0);
    assertEquals(Hearing.NO, a.view().peer(B).hearsSelf());
    a.onDatagram(b.encode(HeartbeatCodec.VERSION, 7, 2, AnnouncedStatus.ALIVE, 43, i -> false), FROM_B, MS);
    assertEquals(Hearing.UNKNOWN, a.view().peer(B).hearsSelf(), "its bitmap may index another node list");
    assertEquals(MemberState.ALIVE, a.view().stateOf(B));
  }
}
