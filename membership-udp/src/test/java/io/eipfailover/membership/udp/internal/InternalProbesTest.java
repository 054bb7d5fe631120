package io.eipfailover.membership.udp.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.eipfailover.core.AnnouncedStatus;
import io.eipfailover.core.NodeId;
import io.eipfailover.membership.udp.DetectorSettings;
import io.eipfailover.membership.udp.DropReason;
import io.eipfailover.membership.udp.testing.TestKeys;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

/** The benchmarks' door must open onto the real behaviour, or the benchmarks measure nothing. */
class InternalProbesTest {
  private static final long MS = 1_000_000L;

  @Test
  void theCodecPairAcceptsItsOwnHeartbeatAndRejectsATamperedOne() {
    InternalProbes.CodecPair codec = InternalProbes.codecPair("bench", NodeId.of("a"), NodeId.of("b"), TestKeys.k1());
    assertNull(codec.decode(codec.encode(1, 41, AnnouncedStatus.ALIVE, 7)));
    assertEquals(41, codec.decodedSequence());
    ByteBuffer tampered = codec.encode(1, 42, AnnouncedStatus.ALIVE, 7);
    tampered.put(tampered.limit() - 1, (byte) (tampered.get(tampered.limit() - 1) ^ 1));
    assertEquals(DropReason.BAD_MAC, codec.decode(tampered));
  }

  @Test
  void theDetectorConvictsAfterTheDeadtimeOfItsSettings() {
    InternalProbes.Detector d = InternalProbes.detector(DetectorSettings.defaults());
    d.heartbeat(0);
    assertFalse(d.isDead(999 * MS));
    assertTrue(d.isDead(1_000 * MS));
  }
}
