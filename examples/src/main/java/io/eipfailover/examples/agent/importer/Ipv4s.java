package io.eipfailover.examples.agent.importer;

import java.util.regex.Pattern;

/** IPv4 literal checks for the importers. Stateless. */
final class Ipv4s {
  private static final Pattern IPV4 =
      Pattern.compile("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");

  private Ipv4s() {}

  static boolean isIpv4(String s) {
    return IPV4.matcher(s).matches();
  }

  /**
   * Whether {@code ip} is a routable public address (what an EIP is): not private (RFC 1918),
   * shared (100.64/10), loopback, link-local (IMDS), "this network", multicast or reserved.
   */
  static boolean isPublic(String ip) {
    if (!isIpv4(ip)) {
      return false;
    }
    String[] p = ip.split("\\.");
    int a = Integer.parseInt(p[0]);
    int b = Integer.parseInt(p[1]);
    return !(a == 0 || a == 10 || a == 127 || a >= 224
        || (a == 100 && b >= 64 && b < 128)
        || (a == 169 && b == 254)
        || (a == 172 && b >= 16 && b < 32)
        || (a == 192 && b == 168));
  }
}
