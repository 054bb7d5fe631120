package io.eipfailover.membership.udp.internal;

/**
 * Verify before convicting, for one peer: the stall-immune detector's decision, a pure function of
 * the ticker readings it is given. A paused process and a dead host look the same from their
 * heartbeats, but not from their kernel: a stopped process's kernel still completes a TCP handshake
 * on its listening port, a dead or cut-off host answers nothing. So after {@code verifyAfter} of
 * silence (from the last heartbeat, or the last answer) the peer's kernel is probed, up to {@link
 * #ATTEMPTS} times within {@code timeout} so that one lost packet is not a dead host:
 *
 * <ul>
 *   <li>a handshake: {@link Verdict#HOST_ALIVE} until the next verification, {@code verifyAfter}
 *       later, says otherwise;
 *   <li>no answer, and the peer's port has completed a handshake before (the <em>path is proven</em>):
 *       {@link Verdict#HOST_GONE};
 *   <li>no answer on an unproven path (a firewall that drops the probe), a refusal (nothing
 *       listens), or no probe possible: {@link Verdict#NONE}, the detector decides as without
 *       verification.
 * </ul>
 *
 * The path is proven by any handshake and disproven by any probe left unanswered. While the peer is
 * heard, its path is checked now and then ({@link #PATH_RECHECK_NANOS}; when unproven, after a
 * back-off from {@link #PATH_RETRY_MIN_NANOS} to {@link #PATH_RETRY_MAX_NANOS}), so a port that
 * became filtered is known before it matters. Not thread-safe: the protocol thread only.
 */
final class Verification {
  /** What the latest verification in this silence says. */
  enum Verdict {
    /** No verification yet, or an inconclusive one: the detector alone decides. */
    NONE,
    /** The peer's kernel answered: its host is up, its process only silent. */
    HOST_ALIVE,
    /** The peer's kernel, which answered before, did not answer: its host is gone. */
    HOST_GONE
  }

  /** Connection attempts per probe, evenly spaced over the timeout. */
  static final int ATTEMPTS = 4;
  static final long PATH_RECHECK_NANOS = 10_000_000_000L;
  static final long PATH_RETRY_MIN_NANOS = 1_000_000_000L;
  static final long PATH_RETRY_MAX_NANOS = 60_000_000_000L;

  private final long verifyAfter;
  private final long timeout;
  private final long spacing;

  private boolean pathProven;
  private long nextPathCheckAt;
  private long pathRetry = PATH_RETRY_MIN_NANOS;

  private boolean probing;
  /** Whether the probe in flight decides a verdict (else it only checks the path). */
  private boolean forVerdict;
  private long startedAt;
  private int attempts;

  /** When the current wait began: the last heartbeat, handshake, inconclusive end, or own wake-up. */
  private long waitingSince;
  private Verdict verdict = Verdict.NONE;

  Verification(long verifyAfterNanos, long timeoutNanos, long now) {
    this.verifyAfter = verifyAfterNanos;
    this.timeout = timeoutNanos;
    this.spacing = Math.max(1, timeoutNanos / ATTEMPTS);
    this.nextPathCheckAt = now;
    this.waitingSince = now;
  }

  /** An authentic datagram from the peer at {@code now}: it lives, the verdict no longer matters. */
  void heard(long now) {
    verdict = Verdict.NONE;
    waitingSince = now;
    if (probing && forVerdict) {
      probing = false;
    }
  }

  /** The peer's kernel answered a probe: a handshake, or a refusal. */
  void answered(boolean handshake, long now) {
    if (handshake) {
      pathProven = true;
      pathRetry = PATH_RETRY_MIN_NANOS;
      nextPathCheckAt = now + PATH_RECHECK_NANOS;
    }
    if (!probing) {
      return; // a late answer: it proves the path (above), it decides nothing
    }
    probing = false;
    if (forVerdict) {
      verdict = handshake ? Verdict.HOST_ALIVE : Verdict.NONE;
      waitingSince = now;
    } else if (!handshake) {
      pathFailed(now);
    }
  }

  /**
   * On a tick: ends a probe whose time is up, and says whether a connection attempt should go out
   * now (then the caller makes it, and reports {@link #unavailable} if it cannot).
   *
   * @param eligible the peer was heard since start and is not convicted
   */
  boolean attemptDue(long now, boolean eligible) {
    if (probing) {
      if (now - startedAt >= timeout) {
        timedOut(now);
        return false;
      }
      if (!forVerdict && eligible && now - waitingSince >= verifyAfter) {
        forVerdict = true; // a path check under way answers the verification's question too
      }
      if (attempts < ATTEMPTS && now - (startedAt + attempts * spacing) >= 0) {
        attempts++;
        return true;
      }
      return false;
    }
    if (!eligible) {
      return false;
    }
    if (now - waitingSince >= verifyAfter) {
      start(true, now);
      return true;
    }
    if (now - nextPathCheckAt >= 0) {
      start(false, now);
      return true;
    }
    return false;
  }

  /** The transport could not make the attempt: no information. */
  void unavailable(long now) {
    if (!probing) {
      return;
    }
    probing = false;
    if (forVerdict) {
      verdict = Verdict.NONE;
      waitingSince = now;
    } else {
      pathFailed(now);
    }
  }

  /** This node itself was paused and woke at {@code now}: nothing measured across the pause counts. */
  void restart(long now) {
    if (probing && !forVerdict) {
      nextPathCheckAt = now;
    }
    probing = false;
    verdict = Verdict.NONE;
    waitingSince = now;
  }

  Verdict verdict() {
    return verdict;
  }

  boolean pathProven() {
    return pathProven;
  }

  /** The earlier of {@code otherwise} and the next time {@link #attemptDue} has something to do. */
  long nextTick(long otherwise, boolean eligible) {
    long next = otherwise;
    if (probing) {
      next = earlier(next, startedAt + timeout);
      if (attempts < ATTEMPTS) {
        next = earlier(next, startedAt + attempts * spacing);
      }
    } else if (eligible) {
      next = earlier(earlier(next, waitingSince + verifyAfter), nextPathCheckAt);
    }
    return next;
  }

  private void start(boolean decides, long now) {
    probing = true;
    forVerdict = decides;
    startedAt = now;
    attempts = 1;
  }

  private void timedOut(long now) {
    probing = false;
    if (forVerdict) {
      verdict = pathProven ? Verdict.HOST_GONE : Verdict.NONE;
      waitingSince = now;
    }
    pathFailed(now);
  }

  private void pathFailed(long now) {
    pathProven = false;
    nextPathCheckAt = now + pathRetry;
    pathRetry = Math.min(PATH_RETRY_MAX_NANOS, pathRetry * 2);
  }

  private static long earlier(long a, long b) {
    return b - a < 0 ? b : a;
  }
}
