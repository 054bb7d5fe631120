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
