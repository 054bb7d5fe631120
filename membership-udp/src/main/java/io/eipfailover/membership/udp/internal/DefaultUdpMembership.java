package io.eipfailover.membership.udp.internal;

import com.google.common.base.Ticker;
import io.eipfailover.core.AnnouncedStatus;
import io.eipfailover.core.MemberEntry;
import io.eipfailover.core.MemberState;
import io.eipfailover.core.MembershipListener;
import io.eipfailover.core.MembershipView;
import io.eipfailover.core.NodeId;
import io.eipfailover.core.runtime.Checks;
import io.eipfailover.core.runtime.Lifecycle;
import io.eipfailover.core.runtime.ListenerBus;
import io.eipfailover.core.runtime.RateLimitedLog;
import io.eipfailover.membership.udp.DatagramTransport.ProbeAnswer;
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
import java.util.TreeMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link UdpMembership} facade: runs the transport, drives the protocol state machine from the
 * transport's callbacks, and delivers events to listeners through the shared runtime ({@link
 * Lifecycle}, {@link ListenerBus}). Thread-safe: the protocol is confined to the transport's
 * thread; other threads only read its published view and hand over announcements and keyrings
 * through atomic references.
 */
public final class DefaultUdpMembership implements UdpMembership {
  private static final Logger LOG = LoggerFactory.getLogger(DefaultUdpMembership.class);

  private final UdpParts parts;
  private final Ticker ticker;
  private final DatagramTransport transport;
  private final CounterSet counters = new CounterSet();
  private final ListenerBus<MembershipListener> listeners;
  private final Lifecycle lifecycle;
  private final AtomicReference<AnnouncedStatus> pendingAnnounce = new AtomicReference<>();
  private final AtomicReference<UdpKeyring> pendingKeyring = new AtomicReference<>();
  private final MembershipView initialView;
  /** Failures that input can repeat (a datagram that breaks the protocol would break it each time). */
  private final RateLimitedLog failures;
  private volatile AnnouncedStatus initialStatus = AnnouncedStatus.ALIVE;
  private volatile UdpProtocol protocol;
  private volatile long incarnation;

  /** Built by {@code UdpMembership.builder()}. */
  public DefaultUdpMembership(UdpParts parts) {
    this.parts = Checks.notNull("parts", parts);
    this.ticker = parts.ticker();
    this.transport = parts.transport() != null ? parts.transport()
        : NioDatagramTransport.create(parts.self(), parts.bindAddress(), parts.peers(), ticker, parts.detector(),
            counters);
    this.listeners = new ListenerBus<>(parts.self(), "membership");
    this.lifecycle = new Lifecycle(parts.self(), "UdpMembership", this::startUp, this::shutDown);
    Map<NodeId, MemberEntry> members = new TreeMap<>();
    members.put(parts.self(), MemberEntry.of(MemberState.ALIVE, 0));
    parts.peers().keySet().forEach(p -> members.put(p, MemberEntry.of(MemberState.DEAD, 0)));
    this.initialView = new MembershipView(0, parts.self(), members);
    this.failures = RateLimitedLog.create(LOG, ticker);
  }

  @Override
  public void start() {
    lifecycle.start();
  }

  private void startUp() {
    Instant now = parts.clock().instant();
    long micros = Math.max(1, now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000);
    incarnation = micros;
    Map<NodeId, SocketAddress> addresses = new TreeMap<>();
    parts.peers().forEach((id, address) -> {
      if (address != null) {
        addresses.put(id, address);
      }
    });
    ProtocolConfig config = new ProtocolConfig(parts.self(), parts.clusterName(), parts.configFingerprint(),
        new ArrayList<>(parts.peers().keySet()), parts.keyring(), parts.detector(), micros, addresses);
    protocol = new UdpProtocol(config, initialStatus, new Output(), counters, ticker.read());
    LOG.info("[id={}] UDP membership starting: cluster {}, incarnation {}, peers {}, {}", parts.self(),
        parts.clusterName(), micros, parts.peers(), parts.detector());
    MembershipView first = protocol.view();
    listeners.post(first, l -> l.viewChanged(first));
    transport.start(new Handler());
  }

  /** Stops the transport if {@link #startUp} got as far as starting it; nothing else to release. */
  private void shutDown() {
    if (protocol != null) {
      LOG.info("[id={}] UDP membership closing", parts.self());
      transport.close();
    }
  }

  @Override
  public MembershipView view() {
    UdpProtocol p = protocol;
    return p == null ? initialView : p.view();
  }

  @Override
  public void announce(AnnouncedStatus status) {
    Checks.notNull("status", status);
    if (protocol == null) {
      initialStatus = status;
    }
    pendingAnnounce.set(status);
    if (lifecycle.isRunning()) {
      transport.wakeup();
    }
  }

  @Override
  public void addListener(MembershipListener listener, Executor executor) {
    listeners.add(listener, executor);
  }

  @Override
  public void close() {
    lifecycle.close();
  }

  @Override
  public NodeId self() {
    return parts.self();
  }

  @Override
  public long incarnation() {
    return incarnation;
  }

  @Override
  public DetectorSettings detector() {
    return parts.detector();
  }

  @Override
  public UdpMembershipCounters counters() {
    return counters.snapshot();
  }

  @Override
  public void updateKeyring(UdpKeyring keyring) {
    pendingKeyring.set(Checks.notNull("keyring", keyring));
    if (lifecycle.isRunning()) {
      transport.wakeup();
    }
  }

  @Override
  public String toString() {
    return "UdpMembership{" + parts.self() + ", cluster=" + parts.clusterName() + ", peers="
        + parts.peers().keySet() + "}";
  }

  /** Transport callbacks: one at a time, on the transport's thread. No exception escapes. */
  private final class Handler implements DatagramTransport.Handler {
    @Override
    public void onDatagram(ByteBuffer datagram, SocketAddress source) {
      try {
        protocol.onDatagram(datagram, source, ticker.read());
      } catch (RuntimeException e) {
        failures.error("datagram", "[id={}] failed to process a datagram from {}", parts.self(), source, e);
      }
    }

    @Override
    public void onPortUnreachable(NodeId peer) {
      try {
        protocol.onPortUnreachable(peer, ticker.read());
      } catch (RuntimeException e) {
        failures.error("port-unreachable", "[id={}] failed to process port-unreachable for {}", parts.self(), peer, e);
      }
    }

    @Override
    public void onConnectionLost(NodeId peer) {
      try {
        protocol.onConnectionLost(peer, ticker.read());
      } catch (RuntimeException e) {
        failures.error("connection-lost", "[id={}] failed to process the lost crash-detection link to {}", parts.self(),
            peer, e);
      }
    }

    @Override
    public void onProbeAnswer(NodeId peer, ProbeAnswer answer) {
      try {
        protocol.onProbeAnswer(peer, answer == ProbeAnswer.HANDSHAKE, ticker.read());
      } catch (RuntimeException e) {
        LOG.error("[id={}] failed to process a probe answer from {}", parts.self(), peer, e);
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
        AnnouncedStatus status = pendingAnnounce.getAndSet(null);
        if (status != null) {
          protocol.announce(status, now);
        }
        return protocol.onTick(now);
      } catch (RuntimeException e) {
        failures.error("tick", "[id={}] protocol tick failed", parts.self(), e);
        return parts.detector().keepalive().toNanos();
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
    public boolean probe(NodeId peer, Duration timeout) {
      return transport.probe(peer, timeout);
    }

    @Override
    public void viewChanged(MembershipView view) {
      listeners.post(view, l -> l.viewChanged(view));
    }

    @Override
    public void configMismatch(NodeId peer, long ours, long theirs) {
      listeners.post("configMismatch from " + peer, l -> l.configMismatch(peer, ours, theirs));
    }

    @Override
    public void lateHeartbeat(NodeId peer, Duration gap) {
      listeners.post("lateHeartbeat from " + peer, l -> l.lateHeartbeat(peer, gap));
    }
  }
}
