package io.eipfailover.benchmarks.harness;

import java.io.PrintStream;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One machine-readable line a node prints on stdout: {@code @@ <kind> <epoch-micros> k=v ... [--
 * free text]}. Timestamps are wall-clock microseconds since the epoch from a {@link Clock}, because
 * {@code System.nanoTime} has a per-process origin and cannot be compared across JVMs; on one
 * machine every process reads the same kernel clock.
 *
 * @param kind what happened: {@code ready}, {@code view}, {@code event}, {@code command}, ...
 * @param micros when, in microseconds since the epoch
 * @param fields the {@code k=v} pairs, in order
 * @param text free text after {@code --}, or empty
 * @param receivedMicros when the harness read the line (0 if unknown)
 */
public record EventLine(String kind, long micros, Map<String, String> fields, String text, long receivedMicros) {
  static final String PREFIX = "@@ ";

  /** Microseconds since the epoch of {@code instant}. */
  public static long micros(Instant instant) {
    return ChronoUnit.MICROS.between(Instant.EPOCH, instant);
  }

  /** Parses a line, or empty if it is not an event line (log output, say). */
  public static Optional<EventLine> parse(String line, long receivedMicros) {
    if (!line.startsWith(PREFIX)) {
      return Optional.empty();
    }
    String body = line.substring(PREFIX.length());
    String text = "";
    int dashes = body.indexOf(" -- ");
    if (dashes >= 0) {
      text = body.substring(dashes + 4);
      body = body.substring(0, dashes);
    }
    String[] parts = body.trim().split(" +");
    if (parts.length < 2) {
      return Optional.empty();
    }
    long micros;
    try {
      micros = Long.parseLong(parts[1]);
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
    Map<String, String> fields = new LinkedHashMap<>();
    for (int i = 2; i < parts.length; i++) {
      int eq = parts[i].indexOf('=');
      if (eq > 0) {
        fields.put(parts[i].substring(0, eq), parts[i].substring(eq + 1));
      }
    }
    return Optional.of(new EventLine(parts[0], micros, fields, text, receivedMicros));
  }

  /** A field's value, or empty string. */
  public String field(String key) {
    return fields.getOrDefault(key, "");
  }

  /** Prints event lines; thread-safe (one println per line). */
  public static final class Printer {
    private final PrintStream out;
    private final Clock clock;

    public Printer(PrintStream out, Clock clock) {
      this.out = out;
      this.clock = clock;
    }

    /** Prints {@code @@ kind now fields...}; a field with spaces goes last as free text. */
    public void print(String kind, String... fields) {
      long now = micros(clock.instant());
      StringBuilder sb = new StringBuilder(PREFIX).append(kind).append(' ').append(now);
      String text = null;
      for (String f : fields) {
        if (f.indexOf(' ') >= 0 || f.indexOf('=') < 0) {
          text = text == null ? f : text + "; " + f;
        } else {
          sb.append(' ').append(f);
        }
      }
      if (text != null) {
        sb.append(" -- ").append(text.replace('\n', ' '));
      }
      out.println(sb);
      out.flush();
    }
  }
}
