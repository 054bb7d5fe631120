package io.eipfailover.aws.testing;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * One EC2 Query API request, decoded from its {@code application/x-www-form-urlencoded} body:
 * {@code Action=AssociateAddress&Version=2016-11-15&AllocationId=...}. EC2 spells lists as
 * {@code Name.1, Name.2, ...} and filters as {@code Filter.N.Name} / {@code Filter.N.Value.M}.
 */
final class QueryRequest {
  private final Map<String, String> params;

  private QueryRequest(Map<String, String> params) {
    this.params = Collections.unmodifiableMap(params);
  }

  static QueryRequest parse(String body) {
    Map<String, String> params = new TreeMap<>();
    if (body != null && !body.isEmpty()) {
      for (String pair : body.split("&")) {
        if (pair.isEmpty()) {
          continue;
        }
        int eq = pair.indexOf('=');
        String key = decode(eq < 0 ? pair : pair.substring(0, eq));
        String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
        params.put(key, value);
      }
    }
    return new QueryRequest(params);
  }

  private static String decode(String s) {
    return URLDecoder.decode(s, StandardCharsets.UTF_8);
  }

  /**
   * Checks every parameter against the action's input shape, as EC2 does before anything else:
   * a name the shape does not have (or spelled the wrong way for its kind, e.g. {@code DryRun.1})
   * is {@code UnknownParameter}; a required one absent is {@code MissingParameter}; a boolean or an
   * integer that does not parse, or an integer out of the model's range, is {@code
   * InvalidParameterValue}; {@code Filter.N.Value.M} without its {@code Filter.N.Name} is {@code
   * MissingParameter}.
   */
  void validate(ActionSpec spec) {
    for (Map.Entry<String, String> e : params.entrySet()) {
      String key = e.getKey();
      if (key.equals("Action") || key.equals("Version")) {
        continue;
      }
      int dot = key.indexOf('.');
      ActionSpec.Param p = spec.params().get(dot < 0 ? key : key.substring(0, dot));
      if (p == null || !spelledAs(p, key)) {
        throw new Ec2ErrorException(400, "UnknownParameter", "The parameter " + key + " is not recognized");
      }
      if (p.kind() == ActionSpec.Kind.BOOLEAN && !e.getValue().equalsIgnoreCase("true")
          && !e.getValue().equalsIgnoreCase("false")) {
        throw new Ec2ErrorException(400, "InvalidParameterValue", "Value (" + e.getValue() + ") for parameter " + key
            + " is invalid. Expected: 'true' or 'false'.");
      }
      if (p.kind() == ActionSpec.Kind.INTEGER) {
        int v = integer(key).orElseThrow();
        if (v < p.min() || v > p.max()) {
          throw new Ec2ErrorException(400, "InvalidParameterValue", "Value (" + v + ") for parameter " + key
              + " is invalid. Expected a value between " + p.min() + " and " + p.max() + ".");
        }
      }
      if (key.matches("Filter\\.\\d+\\.Value\\.\\d+") && !params.containsKey(key.substring(0, key.indexOf(".Value")) + ".Name")) {
        throw new Ec2ErrorException(400, "MissingParameter", "The request must contain the parameter "
            + key.substring(0, key.indexOf(".Value")) + ".Name");
      }
    }
    for (ActionSpec.Param p : spec.params().values()) {
      boolean present = p.kind() == ActionSpec.Kind.STRING_LIST ? !list(p.name()).isEmpty()
          : params.get(p.name()) != null && !params.get(p.name()).isEmpty();
      if (p.required() && !present) {
        throw new Ec2ErrorException(400, "MissingParameter", "The request must contain the parameter " + p.name());
      }
    }
  }

  private static final Pattern INDEX = Pattern.compile("[1-9]\\d*");

  private static boolean spelledAs(ActionSpec.Param p, String key) {
    return switch (p.kind()) {
      case STRING, BOOLEAN, INTEGER -> key.equals(p.name());
      case STRING_LIST -> key.startsWith(p.name() + ".") && INDEX.matcher(key.substring(p.name().length() + 1)).matches();
      case FILTERS -> key.matches("Filter\\.[1-9]\\d*\\.(Name|Value\\.[1-9]\\d*)");
    };
  }

  /** Whether the request names any filter. */
  boolean hasFilters() {
    return params.keySet().stream().anyMatch(k -> k.startsWith("Filter."));
  }

  /** All parameters, sorted by name. */
  Map<String, String> params() {
    return params;
  }

  String action() {
    return params.getOrDefault("Action", "");
  }

  Optional<String> get(String name) {
    return Optional.ofNullable(params.get(name));
  }

  /** A required parameter, or EC2's {@code MissingParameter} error. */
  String require(String name) {
    String v = params.get(name);
    if (v == null || v.isEmpty()) {
      throw new Ec2ErrorException(400, "MissingParameter", "The request must contain the parameter " + name);
    }
    return v;
  }

  boolean flag(String name) {
    return "true".equalsIgnoreCase(params.get(name));
  }

  Optional<Integer> integer(String name) {
    String v = params.get(name);
    if (v == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(Integer.parseInt(v));
    } catch (NumberFormatException e) {
      throw new Ec2ErrorException(400, "InvalidParameterValue",
          "Value (" + v + ") for parameter " + name + " is invalid. Expected an integer.");
    }
  }

  /** The values of {@code prefix.1}, {@code prefix.2}, ... in index order. */
  List<String> list(String prefix) {
    Map<Integer, String> byIndex = new TreeMap<>();
    String start = prefix + ".";
    params.forEach((k, v) -> {
      if (k.startsWith(start)) {
        String rest = k.substring(start.length());
        if (rest.matches("\\d+")) {
          byIndex.put(Integer.parseInt(rest), v);
        }
      }
    });
    return new ArrayList<>(byIndex.values());
  }

  /** The filters as name → accepted values, in index order. */
  Map<String, List<String>> filters() {
    Map<Integer, String> names = new TreeMap<>();
    params.forEach((k, v) -> {
      if (k.matches("Filter\\.\\d+\\.Name")) {
        names.put(Integer.parseInt(k.split("\\.")[1]), v);
      }
    });
    Map<String, List<String>> result = new LinkedHashMap<>();
    names.forEach((i, name) -> result.put(name, list("Filter." + i + ".Value")));
    return result;
  }
}
