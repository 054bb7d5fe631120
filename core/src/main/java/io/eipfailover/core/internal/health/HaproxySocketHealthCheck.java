package io.eipfailover.core.internal.health;

import com.google.common.base.Ticker;
import io.eipfailover.core.HealthCheck;
import io.eipfailover.core.HealthResult;
import io.eipfailover.core.internal.guard.TcpProbe;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * Asks HAProxy's runtime API ({@code stats socket ... level user} is enough) for {@code show info}
 * over its Unix socket. Healthy when the answer names the process ({@code Name: HAProxy}); the
 * {@code Uptime} line is reported when present. Non-blocking I/O under one deadline makes the
 * time-out cover connect, write and the whole read (HAProxy closes the connection after answering
 * a single command). The answer is capped at 64 KiB. Immutable and thread-safe.
 */
public final class HaproxySocketHealthCheck implements HealthCheck {
  private static final int MAX_REPLY = 64 * 1024;

  private final Path socket;
  private final Duration timeout;
  private final Ticker ticker;

  /**
   * @param ticker measures the deadline ({@link Ticker#systemTicker()} in production); the waits
   *     themselves are real I/O waits
   */
  public HaproxySocketHealthCheck(Path socket, Duration timeout, Ticker ticker) {
    this.socket = Objects.requireNonNull(socket, "socket must not be null");
    this.timeout = TcpProbe.requireTimeout("timeout", timeout);
    this.ticker = Objects.requireNonNull(ticker, "ticker must not be null");
  }

  @Override
  public HealthResult check() {
    try {
      String reply = exchange();
      if (reply == null) {
        return HealthResult.unhealthy("no complete answer to 'show info' on " + socket + " within " + timeout);
      }
      if (!reply.contains("Name: HAProxy")) {
        return HealthResult.unhealthy("unexpected answer to 'show info' on " + socket + ": '" + firstLine(reply) + "'");
      }
      String uptime = lineStartingWith(reply, "Uptime:");
      return HealthResult.healthy("HAProxy answered on " + socket + (uptime == null ? "" : " (" + uptime + ")"));
    } catch (IOException | RuntimeException e) {
      return HealthResult.unhealthy(socket + ": " + TcpProbe.describe(e));
    }
  }

  /** Sends the command and reads to EOF; null when the deadline passes first. */
  private String exchange() throws IOException {
    long deadline = ticker.read() + timeout.toNanos();
    ByteBuffer out = ByteBuffer.wrap("show info\n".getBytes(StandardCharsets.US_ASCII));
    ByteBuffer in = ByteBuffer.allocate(MAX_REPLY);
    try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
        Selector selector = Selector.open()) {
      channel.configureBlocking(false);
      boolean connected = channel.connect(UnixDomainSocketAddress.of(socket));
      SelectionKey key = channel.register(selector, connected ? SelectionKey.OP_WRITE : SelectionKey.OP_CONNECT);
      while (true) {
        long remaining = deadline - ticker.read();
        if (remaining <= 0) {
          return null;
        }
        if (selector.select(Math.max(1, TimeUnit.NANOSECONDS.toMillis(remaining))) == 0) {
          continue; // nothing ready: the key's ready set is stale, so do not look at it
        }
        selector.selectedKeys().clear();
        if (key.isConnectable() && channel.finishConnect()) {
          key.interestOps(SelectionKey.OP_WRITE);
        } else if (key.isWritable()) {
          channel.write(out);
          if (!out.hasRemaining()) {
            key.interestOps(SelectionKey.OP_READ);
          }
        } else if (key.isReadable()) {
          if (channel.read(in) < 0 || !in.hasRemaining()) {
            return new String(in.array(), 0, in.position(), StandardCharsets.UTF_8);
          }
        }
      }
    }
  }

  private static String firstLine(String reply) {
    String line = reply.strip().lines().findFirst().orElse("");
    return line.length() > 80 ? line.substring(0, 80) + "..." : line;
  }

  private static String lineStartingWith(String reply, String prefix) {
    return reply.lines().filter(l -> l.startsWith(prefix)).map(String::strip).findFirst().orElse(null);
  }

  @Override
  public String toString() {
    return "haproxySocket(" + socket + ", " + timeout + ")";
  }
}
