package io.eipfailover.membership.udp.internal;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Wire format version 1 as release 0.1 writes and reads it, written again from the README's table
 * with the JDK's HMAC, independent of {@link HeartbeatCodec}: the other side of a rolling upgrade.
 * Its reader accepts version 1 only, as 0.1 does. For tests.
 */
final class ReleaseZeroOneWire {
  private final byte[] cluster;
  private final int keyId;
  private final byte[] key;

  ReleaseZeroOneWire(String cluster, int keyId, String secret) {
    this.cluster = cluster.getBytes(StandardCharsets.US_ASCII);
    this.keyId = keyId;
    this.key = secret.getBytes(StandardCharsets.UTF_8);
  }

  /** A version-1 heartbeat from {@code sender}; status code 0 alive, 1 standby, 2 unhealthy. */
  ByteBuffer encode(String sender, long incarnation, long sequence, int status, long fingerprint) {
    byte[] id = sender.getBytes(StandardCharsets.US_ASCII);
    ByteBuffer b = ByteBuffer.allocate(61 + cluster.length + id.length);
    b.put((byte) 1).put((byte) keyId).put((byte) cluster.length).put(cluster).put((byte) id.length).put(id);
    b.putLong(incarnation).putLong(sequence).put((byte) status).putLong(fingerprint);
    b.put(mac(Arrays.copyOf(b.array(), b.position())));
    return b.flip();
  }

  /**
   * How 0.1 reads {@code datagram}: "accepted", or why it drops it (only the reasons this test
   * needs are told apart).
   */
  String read(byte[] datagram) {
    if (datagram.length == 0 || datagram[0] != 1) {
      return "WRONG_VERSION";
    }
    int l = datagram[2] & 0xff;
    int s = datagram[3 + l] & 0xff;
    if (datagram.length != 61 + l + s) {
      return "LENGTH";
    }
    if (!Arrays.equals(datagram, 3, 3 + l, cluster, 0, cluster.length)) {
      return "WRONG_CLUSTER";
    }
    int macAt = datagram.length - 32;
    byte[] expected = mac(Arrays.copyOf(datagram, macAt));
    return MessageDigest.isEqual(expected, Arrays.copyOfRange(datagram, macAt, datagram.length))
        ? "accepted" : "BAD_MAC";
  }

  private byte[] mac(byte[] data) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(data);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Recomputes the MAC of a datagram of any version after a test edited it: a forgery with the right key. */
  byte[] resign(byte[] datagram) {
    byte[] b = datagram.clone();
    int macAt = b.length - 32;
    System.arraycopy(mac(Arrays.copyOf(b, macAt)), 0, b, macAt, 32);
    return b;
  }
}
