package io.eipfailover.aws.internal;

import java.net.Inet4Address;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.Collections;
import java.util.Set;
import java.util.TreeSet;

/** The IPv4 addresses configured in the guest OS, from {@link NetworkInterface}. Not API. */
public final class GuestIpv4Addresses {
  private GuestIpv4Addresses() {}

  /** Every IPv4 address of every interface, up or down. */
  public static Set<String> all() {
    Set<String> result = new TreeSet<>();
    try {
      for (NetworkInterface ni : Collections.list(NetworkInterface.getNetworkInterfaces())) {
        Collections.list(ni.getInetAddresses()).stream().filter(a -> a instanceof Inet4Address)
            .forEach(a -> result.add(a.getHostAddress()));
      }
    } catch (SocketException e) {
      throw new IllegalStateException("cannot enumerate network interfaces: " + e.getMessage(), e);
    }
    return result;
  }
}
