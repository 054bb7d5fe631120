package io.eipfailover.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class Ec2ElasticIpManagerBuilderTest {
  @Test
  void rejectsAMissingClient() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Ec2ElasticIpManager.builder().build());
    assertEquals("ec2Client must be set", e.getMessage());
  }

  @Test
  void rejectsNulls() {
    NullPointerException e = assertThrows(NullPointerException.class, () -> Ec2ElasticIpManager.builder().ec2Client(null));
    assertEquals("ec2Client must not be null", e.getMessage());
    NullPointerException n = assertThrows(NullPointerException.class, () -> Ec2ElasticIpManager.builder().nodeId(null));
    assertEquals("nodeId must not be null", n.getMessage());
  }
}
