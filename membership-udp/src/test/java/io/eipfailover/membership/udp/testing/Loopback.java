package io.eipfailover.membership.udp.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.DatagramChannel;
import java.nio.channels.ServerSocketChannel;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Helpers for real-socket tests on 127.0.0.1: free ports and generous polling waits. */
public final class Loopback {
  private Loopback() {}

  /**
   * A port that was free for both UDP and TCP a moment ago (the membership listens on TCP at its
   * heartbeat port too, for the crash-detection link).
   */
  public static int freePort() {
    IOException last = null;
    for (int attempt = 0; attempt < 50; attempt++) {
      try (DatagramChannel ch = DatagramChannel.open()) {
        ch.bind(new InetSocketAddress("127.0.0.1", 0));
        int port = ((InetSocketAddress) ch.getLocalAddress()).getPort();
        try (ServerSocketChannel tcp = ServerSocketChannel.open()) {
          tcp.setOption(StandardSocketOptions.SO_REUSEADDR, true);
          tcp.bind(new InetSocketAddress("127.0.0.1", port));
          return port;
        } catch (IOException e) {
          last = e; // taken for TCP: try another
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    throw new UncheckedIOException("no port free for both UDP and TCP", last);
  }

  /** Polls {@code condition} every 10 ms until true, or fails after {@code timeout} with {@code what}. */
  public static void await(Duration timeout, Supplier<String> what, BooleanSupplier condition) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() - deadline > 0) {
        throw new AssertionError("not within " + timeout + ": " + what.get());
      }
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted", e);
      }
    }
  }
}
