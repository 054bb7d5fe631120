package io.eipfailover.examples.agent.statusclient;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectReader;
import io.eipfailover.examples.agent.status.StatusJson;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the status document with Jackson, tolerantly: objects become {@code Map<String, Object>},
 * arrays {@code List<Object>}, integers {@code Long}, other numbers {@code Double}, plus {@code
 * String}, {@code Boolean} and {@code null}. Unknown members are kept, so the status view reads
 * what it knows and ignores what a newer agent adds. Stateless.
 */
final class Json {
  private static final ObjectReader READER = StatusJson.MAPPER.reader()
      .with(DeserializationFeature.USE_LONG_FOR_INTS, DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .forType(Object.class);

  private Json() {}

  /**
   * Parses {@code text}.
   *
   * @throws IllegalArgumentException naming where the first error is
   */
  static Object parse(String text) {
    try {
      return READER.readValue(text);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not a status document: " + e.getOriginalMessage() + " at "
          + e.getLocation(), e);
    }
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
}
