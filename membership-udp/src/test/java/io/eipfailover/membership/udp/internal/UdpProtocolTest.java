package io.eipfailover.membership.udp.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.eipfailover.core.AnnouncedStatus;
import io.eipfailover.core.MemberState;
import io.eipfailover.core.NodeId;
import io.eipfailover.membership.udp.DetectorSettings;
import io.eipfailover.membership.udp.testing.TestKeys;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The bare state machine, fed by hand: inputs with explicit times, outputs recorded. */
class UdpProtocolTest {
  private static final long MS = 1_000_000L;
  private static final NodeId A = NodeId.of("a");
  private static final NodeId B = NodeId.of("b");
  private static final NodeId C = NodeId.of("c");
  private static final SocketAddress FROM_B = new InetSocketAddress("127.0.0.1", 5405);

  private final RecordingOutput out = new RecordingOutput();
  private final CounterSet counters = new CounterSet();
  private final HeartbeatCodec b = new HeartbeatCodec("test", B, List.of(A), TestKeys.k1());
  private long seq;

  private UdpProtocol protocol(DetectorSettings detector) {
    return new UdpProtocol(new ProtocolConfig(A, "test", 42, List.of(B, C), TestKeys.k1(), detector, 1_000),
        AnnouncedStatus.ALIVE, out, counters, 0);
  }

  private void beat(UdpProtocol p, AnnouncedStatus status, long at) {
    p.onDatagram(b.encode(7, ++seq, status, 42), FROM_B, at);
  }

  @Test
  void strayPortUnreachableSignalsBetweenHeartbeatsNeverConvict() {
    UdpProtocol p = protocol(DetectorSettings.defaults());
    for (long t = 0; t < 3_000; t += 100) {
      beat(p, AnnouncedStatus.ALIVE, t * MS);
      p.onPortUnreachable(B, t * MS + 1);
      p.onPortUnreachable(B, t * MS + 2);
      p.onTick(t * MS + 50 * MS);
    }
    assertEquals(MemberState.ALIVE, p.view().stateOf(B));
    assertEquals(0, counters.fastPathConvictions.get());
  }

  @Test
  void confirmedSignalsConvictAndEachUnconfirmedOneTriggersAnImmediateProbe() {
    UdpProtocol p = protocol(DetectorSettings.defaults());
    beat(p, AnnouncedStatus.ALIVE, 0);
    out.sent.clear();
    p.onPortUnreachable(B, 10 * MS);
    p.onPortUnreachable(B, 11 * MS);
    assertEquals(List.of(B, B), out.sent.stream().map(RecordingOutput.Sent::peer).toList(), "one probe per signal");
    assertEquals(MemberState.ALIVE, p.view().stateOf(B));
    p.onPortUnreachable(B, 12 * MS);
    assertEquals(MemberState.DEAD, p.view().stateOf(B));
    assertEquals(12 * MS, p.view().peer(B).since());
    assertEquals(1, counters.fastPathConvictions.get());
  }

  @Test
  void aLostTcpLinkIsOneCrashSignalConfirmedByIcmpAnswersToItsProbes() {
    UdpProtocol p = protocol(DetectorSettings.defaults());
    beat(p, AnnouncedStatus.ALIVE, 0);
    out.sent.clear();
    p.onConnectionLost(B, 10 * MS);
    assertEquals(List.of(B), out.sent.stream().map(RecordingOutput.Sent::peer).toList(), "probed at once");
    assertEquals(MemberState.ALIVE, p.view().stateOf(B), "a closed connection alone convicts nobody");
    p.onPortUnreachable(B, 10 * MS + 200_000);
    p.onPortUnreachable(B, 10 * MS + 400_000);
    assertEquals(MemberState.DEAD, p.view().stateOf(B));
    assertEquals(1, counters.tcpCrashSignals.get());
    assertEquals(2, counters.portUnreachable.get());
    assertEquals(1, counters.fastPathConvictions.get());
  }

  @Test
  void aLostTcpLinkAnsweredByAHeartbeatConvictsNobody() {
    UdpProtocol p = protocol(DetectorSettings.defaults());
    beat(p, AnnouncedStatus.ALIVE, 0);
    p.onConnectionLost(B, 10 * MS);
    beat(p, AnnouncedStatus.ALIVE, 11 * MS);
    p.onConnectionLost(B, 20 * MS);
    p.onPortUnreachable(B, 21 * MS);
    beat(p, AnnouncedStatus.ALIVE, 22 * MS);
    p.onConnectionLost(B, 30 * MS);
    p.onTick(40 * MS);
    assertEquals(MemberState.ALIVE, p.view().stateOf(B), "a reset link is no evidence once the peer answers");
    assertEquals(3, counters.tcpCrashSignals.get());
    assertEquals(0, counters.fastPathConvictions.get());
  }

  @Test
  void probesRepeatEveryProbeIntervalWhileConfirming() {
    UdpProtocol p = protocol(DetectorSettings.defaults());
    beat(p, AnnouncedStatus.ALIVE, 0);
    p.onTick(1 * MS);
    out.sent.clear();
    p.onPortUnreachable(B, 2 * MS);
    long next = p.onTick(3 * MS);
    assertTrue(next <= 10 * MS, "ticks at the probe interval while probing, asked for " + next);
    p.onTick(12 * MS);
    long probesToB = out.sent.stream().filter(s -> s.peer().equals(B)).count();
    assertEquals(2, probesToB, "the immediate probe and one repeat after 10 ms");
  }

  @Test
  void neverHeardPeersAreLeftToInitdeadEvenIfTheirPortIsClosed() {
    UdpProtocol p = protocol(DetectorSettings.defaults());
    for (int i = 0; i < 5; i++) {
      p.onPortUnreachable(C, i * MS);
    }
    assertEquals(MemberState.SUSPECT, p.view().stateOf(C));
    assertEquals(5, counters.portUnreachable.get());
    assertEquals(0, counters.fastPathConvictions.get());
  }

  @Test
  void theFastPathCanBeDisabled() {
    UdpProtocol p = protocol(DetectorSettings.builder().crashConfirmations(0).build());
    beat(p, AnnouncedStatus.ALIVE, 0);
    for (int i = 1; i <= 5; i++) {
      p.onPortUnreachable(B, i * MS);
    }
    assertEquals(MemberState.ALIVE, p.view().stateOf(B));
  }

  @Test
  void announceSendsToEveryPeerAtOnceAndChangesTheOwnEntry() {
    UdpProtocol p = protocol(DetectorSettings.defaults());
    p.onTick(0);
    out.sent.clear();
    p.announce(AnnouncedStatus.STANDBY, 5 * MS);
    assertEquals(List.of(B, C), out.sent.stream().map(RecordingOutput.Sent::peer).toList());
    assertEquals(MemberState.STANDBY, p.view().stateOf(A));
    assertEquals(5 * MS, p.view().peer(A).since());
  }

  @Test
  void aReorderedOlderDatagramProvesLivenessButCannotRollTheStatusBack() {
    UdpProtocol p = protocol(DetectorSettings.defaults());
    ByteBuffer old = b.encode(7, 1, AnnouncedStatus.ALIVE, 42);
    byte[] oldBytes = new byte[old.remaining()];
    old.get(oldBytes);
    p.onDatagram(b.encode(7, 2, AnnouncedStatus.STANDBY, 42), FROM_B, 0);
    p.onDatagram(ByteBuffer.wrap(oldBytes), FROM_B, 5 * MS);
    assertEquals(MemberState.STANDBY, p.view().stateOf(B));
    assertEquals(5 * MS, p.view().peer(B).lastHeard().getAsLong());
  }

  @Test
  void everyViewChangeIncreasesTheEpochByOne() {
    UdpProtocol p = protocol(DetectorSettings.defaults());
    long before = p.view().epoch();
    beat(p, AnnouncedStatus.ALIVE, 0);
    beat(p, AnnouncedStatus.UNHEALTHY, 100 * MS);
    assertEquals(before + 2, p.view().epoch());
    assertEquals(2, out.views.size());
    assertEquals(MemberState.UNHEALTHY, out.views.get(1).stateOf(B));
  }
}
