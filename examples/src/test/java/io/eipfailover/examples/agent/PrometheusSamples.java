package io.eipfailover.examples.agent;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads samples out of a Prometheus text exposition, for assertions. */
final class PrometheusSamples {
  private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(.*)})?\\s+(\\S+)$");
  private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

  /** One sample line. */
  record Sample(String name, Map<String, String> labels, double value) {}

  private PrometheusSamples() {}

  static List<Sample> parse(String text) {
    List<Sample> out = new ArrayList<>();
    for (String line : text.split("\n")) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      Matcher m = SAMPLE.matcher(line.trim());
      if (!m.matches()) {
        throw new IllegalArgumentException("not a sample line: " + line);
      }
      Map<String, String> labels = new LinkedHashMap<>();
      if (m.group(3) != null) {
        Matcher l = LABEL.matcher(m.group(3));
        while (l.find()) {
          labels.put(l.group(1), l.group(2));
        }
      }
      out.add(new Sample(m.group(1), labels, Double.parseDouble(m.group(4))));
    }
    return out;
  }

  /**
   * The value of the one sample of {@code name} whose labels include {@code labelPairs} (name,
   * value, name, value...); fails if none or several match.
   */
  static double value(String text, String name, String... labelPairs) {
    List<Sample> matching = matching(text, name, labelPairs);
    if (matching.size() != 1) {
      throw new AssertionError(matching.size() + " samples of " + name + " with " + List.of(labelPairs) + ": "
          + matching);
    }
    return matching.get(0).value();
  }

  /** Like {@link #value}, but 0 while no such sample exists yet (a counter registered on first use). */
  static double valueOrZero(String text, String name, String... labelPairs) {
    List<Sample> matching = matching(text, name, labelPairs);
    return matching.isEmpty() ? 0 : value(text, name, labelPairs);
  }

  private static List<Sample> matching(String text, String name, String... labelPairs) {
    return parse(text).stream().filter(s -> s.name().equals(name)).filter(s -> {
      for (int i = 0; i < labelPairs.length; i += 2) {
        if (!labelPairs[i + 1].equals(s.labels().get(labelPairs[i]))) {
          return false;
        }
      }
      return true;
    }).toList();
  }

  /** Every metric family name in {@code text} (from the {@code # TYPE} lines). */
  static Set<String> families(String text) {
    Set<String> out = new TreeSet<>();
    for (String line : text.split("\n")) {
      if (line.startsWith("# TYPE ")) {
        out.add(line.split(" ")[2]);
      }
    }
    return out;
  }
}
