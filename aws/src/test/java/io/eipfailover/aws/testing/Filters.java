package io.eipfailover.aws.testing;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * EC2 filter semantics: a resource matches when, for every filter, one of its values for that
 * filter name matches one of the filter's values ({@code *} and {@code ?} are wildcards, matching
 * is case-sensitive). Only the names the action documents are accepted ({@code tag:<key>} stands
 * for every {@code tag:Key}); any other name, or a filter without a value, is EC2's {@code
 * InvalidParameterValue}.
 */
final class Filters {
  private Filters() {}

  /** Rejects filter names {@code spec} does not document, and filters without values. */
  static void check(Map<String, List<String>> filters, ActionSpec spec) {
    for (Map.Entry<String, List<String>> f : filters.entrySet()) {
      String name = f.getKey();
      boolean known = spec.filters().contains(name)
          || (name.startsWith("tag:") && name.length() > 4 && spec.filters().contains("tag:<key>"));
      if (!known) {
        throw Ec2ErrorException.invalidParameter("The filter '" + name + "' is invalid");
      }
      if (f.getValue().isEmpty()) {
        throw Ec2ErrorException.invalidParameter("The filter '" + name + "' requires at least one value");
      }
    }
  }

  /**
   * Whether a resource matches.
   *
   * @param values the resource's values for each documented filter name (absent name: no value)
   * @param tags the resource's tags, for {@code tag:Key} and {@code tag-key}
   */
  static boolean matches(Map<String, List<String>> filters, Map<String, List<String>> values, Map<String, String> tags) {
    for (Map.Entry<String, List<String>> f : filters.entrySet()) {
      List<String> have = valuesOf(f.getKey(), values, tags);
      boolean any = false;
      for (String wanted : f.getValue()) {
        Pattern p = glob(wanted);
        any |= have.stream().anyMatch(v -> v != null && p.matcher(v).matches());
      }
      if (!any) {
        return false;
      }
    }
    return true;
  }

  private static List<String> valuesOf(String name, Map<String, List<String>> values, Map<String, String> tags) {
    if (name.startsWith("tag:")) {
      String v = tags.get(name.substring(4));
      return v == null ? List.of() : List.of(v);
    }
    if (name.equals("tag-key")) {
      return List.copyOf(tags.keySet());
    }
    return values.getOrDefault(name, List.of());
  }

  /** The names {@code values} must cover for an action: every documented one except the tag filters. */
  static Set<String> valueNames(ActionSpec spec) {
    return spec.filters().stream().filter(n -> !n.equals("tag:<key>") && !n.equals("tag-key"))
        .collect(java.util.stream.Collectors.toSet());
  }

  private static Pattern glob(String g) {
    StringBuilder re = new StringBuilder();
    for (char c : g.toCharArray()) {
      switch (c) {
        case '*' -> re.append(".*");
        case '?' -> re.append('.');
        default -> re.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return Pattern.compile(re.toString(), Pattern.DOTALL);
  }
}
