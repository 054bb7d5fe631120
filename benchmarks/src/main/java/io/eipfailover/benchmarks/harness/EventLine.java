package io.eipfailover.benchmarks.harness;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;

/**
 * Something a daemon reported, parsed from its log or its notify script's output: a peer's state
 * change, "ready", a VRRP state. Timestamps are wall-clock microseconds since the epoch as the
 * daemon wrote them, because each process's {@code System.nanoTime} has its own origin; on one
 * machine every process reads the same kernel clock.
 *
 * @param kind what happened: {@code peer}, {@code started}, {@code ready}, {@code vrrp}, ...
 * @param micros when, in microseconds since the epoch
 * @param fields details ({@code peer}, {@code to}, {@code instance}, {@code state}, ...)
 */
public record EventLine(String kind, long micros, Map<String, String> fields) {
  public EventLine {
    fields = Map.copyOf(fields);
  }

  /** Microseconds since the epoch of {@code instant}. */
  public static long micros(Instant instant) {
    return ChronoUnit.MICROS.between(Instant.EPOCH, instant);
  }

  /** A field's value, or the empty string. */
  public String field(String key) {
    return fields.getOrDefault(key, "");
  }
}
