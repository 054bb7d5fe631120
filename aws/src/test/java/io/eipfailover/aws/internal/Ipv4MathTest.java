package io.eipfailover.aws.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class Ipv4MathTest {
  @Test
  void anOffsetCountsFromTheNetworkAddressOfTheCidr() {
    assertEquals("10.0.1.5", Ipv4Math.baseAddressPlus("10.0.1.77/24", 5), "host bits are masked off");
    assertEquals("10.0.1.44", Ipv4Math.baseAddressPlus("10.0.0.0/16", 300), "an offset carries into the next octet");
    assertEquals("0.0.0.7", Ipv4Math.baseAddressPlus("192.168.4.4/0", 7));
  }

  @Test
  void addressesRoundTripThroughTheirUnsignedValue() {
    assertEquals(0xCB00710AL, Ipv4Math.toLong("203.0.113.10"), "above 2^31: unsigned");
    assertEquals("203.0.113.10", Ipv4Math.toString(0xCB00710AL));
    assertEquals("255.255.255.255", Ipv4Math.toString(Ipv4Math.toLong("255.255.255.255")));
  }

  @Test
  void malformedInputIsNamed() {
    assertEquals("cidr must look like 10.0.1.0/24, was '10.0.1.0'",
        assertThrows(IllegalArgumentException.class, () -> Ipv4Math.baseAddressPlus("10.0.1.0", 1)).getMessage());
    assertEquals("not an IPv4 address: '10.0.1'",
        assertThrows(IllegalArgumentException.class, () -> Ipv4Math.toLong("10.0.1")).getMessage());
  }
}
