package io.eipfailover.membership.jgroups.internal;

import io.eipfailover.core.AnnouncedStatus;
import io.eipfailover.core.NodeId;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * The small state message every member multicasts on change, on every view change and
 * periodically: who it is, its {@link AnnouncedStatus} and its topology fingerprint.
 *
 * <p>Wire format (version 1, big-endian): magic {@code 0x45 0x46} ("EF"), version byte {@code 1},
 * status ordinal byte, fingerprint (8 bytes), sequence (8 bytes), node id length byte, node id
 * (US-ASCII). The sequence grows with every message of one member incarnation: announcements
 * travel out-of-band (not held behind a retransmission gap), so a late copy of an old one must be
 * recognised and ignored. Pure value
 * class; {@link #decode} rejects anything else with {@link IllegalArgumentException}, so a
 * foreign or corrupt payload is dropped and counted, never half-applied. Authenticity is JGroups'
 * job (AUTH, SYM_ENCRYPT/ASYM_ENCRYPT below SERIALIZE), not this format's.
 */
public record Announcement(NodeId node, AnnouncedStatus status, long fingerprint, long sequence) {
  static final byte MAGIC_0 = 0x45;
  static final byte MAGIC_1 = 0x46;
  static final byte VERSION = 1;
  static final int MIN_LENGTH = 4 + 2 * Long.BYTES + 2;
  private static final AnnouncedStatus[] STATUSES = AnnouncedStatus.values();

  public Announcement {
    Objects.requireNonNull(node, "node");
    Objects.requireNonNull(status, "status");
  }

  /** The wire form. */
  public byte[] encode() {
    byte[] id = node.bytes();
    ByteArrayOutputStream out = new ByteArrayOutputStream(MIN_LENGTH + id.length);
    out.write(MAGIC_0);
    out.write(MAGIC_1);
    out.write(VERSION);
    out.write(status.ordinal());
    out.writeBytes(ByteBuffer.allocate(2 * Long.BYTES).putLong(fingerprint).putLong(sequence).array());
    out.write(id.length);
    out.writeBytes(id);
    return out.toByteArray();
  }

  /** Parses {@code bytes[offset, offset+length)}; throws naming what is wrong. */
  public static Announcement decode(byte[] bytes, int offset, int length) {
    if (bytes == null || length < MIN_LENGTH) {
      throw new IllegalArgumentException("announcement too short: " + (bytes == null ? "null" : length + " bytes"));
    }
    ByteBuffer in = ByteBuffer.wrap(bytes, offset, length);
    if (in.get() != MAGIC_0 || in.get() != MAGIC_1) {
      throw new IllegalArgumentException("not an announcement (bad magic)");
    }
    byte version = in.get();
    if (version != VERSION) {
      throw new IllegalArgumentException("unsupported announcement version " + version);
    }
    int status = in.get();
    if (status < 0 || status >= STATUSES.length) {
      throw new IllegalArgumentException("unknown status ordinal " + status);
    }
    long fingerprint = in.getLong();
    long sequence = in.getLong();
    int idLength = in.get() & 0xff;
    if (idLength != in.remaining()) {
      throw new IllegalArgumentException(
          "node id length " + idLength + " does not match the " + in.remaining() + " bytes left");
    }
    byte[] id = new byte[idLength];
    in.get(id);
    return new Announcement(NodeId.of(new String(id, StandardCharsets.US_ASCII)), STATUSES[status], fingerprint, sequence);
  }
}
