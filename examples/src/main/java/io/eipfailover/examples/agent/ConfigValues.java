package io.eipfailover.examples.agent;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Typed, validating reads of a flat key=value map. Every read marks its key as known; a bad value
 * is recorded as a problem naming the key and the value (reading continues with the default, so
 * one run reports every problem); {@link #finish()} adds every key nobody read as "unknown" and
 * throws if anything was wrong. Not thread-safe: one parse per instance.
 */
final class ConfigValues {
  private static final Pattern SHORT_DURATION = Pattern.compile("(\\d{1,9})(ms|s|m|h)");
  private static final Pattern IPV4 =
      Pattern.compile("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");

  private final Map<String, String> values;
  private final Set<String> read = new TreeSet<>();
  private final List<String> problems = new ArrayList<>();

  ConfigValues(Map<String, String> values) {
    this.values = new TreeMap<>();
    values.forEach((k, v) -> this.values.put(k.trim(), v.trim()));
  }

  /** The value of {@code key}, marking it read; a present but empty value counts as absent. */
  Optional<String> raw(String key) {
    read.add(key);
    String v = values.get(key);
    return v == null || v.isEmpty() ? Optional.empty() : Optional.of(v);
  }

  /** Whether {@code key} has a non-empty value (does not mark it read). */
  boolean has(String key) {
    String v = values.get(key);
    return v != null && !v.isEmpty();
  }

  /** A required string; records "key: is required" when missing. */
  Optional<String> required(String key) {
    Optional<String> v = raw(key);
    if (v.isEmpty()) {
      problem(key + ": is required");
    }
    return v;
  }

  /** Parses {@code key} with {@code parser}; an exception from it becomes a problem. */
  <T> Optional<T> parse(String key, String expectation, Function<String, T> parser) {
    Optional<String> v = raw(key);
    if (v.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(parser.apply(v.get()));
    } catch (RuntimeException e) {
      problem(key + ": must be " + expectation + ", was '" + v.get() + "'");
      return Optional.empty();
    }
  }

  /** One of {@code choices} (case-sensitive), or {@code def}. */
  String choice(String key, String def, List<String> choices) {
    return parse(key, "one of " + choices, s -> {
      if (!choices.contains(s)) {
        throw new IllegalArgumentException(s);
      }
      return s;
    }).orElse(def);
  }

  boolean bool(String key, boolean def) {
    return parse(key, "true or false", s -> switch (s) {
      case "true" -> true;
      case "false" -> false;
      default -> throw new IllegalArgumentException(s);
    }).orElse(def);
  }

  int intIn(String key, int def, int min, int max) {
    return parse(key, "an integer from " + min + " to " + max, s -> {
      int n = Integer.parseInt(s);
      if (n < min || n > max) {
        throw new IllegalArgumentException(s);
      }
      return n;
    }).orElse(def);
  }

  /** A duration such as {@code 250ms}, {@code 10s}, {@code 2m}, {@code 1h} or ISO-8601 {@code PT1.5S}. */
  Duration duration(String key, Duration def, Duration min) {
    return parse(key, "a duration >= " + human(min) + " such as 500ms, 10s, 2m or PT1.5S", s -> {
      Duration d = parseDuration(s);
      if (d.compareTo(min) < 0) {
        throw new IllegalArgumentException(s);
      }
      return d;
    }).orElse(def);
  }

  /** A comma-separated list, blanks dropped; empty when absent. */
  List<String> list(String key) {
    List<String> out = new ArrayList<>();
    raw(key).ifPresent(v -> {
      for (String item : v.split(",")) {
        if (!item.isBlank()) {
          out.add(item.trim());
        }
      }
    });
    return out;
  }

  /** The distinct middle segments of keys {@code prefix + X + suffix}, e.g. node ids. */
  Set<String> segments(String prefix, String suffix) {
    Set<String> out = new TreeSet<>();
    for (String k : values.keySet()) {
      if (k.startsWith(prefix) && k.endsWith(suffix) && k.length() > prefix.length() + suffix.length()) {
        out.add(k.substring(prefix.length(), k.length() - suffix.length()));
      }
    }
    return out;
  }

  /**
   * Marks every key starting with {@code prefix} as read and reports each as not valid here: a key
   * that belongs to another mode ({@code health.http.uri} with {@code health.check=tcp}) is an
   * error, never silently ignored.
   */
  void forbid(String prefix, String why) {
    for (String k : values.keySet()) {
      if (k.startsWith(prefix) && !read.contains(k)) {
        read.add(k);
        problems.add(k + ": " + why + ", was '" + values.get(k) + "'");
      }
    }
  }

  int problemCount() {
    return problems.size();
  }

  void problem(String message) {
    problems.add(message);
  }

  /** Reports unknown keys and throws if any problem was recorded. */
  void finish() {
    for (String k : values.keySet()) {
      if (!read.contains(k)) {
        problems.add(k + ": unknown key (see examples/README.md, Configuration reference), was '"
            + values.get(k) + "'");
      }
    }
    if (!problems.isEmpty()) {
      throw new AgentConfigException(problems);
    }
  }

  static Duration parseDuration(String s) {
    Matcher m = SHORT_DURATION.matcher(s);
    if (m.matches()) {
      long n = Long.parseLong(m.group(1));
      return switch (m.group(2)) {
        case "ms" -> Duration.ofMillis(n);
        case "s" -> Duration.ofSeconds(n);
        case "m" -> Duration.ofMinutes(n);
        default -> Duration.ofHours(n);
      };
    }
    try {
      Duration d = Duration.parse(s);
      if (d.isNegative()) {
        throw new IllegalArgumentException(s);
      }
      return d;
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(s, e);
    }
  }

  /** An {@code ipv4:port} literal (no name resolution, so a typo cannot hang start-up on DNS). */
  static InetSocketAddress parseAddress(String s) {
    int colon = s.lastIndexOf(':');
    if (colon < 0 || !IPV4.matcher(s.substring(0, colon)).matches()) {
      throw new IllegalArgumentException(s);
    }
    int port = Integer.parseInt(s.substring(colon + 1));
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException(s);
    }
    try {
      return new InetSocketAddress(InetAddress.getByName(s.substring(0, colon)), port);
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException(s, e);
    }
  }

  static String human(Duration d) {
    return d.toMillis() % 1000 == 0 ? d.toSeconds() + "s" : d.toMillis() + "ms";
  }
}
