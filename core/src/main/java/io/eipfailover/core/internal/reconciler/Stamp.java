package io.eipfailover.core.internal.reconciler;

import java.time.Instant;
import java.util.Objects;

/**
 * What the runner read for one input, so the step reads nothing itself.
 *
 * @param nanos the ticker reading when the input was processed (only differences mean anything)
 * @param wallClock the clock reading at the same moment, for event timestamps
 * @param jitter a uniform draw in [0, 1) from the injected {@code Random}, for back-off jitter
 */
public record Stamp(long nanos, Instant wallClock, double jitter) {
  public Stamp {
    Objects.requireNonNull(wallClock, "wallClock");
    if (!(jitter >= 0 && jitter < 1)) {
      throw new IllegalArgumentException("jitter must be in [0, 1), was " + jitter);
    }
  }
}
