package io.eipfailover.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AttachmentPointTest {

  @Test
  void factoriesSetTheRoleAndToStringMarksReservedPoints() {
    AttachmentPoint p = AttachmentPoint.primary("eni-0a1b", "10.0.1.10");
    AttachmentPoint r = AttachmentPoint.reserved("eni-0a1b", "10.0.1.20");
    assertEquals(AttachmentPoint.Role.PRIMARY, p.role());
    assertEquals(AttachmentPoint.Role.RESERVED, r.role());
    assertEquals("eni-0a1b/10.0.1.10", p.toString());
    assertEquals("eni-0a1b/10.0.1.20(reserved)", r.toString());
    assertNotEquals(AttachmentPoint.primary("eni-0a1b", "10.0.1.20"), r, "the role is part of equality");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "eni-", "eni-XYZ", "i-0123abcd", "eni_0123"})
  void rejectsABadEniIdShowingIt(String eni) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> AttachmentPoint.primary(eni, "10.0.1.10"));
    assertEquals("networkInterfaceId must look like eni-0123abcd, was '" + eni + "'", e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "10.0.1", "10.0.1.300", "10.0.1.10/32", "host"})
  void rejectsABadPrivateIpShowingIt(String ip) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> AttachmentPoint.reserved("eni-1", ip));
    assertEquals("privateIp must be an IPv4 address such as 10.0.1.10, was '" + ip + "'", e.getMessage());
  }

  @Test
  void rejectsANullRoleNamingThePoint() {
    assertEquals("role must not be null (10.0.1.10)",
        assertThrows(NullPointerException.class, () -> new AttachmentPoint("eni-1", "10.0.1.10", null)).getMessage());
  }
}
