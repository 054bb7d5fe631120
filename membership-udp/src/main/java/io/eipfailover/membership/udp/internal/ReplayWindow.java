package io.eipfailover.membership.udp.internal;

/**
 * Per-peer anti-replay state: the newest incarnation seen and, within it, a 64-entry sliding
 * window of sequence numbers (as IPsec does). A newer incarnation means the peer restarted and
 * resets the window; an older incarnation, a sequence already seen, or one older than the window
 * is a replay (or a duplicate the network made). Reordered-but-new datagrams inside the window are
 * accepted. Not thread-safe.
 */
final class ReplayWindow {
  static final int WIDTH = 64;

  /** What {@link #check} decided. */
  enum Verdict {
    /** Replay, duplicate, or too old. */
    REJECT,
    /** New and the newest so far in the current incarnation. */
    NEWEST,
    /** New but older than the newest (reordered): proves liveness, carries stale status. */
    REORDERED,
    /** A newer incarnation than any seen: the peer restarted. */
    NEW_INCARNATION
  }

  private long incarnation;
  private long highest;
  private long seen;

  /** Checks and, unless rejected, records the datagram. */
  Verdict check(long incarnation, long sequence) {
    if (incarnation < this.incarnation) {
      return Verdict.REJECT;
    }
    if (incarnation > this.incarnation) {
      boolean first = this.incarnation == 0;
      this.incarnation = incarnation;
      this.highest = sequence;
      this.seen = 1L;
      return first ? Verdict.NEWEST : Verdict.NEW_INCARNATION;
    }
    if (sequence > highest) {
      long shift = sequence - highest;
      seen = shift >= WIDTH ? 1L : (seen << shift) | 1L;
      highest = sequence;
      return Verdict.NEWEST;
    }
    long age = highest - sequence;
    if (age >= WIDTH || (seen & (1L << age)) != 0) {
      return Verdict.REJECT;
    }
    seen |= 1L << age;
    return Verdict.REORDERED;
  }

  /** The newest incarnation seen, 0 if none. */
  long incarnation() {
    return incarnation;
  }
}
