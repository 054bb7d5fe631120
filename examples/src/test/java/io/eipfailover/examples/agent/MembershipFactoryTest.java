package io.eipfailover.examples.agent;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.eipfailover.membership.jgroups.JGroupsSecurity;
import io.eipfailover.membership.udp.DetectorSettings;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The agent's membership choices: UDP detector profiles; JGroups encryption and join authentication. */
class MembershipFactoryTest {
  private static KeyFile.Keys keys(String secret) {
    return new KeyFile.Keys(1, Map.of(1, secret.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void jgroupsIsEncryptedWithAKeyDerivedFromTheKeyFileAndJoinsAreAuthenticated() {
    String secret = "0123456789abcdef0123456789abcdef";
    JGroupsSecurity s = MembershipFactory.jgroupsSecurity(keys(secret), "web-lb");
    assertEquals(JGroupsSecurity.Encryption.SYMMETRIC, s.encryption());
    byte[] key = s.secretKey().orElseThrow().getEncoded();
    assertEquals(32, key.length, "AES-256");
    assertFalse(Arrays.equals(Arrays.copyOf(secret.getBytes(StandardCharsets.UTF_8), 32), key),
        "derived, not the heartbeat secret itself");
    assertArrayEquals(secret.toCharArray(), s.authSecret().orElseThrow());
    assertArrayEquals(key, MembershipFactory.jgroupsSecurity(keys(secret), "web-lb").secretKey().orElseThrow()
        .getEncoded(), "every node derives the same key");
    assertFalse(Arrays.equals(key, MembershipFactory.jgroupsSecurity(keys(secret), "other").secretKey().orElseThrow()
        .getEncoded()), "another cluster, another key");
    assertTrue(!Arrays.equals(key, MembershipFactory.jgroupsSecurity(keys(secret + "x"), "web-lb").secretKey()
        .orElseThrow().getEncoded()), "another secret, another key");
  }

  @Test
  void everyUdpProfileNameMapsToItsDetectorSettings() {
    assertEquals(DetectorSettings.defaults(), MembershipFactory.detector("default"));
    assertEquals(DetectorSettings.stallImmune(), MembershipFactory.detector("stall-immune"));
    assertEquals(DetectorSettings.stallImmuneFast(), MembershipFactory.detector("stall-immune-fast"));
    assertEquals(DetectorSettings.aggressive(), MembershipFactory.detector("aggressive"));
    assertEquals(DetectorSettings.phiAccrual(), MembershipFactory.detector("phi-accrual"));
    assertTrue(MembershipFactory.detector("stall-immune").verifies());
  }
}
