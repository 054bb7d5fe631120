package io.eipfailover.membership.udp.internal;

import java.security.DigestException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/**
 * HMAC-SHA256 (RFC 2104) that writes into a caller's buffer and allocates nothing per call.
 *
 * <p>Why not {@link javax.crypto.Mac}: {@code Mac.doFinal(byte[], int)} allocates a fresh array for
 * every MAC and copies it, which is the only garbage a heartbeat would otherwise make. This is the
 * textbook construction over one reused {@link MessageDigest}; a property test checks it against
 * {@code Mac} for random keys and messages. Not thread-safe.
 */
final class HmacSha256 {
  static final int LENGTH = 32;
  private static final int BLOCK = 64;

  private final MessageDigest sha256;
  private final byte[] innerPad = new byte[BLOCK];
  private final byte[] outerPad = new byte[BLOCK];
  private final byte[] inner = new byte[LENGTH];

  HmacSha256(byte[] key) {
    try {
      sha256 = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every Java platform", e);
    }
    byte[] k = key.length > BLOCK ? sha256.digest(key) : key;
    byte[] block = Arrays.copyOf(k, BLOCK);
    for (int i = 0; i < BLOCK; i++) {
      innerPad[i] = (byte) (block[i] ^ 0x36);
      outerPad[i] = (byte) (block[i] ^ 0x5c);
    }
    Arrays.fill(block, (byte) 0);
  }

  /** Writes HMAC-SHA256(key, data[0..length)) into {@code dest} at {@code destAt}. */
  void mac(byte[] data, int length, byte[] dest, int destAt) {
    try {
      sha256.reset();
      sha256.update(innerPad);
      sha256.update(data, 0, length);
      sha256.digest(inner, 0, LENGTH);
      sha256.update(outerPad);
      sha256.update(inner);
      sha256.digest(dest, destAt, LENGTH);
    } catch (DigestException e) {
      throw new IllegalStateException("a 32-byte buffer always holds a SHA-256 digest", e);
    }
  }
}
