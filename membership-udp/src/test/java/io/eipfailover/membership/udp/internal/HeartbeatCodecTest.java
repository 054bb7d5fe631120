package io.eipfailover.membership.udp.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.eipfailover.core.AnnouncedStatus;
import io.eipfailover.core.Hearing;
import io.eipfailover.core.NodeId;
import io.eipfailover.membership.udp.UdpMembership;
import io.eipfailover.membership.udp.DropReason;
import io.eipfailover.membership.udp.UdpKeyring;
import io.eipfailover.membership.udp.testing.TestKeys;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
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

  private static byte[] bytes(ByteBuffer b) {
    byte[] bytes = new byte[b.remaining()];
    b.get(bytes);
    return bytes;
  }

  private static final ReleaseZeroOneWire V1 = new ReleaseZeroOneWire("test", 1, TestKeys.K1);

  /** Node ids n000 .. n(count-1), so that their sorted order is their number's. */
  private static List<NodeId> nodes(int count) {
    List<NodeId> ids = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      ids.add(NodeId.of(String.format("n%03d", i)));
    }
    return ids;
  }

  private static List<NodeId> without(List<NodeId> all, NodeId self) {
    List<NodeId> peers = new ArrayList<>(all);
    peers.remove(self);
    return peers;
  }

  /** A heartbeat from {@code sender} of topology {@code all} hearing exactly {@code heard}. */
  private static byte[] hearing(List<NodeId> all, NodeId sender, Set<NodeId> heard) {
    List<NodeId> peers = without(all, sender);
    return bytes(codec("test", sender, peers, TestKeys.k1())
        .encode(HeartbeatCodec.VERSION, 1, 1, AnnouncedStatus.ALIVE, 1, i -> heard.contains(peers.get(i))));
  }

  /** What {@code receiver} of topology {@code all} decodes about being heard, or the drop reason. */
  private static Object heardAt(List<NodeId> all, NodeId receiver, byte[] datagram) {
    Heartbeat hb = new Heartbeat();
    DropReason reason = codec("test", receiver, without(all, receiver), TestKeys.k1()).decode(ByteBuffer.wrap(datagram), hb);
    return reason != null ? reason : hb.hearsSelf;
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
  void everyHeartbeatRoundTripsAndFitsTheDatagramLimit(@ForAll("names") String cluster, @ForAll("names") String sender,
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
    assertEquals(HeartbeatCodec.VERSION, hb.version);
  }

  @Test
  void largestVersion1DatagramIs125BytesWithTheFullMac() {
    String longest = "n".repeat(32);
    ByteBuffer wire = codec(longest, NodeId.of(longest), List.of(A), TestKeys.k1())
        .encode(HeartbeatCodec.VERSION_1, 1, 1, AnnouncedStatus.ALIVE, 7, i -> true);
    assertEquals(125, wire.remaining());
  }

  @Test
  void theLargestLegalTopologysDatagramIsTheLimitAndRoundTrips() {
    String longest = "n".repeat(32);
    List<NodeId> all = new ArrayList<>();
    for (int i = 0; i < UdpMembership.MAX_NODES; i++) {
      all.add(NodeId.of(String.format("%032d", i)));
    }
    NodeId sender = all.get(UdpMembership.MAX_NODES - 1);
    NodeId receiver = all.get(0);
    List<NodeId> senderPeers = without(all, sender);
    ByteBuffer wire = codec(longest, sender, senderPeers, TestKeys.k1())
        .encode(HeartbeatCodec.VERSION, 1, 1, AnnouncedStatus.ALIVE, 7, i -> senderPeers.get(i).equals(receiver));
    assertEquals(UdpMembership.MAX_DATAGRAM_BYTES, wire.remaining());
    assertEquals(HeartbeatCodec.MAX_DATAGRAM_BYTES, wire.remaining());
    Heartbeat hb = new Heartbeat();
    assertNull(codec(longest, receiver, without(all, receiver), TestKeys.k1()).decode(wire, hb));
    assertEquals(Hearing.YES, hb.hearsSelf);
    assertEquals(254, hb.senderIndex);
    assertEquals(7, hb.fingerprint);
  }

  @Test
  void aTopologyBeyondTheLimitIsRefused() {
    List<NodeId> all = nodes(UdpMembership.MAX_NODES + 1);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> codec("test", all.get(0), without(all, all.get(0)), TestKeys.k1()));
    assertEquals("at most 256 nodes, was 257", e.getMessage());
  }

  @Test
  void eachReceiverReadsItsOwnBitOverTheSortedTopology() {
    List<NodeId> all = nodes(3);
    // configured out of order: the bitmap follows the sorted list, not the configuration
    List<NodeId> senderPeers = List.of(all.get(2), all.get(0));
    byte[] wire = bytes(codec("test", all.get(1), senderPeers, TestKeys.k1())
        .encode(HeartbeatCodec.VERSION, 1, 1, AnnouncedStatus.ALIVE, 1, i -> senderPeers.get(i).equals(all.get(2))));
    assertEquals(0b100, wire[wire.length - 33], "bit 2 (n002) set, our own bit 1 and n000's bit 0 clear");
    assertEquals(Hearing.YES, heardAt(all, all.get(2), wire));
    assertEquals(Hearing.NO, heardAt(all, all.get(0), wire));
  }

  @Test
  void bitmapsOfEightNineAndTwoNodesRoundTripForEveryReceiver() {
    for (int size : new int[] {2, 8, 9, 16, 17}) {
      List<NodeId> all = nodes(size);
      NodeId sender = all.get(size / 2);
      Set<NodeId> heard = Set.of(all.get(0), all.get(size - 1));
      byte[] wire = hearing(all, sender, heard);
      assertEquals(61 + 4 + 4 + 1 + (size + 7) / 8, wire.length, size + " nodes");
      for (NodeId receiver : without(all, sender)) {
        assertEquals(heard.contains(receiver) ? Hearing.YES : Hearing.NO, heardAt(all, receiver, wire),
            size + " nodes, at " + receiver);
      }
    }
  }

  @Test
  void aVersion1HeartbeatSaysNothingAboutHearing() {
    Heartbeat hb = new Heartbeat();
    hb.hearsSelf = Hearing.YES;
    assertNull(decodeAtA(bytes(V1.encode("b", 5, 9, 1, 77)), hb));
    assertEquals(1, hb.version);
    assertEquals(Hearing.UNKNOWN, hb.hearsSelf);
    assertEquals(AnnouncedStatus.STANDBY, hb.status);
    assertEquals(77, hb.fingerprint);
  }

  @Test
  void ourVersion1IsByteForByteRelease01s() {
    byte[] ours = bytes(codec("test", B, List.of(A), TestKeys.k1())
        .encode(HeartbeatCodec.VERSION_1, 5, 9, AnnouncedStatus.UNHEALTHY, 77, i -> true));
    assertEquals(Arrays.toString(bytes(V1.encode("b", 5, 9, 2, 77))), Arrays.toString(ours));
    assertEquals("accepted", V1.read(ours));
    assertEquals("WRONG_VERSION", V1.read(fromB(5, 9, AnnouncedStatus.ALIVE, 77)), "0.1 drops version 2");
  }

  @Test
  void aBitmapSizedForAnotherTopologySaysNothingAndIsNotDropped() {
    List<NodeId> nine = nodes(9);
    byte[] fromNineNodes = hearing(nine, nine.get(1), Set.of(nine.get(0)));
    assertEquals(Hearing.UNKNOWN, heardAt(List.of(nine.get(0), nine.get(1)), nine.get(0), fromNineNodes));
    byte[] empty = V1.resign(withHears(fromB(5, 9, AnnouncedStatus.ALIVE, 1), new byte[0]));
    assertEquals(Hearing.UNKNOWN, heardAt(List.of(A, B), A, empty));
  }

  @Test
  void dropsABitmapWithPaddingBitsOrAnImpossibleLength() {
    byte[] ok = fromB(5, 9, AnnouncedStatus.ALIVE, 1);
    assertEquals(Hearing.YES, heardAt(List.of(A, B), A, ok));
    for (int bit = 2; bit < 8; bit++) {
      byte[] padded = V1.resign(withHears(ok, new byte[] {(byte) (1 | 1 << bit)}));
      assertEquals(DropReason.GARBAGE, heardAt(List.of(A, B), A, padded), "padding bit " + bit);
    }
    byte[] tooLong = V1.resign(withHears(ok, new byte[HeartbeatCodec.MAX_HEARS_BYTES + 1]));
    assertEquals(DropReason.GARBAGE, heardAt(List.of(A, B), A, tooLong));
    byte[] lengthBeyondTheDatagram = ok.clone();
    lengthBeyondTheDatagram[ok.length - 34] = 3;
    assertEquals(DropReason.TRUNCATED, heardAt(List.of(A, B), A, lengthBeyondTheDatagram));
    byte[] lengthShortOfTheDatagram = ok.clone();
    lengthShortOfTheDatagram[ok.length - 34] = 0;
    assertEquals(DropReason.GARBAGE, heardAt(List.of(A, B), A, lengthShortOfTheDatagram));
    byte[] noHearsField = Arrays.copyOf(ok, HeartbeatCodec.FIXED_BYTES + 4 + 1);
    assertEquals(DropReason.TRUNCATED, heardAt(List.of(A, B), A, noHearsField));
  }

  /** {@code datagram} (version 2, MAC left stale) with its hears field replaced by {@code bitmap}. */
  private static byte[] withHears(byte[] datagram, byte[] bitmap) {
    int hearsAt = datagram.length - 32 - 2; // the field of a two-node heartbeat: length 1, one bitmap byte
    byte[] b = new byte[hearsAt + 1 + bitmap.length + 32];
    System.arraycopy(datagram, 0, b, 0, hearsAt);
    b[hearsAt] = (byte) bitmap.length;
    System.arraycopy(bitmap, 0, b, hearsAt + 1, bitmap.length);
    return b;
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
    assertEquals(DropReason.OVERSIZED, decodeAtA(new byte[HeartbeatCodec.MAX_DATAGRAM_BYTES + 1], new Heartbeat()));
  }

  @Test
  void dropsWrongVersion() {
    for (byte version : new byte[] {0, 3, (byte) 0x81}) {
      byte[] bytes = fromB(5, 9, AnnouncedStatus.ALIVE, 1);
      bytes[0] = version;
      assertEquals(DropReason.WRONG_VERSION, decodeAtA(bytes, new Heartbeat()), "version " + version);
    }
  }

  @Test
  void aVersion2HeartbeatRelabelledVersion1IsNotAccepted() {
    byte[] bytes = fromB(5, 9, AnnouncedStatus.ALIVE, 1);
    bytes[0] = 1;
    assertEquals(DropReason.GARBAGE, decodeAtA(bytes, new Heartbeat()), "one byte too long for version 1");
    byte[] v1 = bytes(V1.encode("b", 5, 9, 0, 1));
    v1[0] = 2;
    assertNotNull(decodeAtA(v1, new Heartbeat()));
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
    int hearsLength = ok.length - 32 - 2;
    for (int i = firstCovered; i < ok.length; i++) {
      byte[] bad = ok.clone();
      bad[i] ^= 0x10;
      DropReason expected = i == hearsLength ? DropReason.TRUNCATED : DropReason.BAD_MAC;
      assertEquals(expected, decodeAtA(bad, new Heartbeat()), "flipped byte " + i);
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
