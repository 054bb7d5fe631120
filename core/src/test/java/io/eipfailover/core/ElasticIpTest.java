package io.eipfailover.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ElasticIpTest {

  @Test
  void holdsItsFieldsAndPrintsThem() {
    ElasticIp eip = ElasticIp.of("eipalloc-0123abcd", "52.1.2.3", "lb-1");
    assertEquals("eipalloc-0123abcd", eip.allocationId());
    assertEquals("52.1.2.3", eip.publicIp());
    assertEquals(NodeId.of("lb-1"), eip.home());
    assertEquals("52.1.2.3(eipalloc-0123abcd, home lb-1)", eip.toString());
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "eipalloc-", "eipalloc-XYZ", "eipassoc-1234", "eipalloc-12 ", "alloc-1234"})
  void rejectsABadAllocationIdShowingIt(String id) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ElasticIp.of(id, "52.1.2.3", "a"));
    assertEquals("allocationId must look like eipalloc-0123abcd, was '" + id + "'", e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "52.1.2", "52.1.2.3.4", "256.1.1.1", "52.01.2.3", "a.b.c.d", "::1"})
  void rejectsABadPublicIpShowingIt(String ip) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ElasticIp.of("eipalloc-1", ip, "a"));
    assertEquals("publicIp must be an IPv4 address such as 10.0.1.10, was '" + ip + "'", e.getMessage());
  }

  @Test
  void rejectsNulls() {
    assertEquals("allocationId must look like eipalloc-0123abcd, was 'null'",
        assertThrows(IllegalArgumentException.class, () -> new ElasticIp(null, "52.1.2.3", NodeId.of("a"))).getMessage());
    assertEquals("publicIp must be an IPv4 address such as 10.0.1.10, was 'null'",
        assertThrows(IllegalArgumentException.class, () -> new ElasticIp("eipalloc-1", null, NodeId.of("a"))).getMessage());
    assertEquals("home must not be null (elastic IP eipalloc-1)",
        assertThrows(NullPointerException.class, () -> new ElasticIp("eipalloc-1", "52.1.2.3", null)).getMessage());
  }
}
