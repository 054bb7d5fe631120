package io.eipfailover.membership.udp.internal;

import io.eipfailover.core.AnnouncedStatus;

/** The heartbeat's byte-level pieces: big-endian longs, name comparison and the status codes. Pure. */
final class WireBytes {
  private WireBytes() {}

  /** Writes {@code v} big-endian at {@code p}; returns the position after it. */
  static int putLong(byte[] b, int p, long v) {
    for (int i = 7; i >= 0; i--) {
      b[p++] = (byte) (v >>> (i * 8));
    }
    return p;
  }

  static long getLong(byte[] b, int p) {
    long v = 0;
    for (int i = 0; i < 8; i++) {
      v = (v << 8) | (b[p + i] & 0xff);
    }
    return v;
  }

  /** Whether the {@code length} bytes at {@code at} are exactly {@code expected}. */
  static boolean equalsAt(byte[] data, int at, int length, byte[] expected) {
    if (length != expected.length) {
      return false;
    }
    for (int i = 0; i < length; i++) {
      if (data[at + i] != expected[i]) {
        return false;
      }
    }
    return true;
  }

  /** Wire codes are fixed here, independent of the enum's declaration order. */
  static byte statusCode(AnnouncedStatus status) {
    return switch (status) {
      case ALIVE -> 0;
      case STANDBY -> 1;
      case UNHEALTHY -> 2;
    };
  }

  /** The status of a wire code, or null for a code no version defines. */
  static AnnouncedStatus status(byte code) {
    return switch (code) {
      case 0 -> AnnouncedStatus.ALIVE;
      case 1 -> AnnouncedStatus.STANDBY;
      case 2 -> AnnouncedStatus.UNHEALTHY;
      default -> null;
    };
  }
}
