package io.eipfailover.membership.udp.internal;

import com.google.common.base.Ticker;
import io.eipfailover.core.EipFailoverException;
import io.eipfailover.core.NodeId;
import io.eipfailover.core.runtime.RateLimitedLog;
import io.eipfailover.membership.udp.DatagramTransport;
import io.eipfailover.membership.udp.DetectorSettings;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The real transport: one thread running a {@link Selector} loop over non-blocking channels.
 *
 * <ul>
 *   <li>One unconnected channel bound to the configured address receives every peer's heartbeats.
 *   <li>One channel per peer, bound to an ephemeral port and <em>connected</em> to the peer's
 *       address, sends to it and receives its ICMP port-unreachable: the crash fast path's signal
 *       ({@link PeerChannels}).
 *   <li>Optionally the {@link CrashLinks}: a TCP listener on the same address and port, and one
 *       outbound TCP connection per peer whose loss is a second crash signal, reported through
 *       {@link Handler#onConnectionLost}. Same selector, same thread.
 *   <li>Optionally the {@link KernelProbes}: TCP connection attempts to a peer's listener that
 *       verify a silent peer's host ({@link #probe}). Same selector, same thread.
 * </ul>
 *
 * Ticks are scheduled from the injected ticker; the selector only waits, and nothing wakes the
 * thread but I/O, a requested wake-up or the next tick the protocol asked for. Buffers are allocated
 * once. Thread-safety: {@link #wakeup()} and {@link #close()} from any thread; {@link #send} only
 * from handler calls (the loop thread).
 */
public final class NioDatagramTransport implements DatagramTransport {
  private static final Logger LOG = LoggerFactory.getLogger(NioDatagramTransport.class);
  /** Larger than any valid datagram, so oversized ones are seen (and dropped) as such. */
  private static final int RECEIVE_BUFFER_BYTES = 2048;
  private static final int MAX_RECEIVES_PER_WAKEUP = 256;

  private final NodeId self;
  private final InetSocketAddress bindAddress;
  private final Map<NodeId, InetSocketAddress> peerAddresses;
  private final Ticker ticker;
  private final CrashLinks links;
  private final KernelProbes probes;
  private final RateLimitedLog loopFailures;
  private final ByteBuffer receiveBuffer = ByteBuffer.allocateDirect(RECEIVE_BUFFER_BYTES);
  private final AtomicBoolean wakeupRequested = new AtomicBoolean();
  private final AtomicBoolean closed = new AtomicBoolean();
  private final Consumer<SelectionKey> onReady = this::dispatch;
  private final PeerChannels peers;
  private Selector selector;
  private DatagramChannel main;
  private Thread thread;
  private Handler handler;

  /**
   * @param links the crash-detection TCP links, or null when they are turned off
   * @param probes the verification probes, or null when the detector does not verify
   */
  private NioDatagramTransport(NodeId self, InetSocketAddress bindAddress, Map<NodeId, InetSocketAddress> peers,
      Ticker ticker, CrashLinks links, KernelProbes probes) {
    this.links = links;
    this.probes = probes;
    this.self = self;
    this.bindAddress = bindAddress;
    this.peerAddresses = Map.copyOf(peers);
    this.ticker = ticker;
    this.peers = new PeerChannels(self);
    this.loopFailures = RateLimitedLog.create(LOG, ticker);
  }

  /**
   * The real transport for {@code self}, with the crash-detection TCP links when {@code detector}
   * asks for them and the crash fast path is on at all; the links count into {@code counters}.
   */
  static NioDatagramTransport create(NodeId self, InetSocketAddress bindAddress, Map<NodeId, InetSocketAddress> peers,
      Ticker ticker, DetectorSettings detector, CounterSet counters) {
    CrashLinks links = detector.crashDetectionSocket() && detector.crashConfirmations() > 0
        ? new CrashLinks(self, bindAddress, peers, detector.keepalive().toNanos(), detector.deadtime().toNanos(), counters)
        : null;
    KernelProbes probes = detector.verifies() ? new KernelProbes(self, bindAddress, peers) : null;
    return new NioDatagramTransport(self, bindAddress, peers, ticker, links, probes);
  }

  /** As {@link #create} with counters of its own: for {@code DatagramTransports.udp}. Not API. */
  public static DatagramTransport createStandalone(NodeId self, InetSocketAddress bindAddress,
      Map<NodeId, InetSocketAddress> peers, Ticker ticker, DetectorSettings detector) {
    return create(self, bindAddress, peers, ticker, detector, new CounterSet());
  }

  @Override
  public void start(Handler handler) {
    this.handler = handler;
    try {
      selector = Selector.open();
      main = DatagramChannel.open();
      try {
        main.bind(bindAddress);
      } catch (IOException e) {
        throw new EipFailoverException("bindAddress " + bindAddress + " cannot be bound (port in use by another"
            + " process or address not local): " + e.getMessage(), e);
      }
      main.configureBlocking(false);
      main.register(selector, SelectionKey.OP_READ);
      peers.open(selector, bindAddress, peerAddresses);
      if (links != null) {
        links.open(selector, handler::onConnectionLost, ticker.read());
      }
      if (probes != null) {
        probes.open(selector);
      }
    } catch (IOException e) {
      closeResources();
      throw new EipFailoverException("cannot open UDP channels for " + self + " on " + bindAddress + ": " + e, e);
    } catch (RuntimeException e) {
      closeResources();
      throw e;
    }
    thread = new Thread(this::loop, "eip-udp-" + self);
    thread.setDaemon(true);
    thread.start();
  }

  @Override
  public boolean send(NodeId peer, ByteBuffer datagram) {
    return peers.send(peer, datagram);
  }

  @Override
  public boolean probe(NodeId peer, Duration timeout) {
    return probes != null && probes.start(peer, timeout.toNanos(), ticker.read());
  }

  @Override
  public void wakeup() {
    wakeupRequested.set(true);
    Selector s = selector;
    if (s != null) {
      s.wakeup();
    }
  }

  private void loop() {
    long nextTick = ticker.read();
    while (!closed.get()) {
      try {
        nextTick = pass(nextTick);
      } catch (ClosedSelectorException e) {
        break;
      } catch (IOException | RuntimeException e) {
        if (!closed.get()) {
          loopFailures.warn("loop", "[id={}] UDP loop iteration failed; continuing", self, e);
        }
      }
    }
  }

  /**
   * One pass: waits for I/O or the next tick, handles what arrived, then ticks if due — in that
   * order, so evidence that came in while the thread was late (a heartbeat, a probe's handshake)
   * counts before any deadline does. Ready keys go straight to {@link #dispatch} (no selected-key
   * set to iterate). A method of its own because a loop body is compiled only by on-stack
   * replacement, after tens of thousands of iterations (an hour at 20 passes a second): until then
   * the interpreter runs it, at several times the CPU of compiled code.
   *
   * @return when the next tick is due
   */
  private long pass(long nextTick) throws IOException {
    long waitNanos = wakeupRequested.get() ? 0 : nextTick - ticker.read();
    if (waitNanos > 0) {
      selector.select(onReady, Math.max(1, TimeUnit.NANOSECONDS.toMillis(waitNanos + 999_999)));
    } else {
      selector.selectNow(onReady);
    }
    deliverSignals();
    long now = ticker.read();
    if (!wakeupRequested.getAndSet(false) && now - nextTick < 0) {
      return nextTick;
    }
    long next = now + handler.onTick();
    if (links != null) {
      links.maintain(now);
    }
    if (probes != null) {
      probes.expire(now);
    }
    deliverSignals();
    return next;
  }

  /** Handles one ready key; a failure is logged and the other keys are still handled. */
  private void dispatch(SelectionKey key) {
    try {
      if (peers.owns(key)) {
        peers.read(key, receiveBuffer, handler);
      } else if (links != null && links.owns(key)) {
        links.onReady(key, ticker.read());
      } else if (probes != null && probes.owns(key)) {
        probes.onReady(key);
      } else {
        receive(main);
      }
    } catch (IOException | RuntimeException e) {
      if (!closed.get()) {
        LOG.warn("[id={}] handling ready channel {} failed; continuing", self, key.channel(), e);
      }
    }
  }

  private void receive(DatagramChannel channel) throws IOException {
    for (int i = 0; i < MAX_RECEIVES_PER_WAKEUP; i++) {
      receiveBuffer.clear();
      SocketAddress source = channel.receive(receiveBuffer);
      if (source == null) {
        return;
      }
      receiveBuffer.flip();
      handler.onDatagram(receiveBuffer, source);
    }
  }

  /**
   * Reports the crash signals and probe answers gathered in this pass. After any, the next pass
   * ticks at once, so the protocol can schedule its repeat probes (a signal arrives between ticks,
   * and the tick time was computed before it; without this a repeat probe would wait for the next
   * heartbeat).
   */
  private void deliverSignals() {
    boolean any = links != null && links.deliverLost();
    if (peers.deliverUnreachable(handler)) {
      any = true;
    }
    if (probes != null && probes.deliver(handler::onProbeAnswer)) {
      any = true;
    }
    if (any) {
      wakeupRequested.set(true);
    }
  }

  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    Thread t = thread;
    if (selector != null) {
      selector.wakeup();
    }
    if (t != null && t != Thread.currentThread()) {
      try {
        t.join(TimeUnit.SECONDS.toMillis(5));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    closeResources();
  }

  private void closeResources() {
    peers.close();
    closeQuietly(main);
    if (links != null) {
      links.close();
    }
    if (probes != null) {
      probes.close();
    }
    closeQuietly(selector);
  }

  private void closeQuietly(AutoCloseable c) {
    if (c == null) {
      return;
    }
    try {
      c.close();
    } catch (Exception e) {
      LOG.debug("[id={}] closing {} failed: {}", self, c, e.toString());
    }
  }
}
