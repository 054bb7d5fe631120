package io.eipfailover.membership.udp.internal;

import io.eipfailover.core.AnnouncedStatus;

/**
 * One decoded heartbeat. Mutable and reused by the codec so that decoding allocates nothing; read
 * it before the next decode. Not thread-safe.
 */
final class Heartbeat {
  /** Index of the sender in the codec's peer list. */
  int senderIndex;
  int keyId;
  long incarnation;
  long sequence;
  AnnouncedStatus status;
  long fingerprint;

  @Override
  public String toString() {
    return "Heartbeat{sender#" + senderIndex + ", key=" + keyId + ", inc=" + incarnation + ", seq=" + sequence + ", "
        + status + ", cfg=" + Long.toHexString(fingerprint) + "}";
  }
}
