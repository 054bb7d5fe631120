package io.eipfailover.membership.udp.internal;

import io.eipfailover.core.AnnouncedStatus;
import io.eipfailover.core.Hearing;

/**
 * One decoded heartbeat. Mutable and reused by the codec so that decoding allocates nothing; read
 * it before the next decode. Not thread-safe.
 */
final class Heartbeat {
  /** The wire-format version it came in (1 or 2). */
  int version;
  /**
   * Whether the sender hears this node, as its hears field says; UNKNOWN for version 1 or a bitmap
   * sized for another topology.
   */
  Hearing hearsSelf = Hearing.UNKNOWN;
  /** Index of the sender in the codec's peer list. */
  int senderIndex;
  int keyId;
  long incarnation;
  long sequence;
  AnnouncedStatus status;
  long fingerprint;

  @Override
  public String toString() {
    return "Heartbeat{v" + version + ", sender#" + senderIndex + ", key=" + keyId + ", inc=" + incarnation + ", seq=" + sequence + ", "
        + status + ", cfg=" + Long.toHexString(fingerprint) + ", hearsSelf=" + hearsSelf + "}";
  }
}
