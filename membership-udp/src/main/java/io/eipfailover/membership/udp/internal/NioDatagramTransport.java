package io.eipfailover.membership.udp.internal;

import com.google.common.base.Ticker;
import io.eipfailover.core.EipFailoverException;
import io.eipfailover.core.NodeId;
import io.eipfailover.membership.udp.DatagramTransport;
import io.eipfailover.membership.udp.DetectorSettings;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.PortUnreachableException;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The real transport: one thread running a {@link Selector} loop over non-blocking channels.
 *
 * <ul>
 *   <li>One unconnected channel bound to the configured address receives every peer's heartbeats.
 *   <li>One channel per peer, bound to an ephemeral port and <em>connected</em> to the peer's
 *       address, sends to it. Because it is connected, the kernel delivers the ICMP
 *       port-unreachable a crashed peer's host answers with to this channel, and the next read or
 *       write throws {@link PortUnreachableException}: the crash fast path's signal.
 *   <li>Optionally the {@link CrashLinks}: a TCP listener on the same address and port, and one
 *       outbound TCP connection per peer whose loss is a second crash signal, reported through
 *       {@link Handler#onConnectionLost}. Same selector, same thread.
 * </ul>
 *
 * Ticks are scheduled from the injected ticker; the selector only waits. Buffers are allocated
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
  private final ByteBuffer receiveBuffer = ByteBuffer.allocateDirect(RECEIVE_BUFFER_BYTES);
  private final AtomicBoolean wakeupRequested = new AtomicBoolean();
  private final AtomicBoolean closed = new AtomicBoolean();
  private final Map<NodeId, PeerChannel> peers = new HashMap<>();
  private final List<PeerChannel> peerList = new ArrayList<>();
  private Selector selector;
  private DatagramChannel main;
  private Thread thread;
  private Handler handler;

  private static final class PeerChannel {
    final NodeId id;
    final DatagramChannel channel;
    boolean unreachable;

    PeerChannel(NodeId id, DatagramChannel channel) {
      this.id = id;
      this.channel = channel;
    }
  }

  /** @param links the crash-detection TCP links, or null when they are turned off */
  private NioDatagramTransport(NodeId self, InetSocketAddress bindAddress, Map<NodeId, InetSocketAddress> peers,
      Ticker ticker, CrashLinks links) {
    this.links = links;
    this.self = self;
    this.bindAddress = bindAddress;
    this.peerAddresses = Map.copyOf(peers);
    this.ticker = ticker;
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
    return new NioDatagramTransport(self, bindAddress, peers, ticker, links);
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
      for (Map.Entry<NodeId, InetSocketAddress> e : peerAddresses.entrySet()) {
        DatagramChannel ch = DatagramChannel.open();
        peerList.add(new PeerChannel(e.getKey(), ch));
        ch.bind(new InetSocketAddress(bindAddress.getAddress(), 0));
        ch.connect(e.getValue());
        ch.configureBlocking(false);
        PeerChannel pc = peerList.get(peerList.size() - 1);
        ch.register(selector, SelectionKey.OP_READ, pc);
        peers.put(e.getKey(), pc);
      }
      if (links != null) {
        links.open(selector, handler::onConnectionLost, ticker.read());
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
    PeerChannel pc = peers.get(peer);
    if (pc == null) {
      return false;
    }
    try {
      return pc.channel.write(datagram) > 0;
    } catch (PortUnreachableException e) {
      pc.unreachable = true;
      return false;
    } catch (IOException e) {
      LOG.debug("[id={}] send to {} failed: {}", self, peer, e.toString());
      return false;
    }
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
        long now = ticker.read();
        if (wakeupRequested.getAndSet(false) || now - nextTick >= 0) {
          nextTick = now + handler.onTick();
          if (links != null) {
            links.maintain(now);
          }
          deliverUnreachable();
        }
        long waitNanos = nextTick - ticker.read();
        if (waitNanos > 0) {
          selector.select(Math.max(1, TimeUnit.NANOSECONDS.toMillis(waitNanos + 999_999)));
        } else {
          selector.selectNow();
        }
        for (SelectionKey key : selector.selectedKeys()) {
          if (key.attachment() instanceof PeerChannel pc) {
            readPeer(pc);
          } else if (links != null && links.owns(key)) {
            links.onReady(key, ticker.read());
          } else {
            receive(main);
          }
        }
        selector.selectedKeys().clear();
        deliverUnreachable();
      } catch (ClosedSelectorException e) {
        break;
      } catch (IOException | RuntimeException e) {
        if (!closed.get()) {
          LOG.warn("[id={}] UDP loop iteration failed; continuing", self, e);
        }
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

  private void readPeer(PeerChannel pc) {
    try {
      for (int i = 0; i < MAX_RECEIVES_PER_WAKEUP; i++) {
        receiveBuffer.clear();
        int n = pc.channel.read(receiveBuffer);
        if (n <= 0) {
          return;
        }
        receiveBuffer.flip();
        handler.onDatagram(receiveBuffer, pc.channel.getRemoteAddress());
      }
    } catch (PortUnreachableException e) {
      pc.unreachable = true;
    } catch (IOException e) {
      LOG.debug("[id={}] read from the channel to {} failed: {}", self, pc.id, e.toString());
    }
  }

  /**
   * Reports the crash signals gathered in this pass. After any, the next pass ticks at once, so the
   * protocol can schedule its repeat probes (a signal arrives between ticks, and the tick time was
   * computed before it; without this a repeat probe would wait for the next heartbeat).
   */
  private void deliverUnreachable() {
    boolean any = links != null && links.deliverLost();
    for (PeerChannel pc : peerList) {
      if (pc.unreachable) {
        pc.unreachable = false;
        any = true;
        handler.onPortUnreachable(pc.id);
      }
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
    for (PeerChannel pc : peerList) {
      closeQuietly(pc.channel);
    }
    closeQuietly(main);
    if (links != null) {
      links.close();
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
