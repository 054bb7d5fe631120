package io.eipfailover.membership.udp.internal;

import com.google.common.base.Ticker;
import io.eipfailover.core.MembershipListener;
import io.eipfailover.core.MembershipView;
import io.eipfailover.core.NodeId;
import io.eipfailover.core.NodeState;
import io.eipfailover.core.NodeStatus;
import io.eipfailover.core.PeerState;
import io.eipfailover.membership.udp.DatagramTransport;
import io.eipfailover.membership.udp.DetectorSettings;
import io.eipfailover.membership.udp.UdpKeyring;
import io.eipfailover.membership.udp.UdpMembership;
import io.eipfailover.membership.udp.UdpMembershipCounters;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link UdpMembership} facade: owns the transport, drives the protocol state machine from the
 * transport's callbacks, and delivers events to listeners. Thread-safe: the protocol is confined
 * to the transport's thread; other threads only read its published view and hand over
 * announcements and keyrings through atomic references.
 */
public final class DefaultUdpMembership implements UdpMembership {
  private static final Logger LOG = LoggerFactory.getLogger(DefaultUdpMembership.class);
  private static final int NEW = 0;
  private static final int STARTED = 1;
  private static final int CLOSED = 2;

  private final UdpSettings settings;
  private final Ticker ticker;
  private final DatagramTransport transport;
  private final CounterSet counters = new CounterSet();
  private final Listeners listeners;
  private final AtomicInteger lifecycle = new AtomicInteger(NEW);
  private final AtomicReference<NodeStatus> pendingAnnounce = new AtomicReference<>();
  private final AtomicReference<UdpKeyring> pendingKeyring = new AtomicReference<>();
  private final MembershipView initialView;
  private volatile NodeStatus initialStatus = NodeStatus.ALIVE;
  private volatile UdpProtocol protocol;
  private volatile long incarnation;

  /** Built by {@code UdpMembership.builder()}. */
  public DefaultUdpMembership(UdpSettings settings) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.ticker = settings.ticker();
    this.transport = settings.transport() != null ? settings.transport()
        : new NioDatagramTransport(settings.self(), settings.bindAddress(), settings.peers(), ticker, crashLinks(settings));
    this.listeners = new Listeners(settings.self());
    Map<NodeId, PeerState> members = new TreeMap<>();
    members.put(settings.self(), PeerState.of(NodeState.ALIVE, 0));
    settings.peers().keySet().forEach(p -> members.put(p, PeerState.of(NodeState.DEAD, 0)));
    this.initialView = new MembershipView(0, settings.self(), members);
  }

  /** The TCP crash-detection links, when asked for and when the crash fast path is on at all. */
  private CrashLinks crashLinks(UdpSettings s) {
    if (!s.crashDetectionSocket() || s.detector().crashConfirmations() == 0) {
      return null;
    }
    return new CrashLinks(s.self(), s.bindAddress(), s.peers(), s.detector().keepalive().toNanos(),
        s.detector().deadtime().toNanos(), counters);
  }

  @Override
  public void start() {
    if (!lifecycle.compareAndSet(NEW, STARTED)) {
      throw new IllegalStateException("UdpMembership of " + settings.self() + " can be started once; it is "
          + (lifecycle.get() == CLOSED ? "closed" : "already started"));
    }
    Instant now = settings.clock().instant();
    long micros = Math.max(1, now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000);
    incarnation = micros;
    ProtocolConfig config = new ProtocolConfig(settings.self(), settings.clusterName(), settings.fingerprint(),
        new ArrayList<>(settings.peers().keySet()), settings.keyring(), settings.detector(), micros);
    protocol = new UdpProtocol(config, initialStatus, new Output(), counters, ticker.read());
    LOG.info("[node={}] UDP membership starting: cluster {}, incarnation {}, peers {}, {}", settings.self(),
        settings.clusterName(), micros, settings.peers(), settings.detector());
    listeners.viewChanged(protocol.view());
    try {
      transport.start(new Handler());
    } catch (RuntimeException e) {
      lifecycle.set(CLOSED);
      transport.close();
      throw e;
    }
  }

  @Override
  public MembershipView view() {
    UdpProtocol p = protocol;
    return p == null ? initialView : p.view();
  }

  @Override
  public void announce(NodeStatus status) {
    Objects.requireNonNull(status, "status must not be null");
    if (protocol == null) {
      initialStatus = status;
    }
    pendingAnnounce.set(status);
    if (lifecycle.get() == STARTED) {
      transport.wakeup();
    }
  }

  @Override
  public void addListener(MembershipListener listener, Executor executor) {
    listeners.add(listener, executor);
  }

  @Override
  public void close() {
    int was = lifecycle.getAndSet(CLOSED);
    if (was == STARTED) {
      LOG.info("[node={}] UDP membership closing", settings.self());
      transport.close();
    }
  }

  @Override
  public NodeId self() {
    return settings.self();
  }

  @Override
  public long incarnation() {
    return incarnation;
  }

  @Override
  public DetectorSettings detector() {
    return settings.detector();
  }

  @Override
  public UdpMembershipCounters counters() {
    return counters.snapshot();
  }

  @Override
  public void updateKeyring(UdpKeyring keyring) {
    pendingKeyring.set(Objects.requireNonNull(keyring, "keyring must not be null"));
    if (lifecycle.get() == STARTED) {
      transport.wakeup();
    }
  }

  @Override
  public String toString() {
    return "UdpMembership{" + settings.self() + ", cluster=" + settings.clusterName() + ", peers="
        + settings.peers().keySet() + "}";
  }

  /** Transport callbacks: one at a time, on the transport's thread. No exception escapes. */
  private final class Handler implements DatagramTransport.Handler {
    @Override
    public void onDatagram(ByteBuffer datagram, SocketAddress source) {
      try {
        protocol.onDatagram(datagram, source, ticker.read());
      } catch (RuntimeException e) {
        LOG.error("[node={}] failed to process a datagram from {}", settings.self(), source, e);
      }
    }

    @Override
    public void onPortUnreachable(NodeId peer) {
      try {
        protocol.onPortUnreachable(peer, ticker.read());
      } catch (RuntimeException e) {
        LOG.error("[node={}] failed to process port-unreachable for {}", settings.self(), peer, e);
      }
    }

    @Override
    public void onConnectionLost(NodeId peer) {
      try {
        protocol.onConnectionLost(peer, ticker.read());
      } catch (RuntimeException e) {
        LOG.error("[node={}] failed to process the lost crash-detection link to {}", settings.self(), peer, e);
      }
    }

    @Override
    public long onTick() {
      try {
        long now = ticker.read();
        UdpKeyring keyring = pendingKeyring.getAndSet(null);
        if (keyring != null) {
          protocol.keyring(keyring);
        }
        NodeStatus status = pendingAnnounce.getAndSet(null);
        if (status != null) {
          protocol.announce(status, now);
        }
        return protocol.onTick(now);
      } catch (RuntimeException e) {
        LOG.error("[node={}] protocol tick failed", settings.self(), e);
        return settings.detector().keepalive().toNanos();
      }
    }
  }

  /** Protocol outputs: datagrams to the transport, events to the listeners. */
  private final class Output implements ProtocolOutput {
    @Override
    public boolean send(NodeId peer, ByteBuffer datagram) {
      return transport.send(peer, datagram);
    }

    @Override
    public void viewChanged(MembershipView view) {
      listeners.viewChanged(view);
    }

    @Override
    public void configMismatch(NodeId peer, long ours, long theirs) {
      listeners.configMismatch(peer, ours, theirs);
    }

    @Override
    public void lateHeartbeat(NodeId peer, Duration gap) {
      listeners.lateHeartbeat(peer, gap);
    }
  }
}
