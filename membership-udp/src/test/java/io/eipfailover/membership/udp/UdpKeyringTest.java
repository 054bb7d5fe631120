package io.eipfailover.membership.udp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import org.junit.jupiter.api.Test;

class UdpKeyringTest {
  private static final byte[] KEY16 = "0123456789abcdef".getBytes();

  @Test
  void holdsPrimaryAndAcceptedKeys() {
    UdpKeyring ring = UdpKeyring.builder().primary(2, "new-secret-0123456789").accept(1, KEY16).build();
    assertEquals(2, ring.primaryKeyId());
    assertEquals(Set.of(1, 2), ring.keyIds());
    assertTrue(ring.accepts(1));
    assertFalse(ring.accepts(3));
    assertArrayEquals(KEY16, ring.key(1));
  }

  @Test
  void copiesKeysInAndOut() {
    byte[] key = KEY16.clone();
    UdpKeyring ring = UdpKeyring.of(0, key);
    key[0] = 'X';
    ring.key(0)[1] = 'Y';
    assertArrayEquals(KEY16, ring.key(0));
  }

  @Test
  void neverShowsKeyMaterial() {
    String s = UdpKeyring.builder().primary(1, "super-secret-value-123").build().toString();
    assertEquals("UdpKeyring{primary=1, accepted=[1]}", s);
  }

  @Test
  void refusesKeysShorterThan16Bytes() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> UdpKeyring.builder().primary(1, "short"));
    assertEquals("key 1 must be at least 16 bytes, was 5 bytes", e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> UdpKeyring.builder().accept(2, new byte[15]));
  }

  @Test
  void refusesBadIdsDuplicatesAndAMissingPrimary() {
    assertEquals("keyId must be between 0 and 255, was 256",
        assertThrows(IllegalArgumentException.class, () -> UdpKeyring.builder().primary(256, KEY16)).getMessage());
    assertEquals("duplicate keyId 1", assertThrows(IllegalArgumentException.class,
        () -> UdpKeyring.builder().primary(1, KEY16).accept(1, KEY16)).getMessage());
    assertEquals("primary key must be set, keyring had only accepted keys [1]",
        assertThrows(IllegalArgumentException.class, () -> UdpKeyring.builder().accept(1, KEY16).build()).getMessage());
    assertEquals("primary key is already set (keyId 1), was set again to 2", assertThrows(
        IllegalArgumentException.class, () -> UdpKeyring.builder().primary(1, KEY16).primary(2, KEY16)).getMessage());
    assertThrows(IllegalArgumentException.class, () -> UdpKeyring.of(1, KEY16).key(9));
  }
}
