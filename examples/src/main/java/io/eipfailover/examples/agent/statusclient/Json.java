package io.eipfailover.examples.agent.statusclient;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A small, tolerant JSON reader for the status document: objects become {@code Map<String,
 * Object>}, arrays {@code List<Object>}, numbers {@code Long} or {@code Double}, plus {@code
 * String}, {@code Boolean} and {@code null}. Unknown members are kept, so the status view reads
 * what it knows and ignores what a newer agent adds. Stateless.
 */
final class Json {
  private final String s;
  private int i;

  private Json(String s) {
    this.s = s;
  }

  /**
   * Parses {@code text}.
   *
   * @throws IllegalArgumentException naming the offset of the first error
   */
  static Object parse(String text) {
    Json j = new Json(text);
    Object v = j.value();
    j.space();
    if (j.i != text.length()) {
      throw j.error("trailing characters");
    }
    return v;
  }

  /** {@code o} as an object, or empty. */
  @SuppressWarnings("unchecked")
  static Map<String, Object> object(Object o) {
    return o instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
  }

  static List<Object> array(Object o) {
    return o instanceof List<?> l ? java.util.Collections.unmodifiableList(new ArrayList<Object>(l)) : List.of();
  }

  static Optional<String> string(Map<String, Object> m, String key) {
    return m.get(key) instanceof String v ? Optional.of(v) : Optional.empty();
  }

  static Optional<Long> number(Map<String, Object> m, String key) {
    return m.get(key) instanceof Number n ? Optional.of(n.longValue()) : Optional.empty();
  }

  static Optional<Boolean> bool(Map<String, Object> m, String key) {
    return m.get(key) instanceof Boolean b ? Optional.of(b) : Optional.empty();
  }

  private Object value() {
    space();
    if (i >= s.length()) {
      throw error("unexpected end");
    }
    char c = s.charAt(i);
    switch (c) {
      case '{' -> {
        return object();
      }
      case '[' -> {
        return array();
      }
      case '"' -> {
        return string();
      }
      default -> {
        if (s.startsWith("true", i) || s.startsWith("false", i) || s.startsWith("null", i)) {
          String word = s.startsWith("true", i) ? "true" : s.startsWith("false", i) ? "false" : "null";
          i += word.length();
          return word.equals("null") ? null : Boolean.valueOf(word);
        }
        return number();
      }
    }
  }

  private Map<String, Object> object() {
    Map<String, Object> m = new LinkedHashMap<>();
    i++;
    space();
    if (peek() == '}') {
      i++;
      return m;
    }
    while (true) {
      space();
      if (peek() != '"') {
        throw error("expected a member name");
      }
      String name = string();
      space();
      expect(':');
      m.put(name, value());
      space();
      if (peek() == ',') {
        i++;
      } else {
        expect('}');
        return m;
      }
    }
  }

  private List<Object> array() {
    List<Object> l = new ArrayList<>();
    i++;
    space();
    if (peek() == ']') {
      i++;
      return l;
    }
    while (true) {
      l.add(value());
      space();
      if (peek() == ',') {
        i++;
      } else {
        expect(']');
        return l;
      }
    }
  }

  private String string() {
    StringBuilder sb = new StringBuilder();
    i++;
    while (i < s.length() && s.charAt(i) != '"') {
      char c = s.charAt(i++);
      if (c != '\\') {
        sb.append(c);
        continue;
      }
      if (i >= s.length()) {
        break;
      }
      char e = s.charAt(i++);
      switch (e) {
        case 'n' -> sb.append('\n');
        case 't' -> sb.append('\t');
        case 'r' -> sb.append('\r');
        case 'b' -> sb.append('\b');
        case 'f' -> sb.append('\f');
        case 'u' -> {
          if (i + 4 > s.length()) {
            throw error("short \\u escape");
          }
          sb.append((char) Integer.parseInt(s.substring(i, i + 4), 16));
          i += 4;
        }
        default -> sb.append(e);
      }
    }
    expect('"');
    return sb.toString();
  }

  private Number number() {
    int start = i;
    while (i < s.length() && "+-0123456789.eE".indexOf(s.charAt(i)) >= 0) {
      i++;
    }
    String n = s.substring(start, i);
    try {
      return n.matches("-?\\d{1,18}") ? (Number) Long.parseLong(n) : (Number) Double.parseDouble(n);
    } catch (NumberFormatException e) {
      i = start;
      throw error("expected a value");
    }
  }

  private void space() {
    while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
      i++;
    }
  }

  private char peek() {
    return i < s.length() ? s.charAt(i) : '\0';
  }

  private void expect(char c) {
    if (peek() != c) {
      throw error("expected '" + c + "'");
    }
    i++;
  }

  private IllegalArgumentException error(String what) {
    return new IllegalArgumentException(what + " at offset " + i);
  }
}
