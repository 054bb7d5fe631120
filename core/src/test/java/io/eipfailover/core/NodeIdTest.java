package io.eipfailover.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NodeIdTest {

  @ParameterizedTest
  @ValueSource(strings = {"a", "lb-1", "node_2.eu-west-1a", "0abc", "abcdefghijklmnopqrstuvwxyz012345"})
  void acceptsShortPlainIds(String value) {
    NodeId id = NodeId.of(value);
    assertEquals(value, id.value());
    assertEquals(value, id.toString());
    assertArrayEquals(value.getBytes(StandardCharsets.US_ASCII), id.bytes());
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "-a", ".a", "_a", "a b", "ä", "a/b", "abcdefghijklmnopqrstuvwxyz0123456"})
  void rejectsBadIdsShowingTheValue(String value) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> NodeId.of(value));
    assertTrue(e.getMessage().startsWith("nodeId must be 1 to 32 characters"), e.getMessage());
    assertTrue(e.getMessage().endsWith("was '" + value + "'"), e.getMessage());
  }

  @Test
  void rejectsNull() {
    assertEquals("nodeId must not be null", assertThrows(NullPointerException.class, () -> NodeId.of(null)).getMessage());
  }

  @Test
  void ordersByValueAndComparesByValue() {
    assertTrue(NodeId.of("a").compareTo(NodeId.of("b")) < 0);
    assertTrue(NodeId.of("b10").compareTo(NodeId.of("b2")) < 0, "plain string order, as every node sorts");
    assertEquals(NodeId.of("a"), NodeId.of("a"));
    assertEquals(NodeId.of("a").hashCode(), NodeId.of("a").hashCode());
  }
}
