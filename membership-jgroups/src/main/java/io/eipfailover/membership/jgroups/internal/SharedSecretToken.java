package io.eipfailover.membership.jgroups.internal;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.jgroups.Message;
import org.jgroups.auth.AuthToken;

/**
 * An {@code AUTH} token for a shared secret: a joiner is admitted when its token carries the same
 * SHA-256 digest of (cluster name, secret). The secret itself never travels; the digest is
 * compared in constant time. JGroups 5 ships no shared-secret token (MD5Token and SimpleToken were
 * removed), hence this one.
 *
 * <p>The digest is a bearer credential: anyone who can read a join request can replay it. Use it
 * together with encryption (and SERIALIZE so the AUTH header is encrypted too); see the module
 * README. Public with a no-argument constructor because JGroups instantiates tokens by class name
 * when it reads them off the wire.
 */
public final class SharedSecretToken extends AuthToken {
  private byte[] digest = new byte[0];

  /** For JGroups' deserialization only. */
  public SharedSecretToken() {}

  /** A token for {@code secret} in cluster {@code clusterName}. */
  public SharedSecretToken(String clusterName, char[] secret) {
    this.digest = digest(clusterName, secret);
  }

  static byte[] digest(String clusterName, char[] secret) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      md.update("eipfailover-auth-v1\n".getBytes(StandardCharsets.US_ASCII));
      md.update(clusterName.getBytes(StandardCharsets.UTF_8));
      md.update((byte) '\n');
      md.update(new String(secret).getBytes(StandardCharsets.UTF_8));
      return md.digest();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every Java platform", e);
    }
  }

  @Override
  public String getName() {
    return getClass().getName();
  }

  @Override
  public int size() {
    return Short.BYTES + digest.length;
  }

  @Override
  public boolean authenticate(AuthToken token, Message msg) {
    return token instanceof SharedSecretToken other && digest.length > 0
        && MessageDigest.isEqual(digest, other.digest);
  }

  @Override
  public void writeTo(DataOutput out) throws IOException {
    out.writeShort(digest.length);
    out.write(digest);
  }

  @Override
  public void readFrom(DataInput in) throws IOException {
    int length = in.readUnsignedShort();
    if (length > 64) {
      throw new IOException("auth token digest too long: " + length + " bytes");
    }
    byte[] d = new byte[length];
    in.readFully(d);
    this.digest = d;
  }
}
