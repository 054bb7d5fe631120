package io.eipfailover.membership.udp.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.eipfailover.core.AnnouncedStatus;
import io.eipfailover.core.NodeId;
import io.eipfailover.membership.udp.DropReason;
import io.eipfailover.membership.udp.UdpKeyring;
import io.eipfailover.membership.udp.testing.TestKeys;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class HeartbeatCodecTest {
  private static final NodeId A = NodeId.of("a");
  private static final NodeId B = NodeId.of("b");

  private static HeartbeatCodec codec(String cluster, NodeId self, List<NodeId> peers, UdpKeyring ring) {
    return new HeartbeatCodec(cluster, self, peers, ring);
  }

  private static byte[] fromB(long inc, long seq, AnnouncedStatus status, long fp) {
    ByteBuffer b = codec("test", B, List.of(A), TestKeys.k1()).encode(inc, seq, status, fp);
    byte[] bytes = new byte[b.remaining()];
    b.get(bytes);
    return bytes;
  }

  private static DropReason decodeAtA(byte[] bytes, Heartbeat out) {
    return codec("test", A, List.of(B), TestKeys.k1()).decode(ByteBuffer.wrap(bytes), out);
  }

  @Provide
  Arbitrary<String> names() {
    return Arbitraries.strings().withChars("abcXYZ019._-").ofMinLength(1).ofMaxLength(32)
        .filter(s -> Character.isLetterOrDigit(s.charAt(0)));
  }

  @Property(tries = 300)
  void everyHeartbeatRoundTripsAndFitsIn128Bytes(@ForAll("names") String cluster, @ForAll("names") String sender,
      @ForAll("names") String receiver, @ForAll long incarnation, @ForAll long sequence, @ForAll AnnouncedStatus status,
      @ForAll long fingerprint) {
    NodeId from = NodeId.of(sender);
    NodeId to = NodeId.of(receiver);
    long inc = incarnation == Long.MIN_VALUE ? 1 : Math.max(1, Math.abs(incarnation));
    long seq = sequence == Long.MIN_VALUE ? 1 : Math.max(1, Math.abs(sequence));
    ByteBuffer wire = codec(cluster, from, List.of(to), TestKeys.k1()).encode(inc, seq, status, fingerprint);
    assertTrue(wire.remaining() <= HeartbeatCodec.MAX_DATAGRAM_BYTES, "size " + wire.remaining());
    Heartbeat hb = new Heartbeat();
    assertNull(codec(cluster, to, List.of(NodeId.of("zz"), from), TestKeys.k1()).decode(wire, hb));
    assertEquals(1, hb.senderIndex);
    assertEquals(inc, hb.incarnation);
    assertEquals(seq, hb.sequence);
    assertEquals(status, hb.status);
    assertEquals(fingerprint, hb.fingerprint);
    assertEquals(1, hb.keyId);
  }

  @Test
  void largestDatagramIs125BytesWithTheFullMac() {
    String longest = "n".repeat(32);
    ByteBuffer wire = codec(longest, NodeId.of(longest), List.of(A), TestKeys.k1()).encode(1, 1, AnnouncedStatus.ALIVE, 7);
    assertEquals(125, wire.remaining());
  }

  @Test
  void dropsTruncated() {
    byte[] ok = fromB(5, 9, AnnouncedStatus.ALIVE, 1);
    assertEquals(DropReason.TRUNCATED, decodeAtA(Arrays.copyOf(ok, ok.length - 1), new Heartbeat()));
    assertEquals(DropReason.TRUNCATED, decodeAtA(Arrays.copyOf(ok, 10), new Heartbeat()));
    assertEquals(DropReason.TRUNCATED, decodeAtA(new byte[0], new Heartbeat()));
  }

  @Test
  void dropsOversized() {
    assertEquals(DropReason.OVERSIZED, decodeAtA(new byte[129], new Heartbeat()));
  }

  @Test
  void dropsWrongVersion() {
    byte[] bytes = fromB(5, 9, AnnouncedStatus.ALIVE, 1);
    bytes[0] = 2;
    assertEquals(DropReason.WRONG_VERSION, decodeAtA(bytes, new Heartbeat()));
  }

  @Test
  void dropsWrongCluster() {
    ByteBuffer b = codec("other", B, List.of(A), TestKeys.k1()).encode(1, 1, AnnouncedStatus.ALIVE, 1);
    assertEquals(DropReason.WRONG_CLUSTER, codec("test", A, List.of(B), TestKeys.k1()).decode(b, new Heartbeat()));
  }

  @Test
  void dropsUnknownSenderAndOurOwnId() {
    ByteBuffer fromC = codec("test", NodeId.of("c"), List.of(A), TestKeys.k1()).encode(1, 1, AnnouncedStatus.ALIVE, 1);
    assertEquals(DropReason.UNKNOWN_SENDER, codec("test", A, List.of(B), TestKeys.k1()).decode(fromC, new Heartbeat()));
    ByteBuffer fromA = codec("test", A, List.of(B), TestKeys.k1()).encode(1, 1, AnnouncedStatus.ALIVE, 1);
    assertEquals(DropReason.UNKNOWN_SENDER, codec("test", A, List.of(B), TestKeys.k1()).decode(fromA, new Heartbeat()));
  }

  @Test
  void dropsUnknownKeyId() {
    ByteBuffer b = codec("test", B, List.of(A), UdpKeyring.builder().primary(7, TestKeys.K1).build())
        .encode(1, 1, AnnouncedStatus.ALIVE, 1);
    assertEquals(DropReason.UNKNOWN_KEY, codec("test", A, List.of(B), TestKeys.k1()).decode(b, new Heartbeat()));
  }

  @Test
  void dropsBadMacForAnyFlippedBitOrADifferentKeyUnderTheSameId() {
    byte[] ok = fromB(5, 9, AnnouncedStatus.ALIVE, 1);
    int firstCovered = 3 + 4 + 1 + 1; // after version, key id, "test", sender length, "b"
    for (int i = firstCovered; i < ok.length; i++) {
      byte[] bad = ok.clone();
      bad[i] ^= 0x10;
      assertEquals(DropReason.BAD_MAC, decodeAtA(bad, new Heartbeat()), "flipped byte " + i);
    }
    ByteBuffer otherKey = codec("test", B, List.of(A), UdpKeyring.builder().primary(1, TestKeys.K2).build())
        .encode(1, 1, AnnouncedStatus.ALIVE, 1);
    assertEquals(DropReason.BAD_MAC, codec("test", A, List.of(B), TestKeys.k1()).decode(otherKey, new Heartbeat()));
  }

  @Test
  void dropsGarbageLengthsAndTrailingBytes() {
    byte[] ok = fromB(5, 9, AnnouncedStatus.ALIVE, 1);
    byte[] zeroCluster = ok.clone();
    zeroCluster[2] = 0;
    assertEquals(DropReason.GARBAGE, decodeAtA(zeroCluster, new Heartbeat()));
    byte[] hugeCluster = ok.clone();
    hugeCluster[2] = (byte) 200;
    assertEquals(DropReason.GARBAGE, decodeAtA(hugeCluster, new Heartbeat()));
    byte[] trailing = Arrays.copyOf(ok, ok.length + 1);
    assertEquals(DropReason.GARBAGE, decodeAtA(trailing, new Heartbeat()));
  }

  @Test
  void dropsAuthenticButImpossibleFieldsAsGarbage() {
    assertEquals(DropReason.GARBAGE, decodeAtA(fromB(0, 9, AnnouncedStatus.ALIVE, 1), new Heartbeat()));
    assertEquals(DropReason.GARBAGE, decodeAtA(fromB(5, -1, AnnouncedStatus.ALIVE, 1), new Heartbeat()));
  }

  @Test
  void acceptsEveryKeyOfTheRingAndFollowsAKeyringUpdate() {
    UdpKeyring both = UdpKeyring.builder().primary(1, TestKeys.K1).accept(2, TestKeys.K2).build();
    HeartbeatCodec receiver = codec("test", A, List.of(B), both);
    HeartbeatCodec sender = codec("test", B, List.of(A), UdpKeyring.of(2, TestKeys.K2.getBytes()));
    Heartbeat hb = new Heartbeat();
    assertNull(receiver.decode(sender.encode(1, 1, AnnouncedStatus.STANDBY, 1), hb));
    assertEquals(2, hb.keyId);
    receiver.keyring(TestKeys.k1());
    assertEquals(DropReason.UNKNOWN_KEY, receiver.decode(sender.encode(1, 2, AnnouncedStatus.STANDBY, 1), hb));
  }
}
