package io.eipfailover.aws.internal;

/** IPv4 arithmetic on dotted quads and CIDR blocks. Not API. */
public final class Ipv4Math {
  private Ipv4Math() {}

  /** The address {@code offset} above the base of {@code cidr} ("10.0.1.0/24", 1 → "10.0.1.1"). */
  public static String baseAddressPlus(String cidr, int offset) {
    String[] parts = cidr.split("/");
    if (parts.length != 2) {
      throw new IllegalArgumentException("cidr must look like 10.0.1.0/24, was '" + cidr + "'");
    }
    int bits = Integer.parseInt(parts[1]);
    long mask = bits == 0 ? 0 : (0xffffffffL << (32 - bits)) & 0xffffffffL;
    return toString((toLong(parts[0]) & mask) + offset);
  }

  /** The address as an unsigned 32-bit number. */
  public static long toLong(String ip) {
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

  /** The dotted quad of an unsigned 32-bit number. */
  public static String toString(long v) {
    return ((v >> 24) & 0xff) + "." + ((v >> 16) & 0xff) + "." + ((v >> 8) & 0xff) + "." + (v & 0xff);
  }
}
