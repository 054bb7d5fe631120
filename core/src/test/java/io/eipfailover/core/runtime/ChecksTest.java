package io.eipfailover.core.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class ChecksTest {
  private static void rejects(String message, Executable call) {
    assertEquals(message, assertThrows(IllegalArgumentException.class, call).getMessage());
  }

  @Test
  void durationsMustBePositiveOrNonNegativeAndMessagesShowTheValue() {
    Duration d = Duration.ofMillis(5);
    assertSame(d, Checks.positive("keepalive", d));
    rejects("keepalive must be > 0, was PT0S", () -> Checks.positive("keepalive", Duration.ZERO));
    rejects("keepalive must be > 0, was PT-1S", () -> Checks.positive("keepalive", Duration.ofSeconds(-1)));
    assertSame(Duration.ZERO, Checks.nonNegative("delay", Duration.ZERO));
    rejects("delay must be >= 0, was PT-0.001S", () -> Checks.nonNegative("delay", Duration.ofMillis(-1)));
    assertEquals("keepalive must not be null",
        assertThrows(NullPointerException.class, () -> Checks.positive("keepalive", null)).getMessage());
  }

  @Test
  void numbersMustBePositiveNonNegativeOrInRange() {
    assertEquals(3, Checks.positive("threads", 3));
    rejects("threads must be > 0, was 0", () -> Checks.positive("threads", 0));
    assertEquals(5L, Checks.positive("incarnation", 5L));
    rejects("incarnation must be > 0, was -5", () -> Checks.positive("incarnation", -5L));
    assertEquals(0, Checks.nonNegative("toleratedFailures", 0));
    rejects("toleratedFailures must be >= 0, was -1", () -> Checks.nonNegative("toleratedFailures", -1));
    rejects("count must be >= 0, was -2", () -> Checks.nonNegative("count", -2L));
    assertEquals(2.5, Checks.nonNegative("rate", 2.5));
    rejects("rate must be >= 0 and finite, was NaN", () -> Checks.nonNegative("rate", Double.NaN));
    rejects("rate must be >= 0 and finite, was -0.5", () -> Checks.nonNegative("rate", -0.5));
    assertEquals(65535, Checks.range("port", 65535, 1, 65535));
    rejects("port must be between 1 and 65535, was 0", () -> Checks.range("port", 0, 1, 65535));
    rejects("port must be between 1 and 65535, was 65536", () -> Checks.range("port", 65536, 1, 65535));
  }

  @Test
  void requireFormatsItsMessageOnlyOnFailure() {
    Checks.require(true, "never %s", "formatted");
    rejects("peers must not contain self 'a', was [a, b]",
        () -> Checks.require(false, "peers must not contain self '%s', was %s", "a", "[a, b]"));
  }

  @Test
  void nullsAndUnsetFieldsAreNamed() {
    assertEquals("x", Checks.notNull("listener", "x"));
    assertEquals("listener must not be null",
        assertThrows(NullPointerException.class, () -> Checks.notNull("listener", null)).getMessage());
    assertEquals("x", Checks.required("keyring", "x"));
    rejects("keyring must be set", () -> Checks.required("keyring", null));
  }

  @Test
  void clusterNamesFollowOneRule() {
    assertEquals("prod-eu.1_a", Checks.clusterName("clusterName", "prod-eu.1_a"));
    assertEquals("x".repeat(32), Checks.clusterName("clusterName", "x".repeat(32)));
    rejects("clusterName must be 1 to 32 characters of [A-Za-z0-9._-], was 'a b'",
        () -> Checks.clusterName("clusterName", "a b"));
    rejects("cluster.name must be 1 to 32 characters of [A-Za-z0-9._-], was ''",
        () -> Checks.clusterName("cluster.name", ""));
    rejects("clusterName must be 1 to 32 characters of [A-Za-z0-9._-], was '" + "x".repeat(33) + "'",
        () -> Checks.clusterName("clusterName", "x".repeat(33)));
    rejects("clusterName must be 1 to 32 characters of [A-Za-z0-9._-], was 'null'",
        () -> Checks.clusterName("clusterName", null));
  }

  @Test
  void matchesNamesTheRule() {
    Pattern hex = Pattern.compile("[0-9a-f]+");
    assertEquals("beef", Checks.matches("id", "beef", hex, "lower-case hex"));
    rejects("id must be lower-case hex, was 'XYZ'", () -> Checks.matches("id", "XYZ", hex, "lower-case hex"));
  }
}
