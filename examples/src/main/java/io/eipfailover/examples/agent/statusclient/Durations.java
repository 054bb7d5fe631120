package io.eipfailover.examples.agent.statusclient;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** Short human durations for the status view. Stateless. */
final class Durations {
  private Durations() {}

  /** {@code 850 ms}, {@code 12 s}, {@code 5 min 3 s}, {@code 2 h 4 min}. */
  static String human(long millis) {
    long ms = Math.max(0, millis);
    if (ms < 1000) {
      return ms + " ms";
    }
    long s = ms / 1000;
    if (s < 60) {
      return s + " s";
    }
    if (s < 3600) {
      return s / 60 + " min" + (s % 60 == 0 ? "" : " " + s % 60 + " s");
    }
    return s / 3600 + " h" + (s % 3600 / 60 == 0 ? "" : " " + s % 3600 / 60 + " min");
  }

  static Optional<Instant> instant(String iso) {
    try {
      return Optional.of(Instant.parse(iso));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }
}
