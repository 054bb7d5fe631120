package io.eipfailover.aws.testing;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * EC2 filter semantics: a resource matches when, for every filter, one of its values for that
 * filter name matches one of the filter's values ({@code *} and {@code ?} are wildcards). An
 * unknown filter name is EC2's {@code InvalidParameterValue}.
 */
final class Filters {
  private Filters() {}

  /**
   * @param valuesOf the resource's values for a filter name, or empty if the name is not a filter
   *     this resource type supports
   */
  static boolean matches(Map<String, List<String>> filters, Function<String, Optional<List<String>>> valuesOf) {
    for (Map.Entry<String, List<String>> f : filters.entrySet()) {
      List<String> have = valuesOf.apply(f.getKey())
          .orElseThrow(() -> Ec2ErrorException.invalidParameter("The filter '" + f.getKey() + "' is invalid"));
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

  /** Values for {@code tag:Key}, {@code tag-key} and {@code tag-value}; empty for other names. */
  static Optional<List<String>> tagValues(String name, Map<String, String> tags) {
    if (name.startsWith("tag:")) {
      String v = tags.get(name.substring(4));
      return Optional.of(v == null ? List.of() : List.of(v));
    }
    if (name.equals("tag-key")) {
      return Optional.of(List.copyOf(tags.keySet()));
    }
    if (name.equals("tag-value")) {
      return Optional.of(List.copyOf(tags.values()));
    }
    return Optional.empty();
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
    return Pattern.compile(re.toString());
  }
}
