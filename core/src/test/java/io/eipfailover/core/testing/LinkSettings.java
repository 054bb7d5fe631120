package io.eipfailover.core.testing;

import java.time.Duration;
import java.util.Objects;

/**
 * How a {@link SimNetwork} link treats datagrams: every datagram takes {@code baseDelay} plus a
 * uniform random share of {@code jitter}; it is lost with probability {@code loss}, delivered twice
 * with probability {@code duplicate}, and with probability {@code replay} an old datagram of the
 * same link is delivered again alongside it (an attacker or a confused switch replaying traffic).
 */
public record LinkSettings(Duration baseDelay, Duration jitter, double loss, double duplicate, double replay) {
  /** A clean LAN link: 1 ms delay, no jitter, no loss. */
  public static final LinkSettings CLEAN = new LinkSettings(Duration.ofMillis(1), Duration.ZERO, 0, 0, 0);

  public LinkSettings {
    Objects.requireNonNull(baseDelay, "baseDelay");
    Objects.requireNonNull(jitter, "jitter");
    if (baseDelay.isNegative()) {
      throw new IllegalArgumentException("baseDelay must be >= 0, was " + baseDelay);
    }
    if (jitter.isNegative()) {
      throw new IllegalArgumentException("jitter must be >= 0, was " + jitter);
    }
    probability("loss", loss);
    probability("duplicate", duplicate);
    probability("replay", replay);
  }

  private static void probability(String name, double p) {
    if (!(p >= 0 && p <= 1)) {
      throw new IllegalArgumentException(name + " must be a probability in [0, 1], was " + p);
    }
  }

  public LinkSettings withDelay(Duration base, Duration jitter) {
    return new LinkSettings(base, jitter, loss, duplicate, replay);
  }

  public LinkSettings withLoss(double loss) {
    return new LinkSettings(baseDelay, jitter, loss, duplicate, replay);
  }

  public LinkSettings withDuplicate(double duplicate) {
    return new LinkSettings(baseDelay, jitter, loss, duplicate, replay);
  }

  public LinkSettings withReplay(double replay) {
    return new LinkSettings(baseDelay, jitter, loss, duplicate, replay);
  }

  @Override
  public String toString() {
    return "link(delay=" + baseDelay.toMillis() + "+" + jitter.toMillis() + "ms, loss=" + loss + ", dup=" + duplicate
        + ", replay=" + replay + ")";
  }
}
