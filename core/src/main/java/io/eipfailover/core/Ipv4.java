package io.eipfailover.core;

import java.util.regex.Pattern;

/** Validation of dotted-quad IPv4 literals without any name resolution. */
final class Ipv4 {
  private static final Pattern DOTTED_QUAD =
      Pattern.compile("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");

  private Ipv4() {}

  static String require(String field, String value) {
    if (value == null || !DOTTED_QUAD.matcher(value).matches()) {
      throw new IllegalArgumentException(
          field + " must be an IPv4 address such as 10.0.1.10, was '" + value + "'");
    }
    return value;
  }
}
