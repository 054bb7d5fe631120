package io.eipfailover.membership.jgroups;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import javax.crypto.SecretKey;

/**
 * How the default stack protects cluster traffic. Immutable; combine an encryption choice with an
 * optional join secret: {@code JGroupsSecurity.symmetric(path, "PKCS12", pw, "eip").withAuthSecret(s)}.
 *
 * <ul>
 *   <li>{@link #symmetric}: {@code SYM_ENCRYPT} with an AES secret key read from a keystore that
 *       every node holds. No coordinator involved; the key is rotated by redeploying keystores.
 *   <li>{@link #asymmetric()}: {@code ASYM_ENCRYPT}: the coordinator creates the group key and hands
 *       it to each joiner encrypted with the joiner's public key. Nothing to distribute, but it
 *       does not authenticate joiners: pair it with {@link #withAuthSecret}.
 *   <li>{@link #withAuthSecret}: {@code AUTH} below {@code GMS}: a joiner must prove the shared
 *       secret (a SHA-256 digest of cluster name and secret) or its join is refused.
 * </ul>
 *
 * With either encryption, {@code SERIALIZE} sits directly above the encryption protocol so
 * the headers of the reliability and membership protocols (sequence numbers, views, the AUTH
 * token) are encrypted too, not only payloads. Discovery, merge and failure-detection traffic
 * below it stays in clear (addresses and heartbeats only). See the module README.
 */
public final class JGroupsSecurity {
  /** The encryption protocol used. */
  public enum Encryption {
    NONE,
    SYMMETRIC,
    ASYMMETRIC
  }

  private static final JGroupsSecurity NONE = new JGroupsSecurity(Encryption.NONE, null, null);

  private final Encryption encryption;
  private final SecretKey secretKey;
  private final char[] authSecret;

  private JGroupsSecurity(Encryption encryption, SecretKey secretKey, char[] authSecret) {
    this.encryption = encryption;
    this.secretKey = secretKey;
    this.authSecret = authSecret;
  }

  /** No encryption, no authentication: only for a trusted, isolated network (the default). */
  public static JGroupsSecurity none() {
    return NONE;
  }

  /**
   * Symmetric encryption with the secret key {@code alias} read now from {@code keystore}; a missing
   * file, wrong password, unknown alias or non-secret entry fails here with the setting named.
   *
   * @param keystore the keystore file (same key on every node)
   * @param type the keystore type, e.g. {@code "PKCS12"} or {@code "JCEKS"}
   * @param password the store password, also used for the key entry
   * @param alias the secret key's alias
   */
  public static JGroupsSecurity symmetric(Path keystore, String type, char[] password, String alias) {
    Objects.requireNonNull(keystore, "keystore must not be null");
    Objects.requireNonNull(password, "keystore password must not be null");
    if (type == null || type.isBlank()) {
      throw new IllegalArgumentException("keystore type must not be blank, was '" + type + "'");
    }
    if (alias == null || alias.isBlank()) {
      throw new IllegalArgumentException("keystore alias must not be blank, was '" + alias + "'");
    }
    if (!Files.isReadable(keystore)) {
      throw new IllegalArgumentException("keystore must be a readable file, was " + keystore.toAbsolutePath());
    }
    KeyStore store;
    try (InputStream in = Files.newInputStream(keystore)) {
      store = KeyStore.getInstance(type);
      store.load(in, password);
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalArgumentException(
          "keystore " + keystore.toAbsolutePath() + " (type " + type + ") cannot be read: " + e.getMessage(), e);
    }
    Key key;
    try {
      key = store.getKey(alias, password);
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException(
          "keystore alias '" + alias + "' in " + keystore.toAbsolutePath() + " cannot be read: " + e.getMessage(), e);
    }
    if (!(key instanceof SecretKey secret)) {
      throw new IllegalArgumentException("keystore alias '" + alias + "' in " + keystore.toAbsolutePath()
          + " must be a secret key, was " + (key == null ? "missing" : key.getAlgorithm() + " " + key.getClass().getSimpleName()));
    }
    return new JGroupsSecurity(Encryption.SYMMETRIC, secret, null);
  }

  /**
   * Symmetric encryption with {@code key}, for callers that derive the key themselves (the agent
   * derives it from its key file); every node must use the same key.
   *
   * @param key an AES key of 16, 24 or 32 bytes
   */
  public static JGroupsSecurity symmetric(SecretKey key) {
    Objects.requireNonNull(key, "key must not be null");
    byte[] encoded = key.getEncoded();
    int bytes = encoded == null ? 0 : encoded.length;
    if (!"AES".equals(key.getAlgorithm()) || (bytes != 16 && bytes != 24 && bytes != 32)) {
      throw new IllegalArgumentException("key must be an AES key of 16, 24 or 32 bytes, was " + key.getAlgorithm()
          + " of " + bytes + " bytes");
    }
    return new JGroupsSecurity(Encryption.SYMMETRIC, key, null);
  }

  /** Asymmetric encryption: the coordinator distributes a group key to each joiner. */
  public static JGroupsSecurity asymmetric() {
    return new JGroupsSecurity(Encryption.ASYMMETRIC, null, null);
  }

  /**
   * A copy that also requires joiners to prove {@code secret} (at least 16 characters). The array
   * is copied; clear yours after the call.
   */
  public JGroupsSecurity withAuthSecret(char[] secret) {
    Objects.requireNonNull(secret, "authSecret must not be null");
    if (secret.length < 16) {
      throw new IllegalArgumentException("authSecret must be at least 16 characters, was " + secret.length);
    }
    return new JGroupsSecurity(encryption, secretKey, Arrays.copyOf(secret, secret.length));
  }

  /** The encryption protocol. */
  public Encryption encryption() {
    return encryption;
  }

  /** The symmetric key, for {@link Encryption#SYMMETRIC}. */
  public Optional<SecretKey> secretKey() {
    return Optional.ofNullable(secretKey);
  }

  /** A copy of the join secret, if one was set. */
  public Optional<char[]> authSecret() {
    return authSecret == null ? Optional.empty() : Optional.of(authSecret.clone());
  }

  @Override
  public String toString() {
    return "JGroupsSecurity{" + encryption + (authSecret != null ? ", auth" : "") + "}";
  }
}
