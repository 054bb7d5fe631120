package io.eipfailover.membership.udp;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * The HMAC-SHA256 keys of a UDP membership: one primary key that signs every outgoing datagram,
 * and any number of accepted keys that incoming datagrams may be signed with. Each key has a
 * one-byte key id that travels in the datagram, so a receiver knows which key to verify with.
 *
 * <p>Rotation without a gap (old and new keys overlap):
 *
 * <ol>
 *   <li>give every node a keyring whose primary is the old key and which accepts the new key;
 *   <li>switch each node's primary to the new key, still accepting the old one;
 *   <li>once every node signs with the new key, drop the old key everywhere.
 * </ol>
 *
 * A node may do each step at its own pace (restart, or {@link UdpMembership#updateKeyring}).
 *
 * <p>Keys shorter than {@value #MIN_KEY_BYTES} bytes are refused. {@link #toString()} never shows
 * key material. Immutable and thread-safe.
 */
public final class UdpKeyring {
  /** The shortest key accepted, in bytes (128 bits). */
  public static final int MIN_KEY_BYTES = 16;

  private final int primaryKeyId;
  private final Map<Integer, byte[]> keys;

  private UdpKeyring(Builder b) {
    this.primaryKeyId = b.primaryKeyId;
    this.keys = Collections.unmodifiableMap(new TreeMap<>(b.keys));
  }

  /** A keyring with a single key, used both to sign and to verify. */
  public static UdpKeyring of(int keyId, byte[] key) {
    return builder().primary(keyId, key).build();
  }

  /** A new builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** The id of the key outgoing datagrams are signed with. */
  public int primaryKeyId() {
    return primaryKeyId;
  }

  /** The ids of every key incoming datagrams may be signed with (the primary's included), sorted. */
  public Set<Integer> keyIds() {
    return keys.keySet();
  }

  /** Whether datagrams signed with {@code keyId} are accepted. */
  public boolean accepts(int keyId) {
    return keys.containsKey(keyId);
  }

  /** A copy of the key with this id, or an exception naming the unknown id. */
  public byte[] key(int keyId) {
    byte[] k = keys.get(keyId);
    if (k == null) {
      throw new IllegalArgumentException("keyId " + keyId + " is not in this keyring " + keys.keySet());
    }
    return k.clone();
  }

  @Override
  public String toString() {
    return "UdpKeyring{primary=" + primaryKeyId + ", accepted=" + keys.keySet() + "}";
  }

  /** Builds a validated {@link UdpKeyring}. Not thread-safe. */
  public static final class Builder {
    private Integer primaryKeyId;
    private final Map<Integer, byte[]> keys = new TreeMap<>();

    private Builder() {}

    /** The signing key (also accepted). Key ids are 0 to 255 and unique within a keyring. */
    public Builder primary(int keyId, byte[] key) {
      if (primaryKeyId != null) {
        throw new IllegalArgumentException("primary key is already set (keyId " + primaryKeyId + "), was set again to " + keyId);
      }
      add(keyId, key);
      primaryKeyId = keyId;
      return this;
    }

    /** The signing key, given as a secret string (its UTF-8 bytes, at least 16 of them). */
    public Builder primary(int keyId, String secret) {
      return primary(keyId, Objects.requireNonNull(secret, "secret must not be null").getBytes(StandardCharsets.UTF_8));
    }

    /** An additional key that incoming datagrams may be signed with (during a rotation). */
    public Builder accept(int keyId, byte[] key) {
      add(keyId, key);
      return this;
    }

    /** An additional accepted key, given as a secret string (its UTF-8 bytes). */
    public Builder accept(int keyId, String secret) {
      return accept(keyId, Objects.requireNonNull(secret, "secret must not be null").getBytes(StandardCharsets.UTF_8));
    }

    private void add(int keyId, byte[] key) {
      if (keyId < 0 || keyId > 255) {
        throw new IllegalArgumentException("keyId must be between 0 and 255, was " + keyId);
      }
      Objects.requireNonNull(key, "key must not be null (keyId " + keyId + ")");
      if (key.length < MIN_KEY_BYTES) {
        throw new IllegalArgumentException(
            "key " + keyId + " must be at least " + MIN_KEY_BYTES + " bytes, was " + key.length + " bytes");
      }
      if (keys.containsKey(keyId)) {
        throw new IllegalArgumentException("duplicate keyId " + keyId);
      }
      keys.put(keyId, Arrays.copyOf(key, key.length));
    }

    /** Builds the keyring; a primary key is required. */
    public UdpKeyring build() {
      if (primaryKeyId == null) {
        throw new IllegalArgumentException("primary key must be set, keyring had only accepted keys " + keys.keySet());
      }
      return new UdpKeyring(this);
    }
  }
}
