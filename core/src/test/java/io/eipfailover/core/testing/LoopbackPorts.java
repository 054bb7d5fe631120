package io.eipfailover.core.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.DatagramChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Ports on 127.0.0.1 for loopback tests whose members must know each other's port before they
 * start (JGroups {@code initial_hosts}, UDP peers), so "bind port 0 and read it back" is not
 * possible.
 *
 * <p>The classic "bind port 0, close, bind again later" races with the kernel: between the close
 * and the later bind, any outgoing connection on the machine (the members' own TCP clients, a
 * parallel build) may be given that port as its ephemeral source port. So the ports handed out here
 * lie <em>outside</em> the kernel's ephemeral range ({@code /proc/sys/net/ipv4/ip_local_port_range},
 * below it when there is room), where the kernel never assigns one on its own; each is checked
 * free for both TCP and UDP when handed out.
 *
 * <p>Each port is the first of a block of {@value #BLOCK} ports that this JVM hands to no one else
 * (until it has gone round every block), because some members also listen a little above their
 * port (JGroups' {@code FD_SOCK2} at +100..+109). Blocks are taken round-robin from a random
 * start, and a block another JVM on the machine handed out within the last 15 to 30 s is skipped
 * ({@link PortLeases}): parallel builds, and PIT's minions rerunning loopback tests, would
 * otherwise take a port in the seconds between its check here and its member's bind. When every
 * block is leased, the bind check alone decides.
 *
 * <p>Thread-safe.
 */
public final class LoopbackPorts {
  /** Ports per reservation: the port itself and the ones a member may open just above it. */
  public static final int BLOCK = 128;

  private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
  private static final int LOWEST = 10_240;
  private static final int MIN_BLOCKS = 16;
  private static final Range RANGE = Range.outsideEphemeral(Path.of("/proc/sys/net/ipv4/ip_local_port_range"));
  private static final PortLeases LEASES = PortLeases.shared();
  private static int next = ThreadLocalRandom.current().nextInt(RANGE.blocks());

  private LoopbackPorts() {}

  /** Ports below {@code first + blocks × BLOCK}, from {@code first}. */
  record Range(int first, int blocks) {
    static Range outsideEphemeral(Path procFile) {
      int low = 32_768;
      int high = 60_999;
      try {
        // a line-wise read: /proc files report size 0, which Files.readString takes at its word
        String[] parts = Files.readAllLines(procFile).get(0).trim().split("\\s+");
        low = Integer.parseInt(parts[0]);
        high = Integer.parseInt(parts[1]);
      } catch (IOException | RuntimeException e) {
        // not Linux, or unreadable: assume the Linux default range
      }
      int below = (low - LOWEST) / BLOCK;
      if (below >= MIN_BLOCKS) {
        return new Range(LOWEST, below);
      }
      int above = (65_535 - (high + 1)) / BLOCK;
      if (above >= MIN_BLOCKS) {
        return new Range(high + 1, above);
      }
      throw new IllegalStateException("no room for test ports outside the ephemeral range " + low + "-" + high
          + " (" + procFile + "): need " + MIN_BLOCKS * BLOCK + " ports below or above it");
    }
  }

  /**
   * A loopback port free for both TCP and UDP now, outside the kernel's ephemeral range, that no
   * other JVM on this machine handed out lately (if any such port is left).
   */
  public static synchronized int reserve() {
    IOException last = null;
    for (int attempt = 0; attempt < 2 * RANGE.blocks(); attempt++) {
      int port = RANGE.first() + next * BLOCK;
      next = (next + 1) % RANGE.blocks();
      if (attempt < RANGE.blocks() && !LEASES.tryLease(port)) {
        continue; // another JVM handed it out lately; the second round ignores leases
      }
      try {
        checkFree(port);
        return port;
      } catch (IOException e) {
        last = e; // someone else has it: take the next block
      }
    }
    throw new UncheckedIOException("no free, unleased loopback port in " + RANGE, last);
  }

  private static void checkFree(int port) throws IOException {
    InetSocketAddress address = new InetSocketAddress(LOOPBACK, port);
    try (DatagramChannel udp = DatagramChannel.open(); ServerSocketChannel tcp = ServerSocketChannel.open()) {
      udp.bind(address);
      tcp.setOption(StandardSocketOptions.SO_REUSEADDR, true);
      tcp.bind(address);
    }
  }
}
