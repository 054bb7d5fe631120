package io.eipfailover.examples.packaging;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A systemd unit file read the way systemd reads the parts we use: {@code [Section]} headers,
 * {@code Key=Value} lines, {@code #}/{@code ;} comments, repeated keys kept in order. Used by the
 * packaging tests and by the end-to-end stage, which applies the unit's user, capabilities and
 * sandbox instead of copying their values. Immutable.
 */
public final class UnitFile {
  private final Map<String, Map<String, List<String>>> sections;

  private UnitFile(Map<String, Map<String, List<String>>> sections) {
    this.sections = sections;
  }

  public static UnitFile parse(String text) {
    Map<String, Map<String, List<String>>> sections = new LinkedHashMap<>();
    String section = null;
    int n = 0;
    for (String raw : text.split("\n")) {
      n++;
      String line = raw.strip();
      if (line.isEmpty() || line.startsWith("#") || line.startsWith(";")) {
        continue;
      }
      if (line.startsWith("[") && line.endsWith("]")) {
        section = line.substring(1, line.length() - 1);
        sections.putIfAbsent(section, new LinkedHashMap<>());
        continue;
      }
      int eq = line.indexOf('=');
      if (section == null || eq < 1) {
        throw new IllegalArgumentException("unit line " + n + ": expected [Section] or Key=Value, was '" + raw + "'");
      }
      sections.get(section).computeIfAbsent(line.substring(0, eq).strip(), k -> new ArrayList<>())
          .add(line.substring(eq + 1).strip());
    }
    return new UnitFile(sections);
  }

  /** Every value of {@code key} in {@code section}, in file order. */
  public List<String> values(String section, String key) {
    return sections.getOrDefault(section, Map.of()).getOrDefault(key, List.of());
  }

  /** The last value of {@code key} (systemd: a later assignment wins for single-valued keys). */
  public Optional<String> value(String section, String key) {
    List<String> v = values(section, key);
    return v.isEmpty() ? Optional.empty() : Optional.of(v.get(v.size() - 1));
  }

  /** The keys set in {@code section}, in file order. */
  public List<String> keys(String section) {
    return List.copyOf(sections.getOrDefault(section, Map.of()).keySet());
  }

  /** {@code ExecStart=} split on blanks (the unit uses no quoting). */
  public List<String> execStart() {
    String v = value("Service", "ExecStart").orElseThrow(() -> new IllegalStateException("no ExecStart="));
    return List.of(v.split("\\s+"));
  }

  /**
   * A capability list key ({@code AmbientCapabilities=}, {@code CapabilityBoundingSet=}), all its
   * assignments joined: lower-case names without {@code cap_}, as setpriv wants them.
   */
  public List<String> capabilities(String key) {
    List<String> out = new ArrayList<>();
    for (String v : values("Service", key)) {
      for (String cap : v.split("\\s+")) {
        if (cap.isEmpty()) {
          continue;
        }
        if (!cap.matches("CAP_[A-Z_]+")) {
          throw new IllegalArgumentException(key + ": expected CAP_* names, was '" + cap + "'");
        }
        String name = cap.substring(4).toLowerCase(java.util.Locale.ROOT);
        if (!out.contains(name)) {
          out.add(name);
        }
      }
    }
    return out;
  }
}
