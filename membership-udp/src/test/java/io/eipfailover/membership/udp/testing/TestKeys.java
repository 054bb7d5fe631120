package io.eipfailover.membership.udp.testing;

import io.eipfailover.membership.udp.UdpKeyring;

/** Keys for tests. */
public final class TestKeys {
  public static final String K1 = "first-secret-key-0123456789";
  public static final String K2 = "second-secret-key-0123456789";
  public static final String K3 = "third-secret-key-0123456789";

  private TestKeys() {}

  /** A keyring with only K1 (id 1). */
  public static UdpKeyring k1() {
    return UdpKeyring.builder().primary(1, K1).build();
  }
}
