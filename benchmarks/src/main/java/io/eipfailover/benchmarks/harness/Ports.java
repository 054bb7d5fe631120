package io.eipfailover.benchmarks.harness;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.Random;

/**
 * Finds loopback ports that are free for both UDP and TCP, together with the port 100 above (where
 * JGroups' FD_SOCK2 listens). A port found free can still be taken before the node binds it; the
 * harness then fails that start and says so.
 */
final class Ports {
  private final Random random;

  Ports(Random random) {
    this.random = random;
  }

  /** A port in [20000, 40000) free for UDP and TCP, with {@code port + 100} free too. */
  int free() {
    for (int attempt = 0; attempt < 200; attempt++) {
      int p = 20_000 + random.nextInt(20_000);
      if (isFree(p) && isFree(p + 100)) {
        return p;
      }
    }
    throw new IllegalStateException("no free loopback port pair found in [20000, 40100) after 200 attempts");
  }

  private static boolean isFree(int port) {
    InetSocketAddress a = new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
    try (DatagramSocket u = new DatagramSocket(a); ServerSocket t = new ServerSocket()) {
      t.bind(a);
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
