package io.eipfailover.membership.udp.internal;

import io.eipfailover.core.AnnouncedStatus;
import io.eipfailover.core.Hearing;
import io.eipfailover.core.NodeId;
import io.eipfailover.membership.udp.DropReason;
import io.eipfailover.membership.udp.UdpKeyring;
import io.eipfailover.membership.udp.UdpMembership;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntPredicate;

/**
 * The wire format (documented byte by byte in the module README): version, key id, cluster name,
 * sender id, incarnation, sequence, status, configuration fingerprint, in version 2 the peers the
 * sender hears (a length byte and a bitmap over the topology's sorted node list), then HMAC-SHA256
 * over all of that. Version 1 (0.1, no hears field) is still decoded and, for a peer that speaks
 * only it, encoded: a rolling upgrade keeps both sides hearing each other. Pure apart from the
 * reused buffers and per-key {@link HmacSha256}s: encoding and decoding allocate nothing, so a
 * heartbeat costs no garbage in steady state.
 *
 * <p>Decoding checks cheap things first (size, version, structure, cluster, sender, key id) and
 * the MAC last but before any field is trusted; the MAC comparison is constant-time ({@link
 * MessageDigest#isEqual}). Not thread-safe: one codec per protocol loop.
 */
final class HeartbeatCodec {
  /** The version this node sends unless a peer speaks only {@link #VERSION_1}. */
  static final int VERSION = 2;
  /** The version of 0.1: no hears field. Still decoded, and sent to peers that send it. */
  static final int VERSION_1 = 1;
  static final int MAC_BYTES = 32;
  static final int MAX_DATAGRAM_BYTES = UdpMembership.MAX_DATAGRAM_BYTES;
  /** Everything but the two names in version 1: version, key id, two lengths, 3 longs, status, MAC. */
  static final int FIXED_BYTES = 1 + 1 + 1 + 1 + 8 + 8 + 1 + 8 + MAC_BYTES;
  static final int MIN_DATAGRAM_BYTES = FIXED_BYTES + 2;
  /** Version 2 adds the hears length byte (and that many bitmap bytes). */
  static final int MIN_DATAGRAM_BYTES_V2 = MIN_DATAGRAM_BYTES + 1;
  /** The largest hears bitmap: one bit per node of the largest topology. */
  static final int MAX_HEARS_BYTES = hearsBytes(UdpMembership.MAX_NODES);
  private static final int MAX_NAME_BYTES = 32;

  private final byte[] cluster;
  private final byte[] self;
  private final byte[][] peers;
  /** Each peer's (configuration order) bit in the hears bitmap: its index in the sorted node list. */
  private final int[] peerBits;
  /** Our own bit, the one a peer's bitmap sets when it hears us. */
  private final int selfBit;
  private final int nodes;
  private final int hearsBytes;
  private final HmacSha256[] macs = new HmacSha256[256];
  private int primaryKeyId;

  private final byte[] tx = new byte[MAX_DATAGRAM_BYTES];
  private final ByteBuffer txBuffer = ByteBuffer.wrap(tx);
  private final byte[] rx = new byte[MAX_DATAGRAM_BYTES];
  private final byte[] computedMac = new byte[MAC_BYTES];
  private final byte[] receivedMac = new byte[MAC_BYTES];
  private int lastLength;
  private int lastSender = -1;

  HeartbeatCodec(String clusterName, NodeId self, List<NodeId> peers, UdpKeyring keyring) {
    this.cluster = clusterName.getBytes(StandardCharsets.US_ASCII);
    if (cluster.length == 0 || cluster.length > MAX_NAME_BYTES) {
      throw new IllegalArgumentException("clusterName must be 1 to 32 ASCII bytes, was '" + clusterName + "'");
    }
    this.self = self.bytes();
    if (peers.size() + 1 > UdpMembership.MAX_NODES) {
      throw new IllegalArgumentException("at most " + UdpMembership.MAX_NODES + " nodes, was " + (peers.size() + 1));
    }
    this.peers = new byte[peers.size()][];
    for (int i = 0; i < peers.size(); i++) {
      this.peers[i] = peers.get(i).bytes();
    }
    List<NodeId> sorted = new ArrayList<>(peers);
    sorted.add(self);
    sorted.sort(null);
    this.nodes = sorted.size();
    this.hearsBytes = hearsBytes(nodes);
    this.selfBit = sorted.indexOf(self);
    this.peerBits = new int[peers.size()];
    for (int i = 0; i < peerBits.length; i++) {
      peerBits[i] = sorted.indexOf(peers.get(i));
    }
    keyring(keyring);
  }

  /** Bitmap bytes for a topology of {@code nodes} nodes. */
  static int hearsBytes(int nodes) {
    return (nodes + 7) / 8;
  }

  /** Replaces the keys (a rotation step); takes effect for the next encode and decode. */
  void keyring(UdpKeyring keyring) {
    Arrays.fill(macs, null);
    for (int id : keyring.keyIds()) {
      byte[] key = keyring.key(id);
      macs[id] = new HmacSha256(key);
      Arrays.fill(key, (byte) 0);
    }
    primaryKeyId = keyring.primaryKeyId();
  }

  /** A version-2 heartbeat that hears every peer: for tests and benchmarks of a healthy link. */
  ByteBuffer encode(long incarnation, long sequence, AnnouncedStatus status, long fingerprint) {
    return encode(VERSION, incarnation, sequence, status, fingerprint, peer -> true);
  }

  /**
   * Encodes a heartbeat from self into the codec's reused buffer and returns it (position 0, limit
   * the datagram length). Valid until the next encode.
   *
   * @param version {@link #VERSION}, or {@link #VERSION_1} for a peer that speaks only that
   * @param hears which peers (index in the configured list) this node hears; not called for version 1
   */
  ByteBuffer encode(int version, long incarnation, long sequence, AnnouncedStatus status, long fingerprint,
      IntPredicate hears) {
    if (version != VERSION && version != VERSION_1) {
      throw new IllegalArgumentException("version must be 1 or 2, was " + version);
    }
    int p = 0;
    tx[p++] = (byte) version;
    tx[p++] = (byte) primaryKeyId;
    tx[p++] = (byte) cluster.length;
    System.arraycopy(cluster, 0, tx, p, cluster.length);
    p += cluster.length;
    tx[p++] = (byte) self.length;
    System.arraycopy(self, 0, tx, p, self.length);
    p += self.length;
    p = WireBytes.putLong(tx, p, incarnation);
    p = WireBytes.putLong(tx, p, sequence);
    tx[p++] = WireBytes.statusCode(status);
    p = WireBytes.putLong(tx, p, fingerprint);
    if (version == VERSION) {
      p = putHears(p, hears);
    }
    macs[primaryKeyId].mac(tx, p, tx, p);
    p += MAC_BYTES;
    txBuffer.clear().limit(p);
    return txBuffer;
  }

  /**
   * Decodes and authenticates {@code datagram} (its remaining bytes, consumed) into {@code out}.
   *
   * @return null if the datagram is a valid, authentic heartbeat from a known peer, otherwise why
   *     it must be dropped ({@code out} is then meaningless)
   */
  DropReason decode(ByteBuffer datagram, Heartbeat out) {
    int n = datagram.remaining();
    lastLength = 0;
    lastSender = -1;
    if (n > MAX_DATAGRAM_BYTES) {
      datagram.position(datagram.limit());
      return DropReason.OVERSIZED;
    }
    if (n == 0) {
      return DropReason.TRUNCATED;
    }
    datagram.get(rx, 0, n);
    lastLength = n;
    int version = rx[0];
    if (version != VERSION && version != VERSION_1) {
      return DropReason.WRONG_VERSION;
    }
    if (n < (version == VERSION ? MIN_DATAGRAM_BYTES_V2 : MIN_DATAGRAM_BYTES)) {
      return DropReason.TRUNCATED;
    }
    int clusterLength = rx[2] & 0xff;
    if (clusterLength == 0 || clusterLength > MAX_NAME_BYTES) {
      return DropReason.GARBAGE;
    }
    int senderAt = 3 + clusterLength;
    int senderLength = rx[senderAt] & 0xff;
    if (senderLength == 0 || senderLength > MAX_NAME_BYTES) {
      return DropReason.GARBAGE;
    }
    int hearsAt = senderAt + 1 + senderLength + 25;
    int received = 0;
    if (version == VERSION) {
      if (n <= hearsAt) {
        return DropReason.TRUNCATED;
      }
      received = rx[hearsAt] & 0xff;
      if (received > MAX_HEARS_BYTES) {
        return DropReason.GARBAGE;
      }
    }
    int expected = FIXED_BYTES + clusterLength + senderLength + (version == VERSION ? 1 + received : 0);
    if (n < expected) {
      return DropReason.TRUNCATED;
    }
    if (n > expected) {
      return DropReason.GARBAGE;
    }
    if (!WireBytes.equalsAt(rx, 3, clusterLength, cluster)) {
      return DropReason.WRONG_CLUSTER;
    }
    int sender = indexOf(rx, senderAt + 1, senderLength);
    if (sender < 0) {
      return DropReason.UNKNOWN_SENDER;
    }
    lastSender = sender;
    HmacSha256 mac = macs[rx[1] & 0xff];
    if (mac == null) {
      return DropReason.UNKNOWN_KEY;
    }
    int macAt = n - MAC_BYTES;
    mac.mac(rx, macAt, computedMac, 0);
    System.arraycopy(rx, macAt, receivedMac, 0, MAC_BYTES);
    if (!MessageDigest.isEqual(computedMac, receivedMac)) {
      return DropReason.BAD_MAC;
    }
    int p = senderAt + 1 + senderLength;
    long incarnation = WireBytes.getLong(rx, p);
    long sequence = WireBytes.getLong(rx, p + 8);
    AnnouncedStatus status = WireBytes.status(rx[p + 16]);
    long fingerprint = WireBytes.getLong(rx, p + 17);
    if (incarnation <= 0 || sequence <= 0 || status == null) {
      return DropReason.GARBAGE;
    }
    Hearing hearsSelf = Hearing.UNKNOWN;
    if (version == VERSION && received == hearsBytes) {
      if (!paddingClear(hearsAt + 1)) {
        return DropReason.GARBAGE;
      }
      hearsSelf = bit(hearsAt + 1, selfBit) ? Hearing.YES : Hearing.NO;
    }
    out.version = version;
    out.hearsSelf = hearsSelf;
    out.senderIndex = sender;
    out.keyId = rx[1] & 0xff;
    out.incarnation = incarnation;
    out.sequence = sequence;
    out.status = status;
    out.fingerprint = fingerprint;
    return null;
  }

  /** The version byte of the last datagram decoded, or -1 if it was empty or oversized. For drop reports. */
  int lastVersion() {
    return lastLength > 0 ? rx[0] & 0xff : -1;
  }

  /** The key id byte of the last datagram decoded, or -1 if it was shorter than two bytes. For drop reports. */
  int lastKeyId() {
    return lastLength > 1 ? rx[1] & 0xff : -1;
  }

  /**
   * The peer (index in the configured list) the last datagram claimed to come from, or -1 if decoding
   * stopped before the sender was known (it is known for {@code UNKNOWN_KEY}, {@code BAD_MAC} and
   * later checks).
   */
  int lastClaimedSender() {
    return lastSender;
  }

  /**
   * Writes the hears field at {@code p}: its length, then bit {@code i} (byte {@code i / 8}, bit
   * {@code i % 8} from the least significant) set when node {@code i} of the sorted topology is a
   * peer this node hears. Our own bit and the padding bits stay clear.
   */
  private int putHears(int p, IntPredicate hears) {
    tx[p++] = (byte) hearsBytes;
    Arrays.fill(tx, p, p + hearsBytes, (byte) 0);
    for (int i = 0; i < peerBits.length; i++) {
      if (hears.test(i)) {
        int b = peerBits[i];
        tx[p + (b >>> 3)] |= (byte) (1 << (b & 7));
      }
    }
    return p + hearsBytes;
  }

  private boolean bit(int bitmapAt, int b) {
    return (rx[bitmapAt + (b >>> 3)] & (1 << (b & 7))) != 0;
  }

  /**
   * Whether the bits past the last node are clear. Read only when the bitmap's length is ours: one
   * of another length comes from a sender with another topology (its fingerprint differs, which is
   * reported), whose bits name other nodes, so it says nothing about us; dropping the heartbeat would
   * turn a configuration mismatch into a dead peer.
   */
  private boolean paddingClear(int bitmapAt) {
    for (int b = nodes; b < hearsBytes * 8; b++) {
      if (bit(bitmapAt, b)) {
        return false;
      }
    }
    return true;
  }

  private int indexOf(byte[] data, int at, int length) {
    for (int i = 0; i < peers.length; i++) {
      if (WireBytes.equalsAt(data, at, length, peers[i])) {
        return i;
      }
    }
    return -1;
  }
}
