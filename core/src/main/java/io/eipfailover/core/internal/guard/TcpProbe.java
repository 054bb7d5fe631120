package io.eipfailover.core.internal.guard;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Objects;

/**
 * One bounded TCP connect, shared by the guards and the TCP health check. The time-out is real (the
 * connect is abandoned when it expires), which is what lets a guard promise a bounded decision.
 */
public final class TcpProbe {
  /** The shortest time-out: a socket time-out of 0 ms would mean "wait forever". */
  public static final Duration MIN_TIMEOUT = Duration.ofMillis(1);
  /** The longest time-out: probes run on the reconciler's thread, which must not stall for long. */
  public static final Duration MAX_TIMEOUT = Duration.ofMinutes(1);

  private TcpProbe() {}

  /** The outcome of one connect: whether it succeeded, and what was seen, for reasons and logs. */
  public record Result(boolean connected, String detail) {}

  /** Checks a probe time-out; the message names {@code name} and shows the bad value. */
  public static Duration requireTimeout(String name, Duration timeout) {
    Objects.requireNonNull(timeout, name + " must not be null");
    if (timeout.compareTo(MIN_TIMEOUT) < 0 || timeout.compareTo(MAX_TIMEOUT) > 0) {
      throw new IllegalArgumentException(
          name + " must be between " + MIN_TIMEOUT + " and " + MAX_TIMEOUT + ", was " + timeout);
    }
    return timeout;
  }

  /** Connects to {@code address} within {@code timeout} and closes at once; never throws. */
  public static Result connect(InetSocketAddress address, Duration timeout) {
    try (Socket socket = new Socket()) {
      socket.connect(address, (int) timeout.toMillis());
      return new Result(true, "connected to " + format(address));
    } catch (SocketTimeoutException e) {
      return new Result(false, "no answer from " + format(address) + " within " + timeout);
    } catch (IOException | RuntimeException e) {
      return new Result(false, format(address) + ": " + describe(e));
    }
  }

  /** {@code host:port} without the resolver's slash noise. */
  public static String format(InetSocketAddress address) {
    return address.getHostString() + ":" + address.getPort();
  }

  /** The exception's class and message, e.g. "ConnectException: Connection refused". */
  public static String describe(Throwable e) {
    return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
  }
}
