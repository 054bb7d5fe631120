package io.eipfailover.aws.testing;

/** Dotted-quad conversions for the fake's subnet arithmetic. */
final class Ipv4s {
  private Ipv4s() {}

  static long toLong(String ip) {
    String[] p = ip.split("\\.");
    if (p.length != 4) {
      throw new IllegalArgumentException("not an IPv4 address: '" + ip + "'");
    }
    long v = 0;
    for (String part : p) {
      v = (v << 8) | Integer.parseInt(part);
    }
    return v;
  }

  static String toString(long v) {
    return ((v >> 24) & 0xff) + "." + ((v >> 16) & 0xff) + "." + ((v >> 8) & 0xff) + "." + (v & 0xff);
  }

  /** The /24 around {@code ip}, the fake's default subnet. */
  static String slash24(String ip) {
    return toString(toLong(ip) & 0xffffff00L) + "/24";
  }
}
