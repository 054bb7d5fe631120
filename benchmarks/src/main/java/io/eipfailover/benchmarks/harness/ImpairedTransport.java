package io.eipfailover.benchmarks.harness;

import com.google.common.base.Ticker;
import io.eipfailover.core.NodeId;
import io.eipfailover.membership.udp.DatagramTransport;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.util.PriorityQueue;
import java.util.Random;

/**
 * A {@link DatagramTransport} decorator that impairs the link the way {@code netem} would (this
 * kernel has none): each outgoing datagram is dropped with probability {@code loss}, otherwise held
 * for {@code delay ± jitter} (uniform) and sent when due, so datagrams may also be reordered. It can
 * also swallow ICMP port-unreachable signals, so a killed peer looks like a vanished host (no crash
 * fast path).
 *
 * <p>Everything runs on the wrapped transport's loop thread: held datagrams are copied, and sent
 * from the tick the wrapper asks for when the earliest one is due. Randomness comes from the
 * injected {@link Random}, time from the injected {@link Ticker}.
 */
final class ImpairedTransport implements DatagramTransport {
  private record Held(long dueAt, long order, NodeId peer, byte[] bytes) {}

  private final DatagramTransport inner;
  private final Ticker ticker;
  private final Random random;
  private final long delayNanos;
  private final long jitterNanos;
  private final double loss;
  private final boolean suppressPortUnreachable;
  private final PriorityQueue<Held> held = new PriorityQueue<>(
      (a, b) -> a.dueAt != b.dueAt ? Long.compare(a.dueAt, b.dueAt) : Long.compare(a.order, b.order));
  private long order;
  private long dropped;

  ImpairedTransport(DatagramTransport inner, Ticker ticker, Random random, long delayNanos, long jitterNanos,
      double loss, boolean suppressPortUnreachable) {
    if (delayNanos < 0 || jitterNanos < 0 || jitterNanos > delayNanos) {
      throw new IllegalArgumentException("delay must be >= jitter >= 0, was delay " + delayNanos + " ns, jitter "
          + jitterNanos + " ns");
    }
    if (!(loss >= 0 && loss < 1)) {
      throw new IllegalArgumentException("loss must be in [0, 1), was " + loss);
    }
    this.inner = inner;
    this.ticker = ticker;
    this.random = random;
    this.delayNanos = delayNanos;
    this.jitterNanos = jitterNanos;
    this.loss = loss;
    this.suppressPortUnreachable = suppressPortUnreachable;
  }

  @Override
  public void start(Handler handler) {
    inner.start(new Handler() {
      @Override
      public void onDatagram(ByteBuffer datagram, SocketAddress source) {
        handler.onDatagram(datagram, source);
      }

      @Override
      public void onPortUnreachable(NodeId peer) {
        if (!suppressPortUnreachable) {
          handler.onPortUnreachable(peer);
        }
      }

      @Override
      public long onTick() {
        long wanted = handler.onTick();
        long now = ticker.read();
        flushDue(now);
        Held next = held.peek();
        return next == null ? wanted : Math.max(1, Math.min(wanted, next.dueAt - now));
      }
    });
  }

  private void flushDue(long now) {
    while (!held.isEmpty() && held.peek().dueAt <= now) {
      Held h = held.poll();
      inner.send(h.peer, ByteBuffer.wrap(h.bytes));
    }
  }

  @Override
  public boolean send(NodeId peer, ByteBuffer datagram) {
    if (loss > 0 && random.nextDouble() < loss) {
      datagram.position(datagram.limit());
      dropped++;
      return true;
    }
    if (delayNanos == 0) {
      return inner.send(peer, datagram);
    }
    byte[] copy = new byte[datagram.remaining()];
    datagram.get(copy);
    long d = delayNanos + (jitterNanos == 0 ? 0 : (long) ((random.nextDouble() * 2 - 1) * jitterNanos));
    held.add(new Held(ticker.read() + d, order++, peer, copy));
    inner.wakeup();
    return true;
  }

  /** Datagrams dropped as simulated loss (read from the loop thread, or approximately). */
  long dropped() {
    return dropped;
  }

  @Override
  public void wakeup() {
    inner.wakeup();
  }

  @Override
  public void close() {
    inner.close();
  }
}
