package io.eipfailover.membership.udp.internal;

import io.eipfailover.core.AnnouncedStatus;
import io.eipfailover.core.Hearing;
import io.eipfailover.core.MemberState;
import io.eipfailover.core.MembershipView;
import io.eipfailover.core.NodeId;
import io.eipfailover.membership.udp.DetectorSettings;
import io.eipfailover.membership.udp.DropReason;
import io.eipfailover.membership.udp.UdpKeyring;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.IntPredicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The UDP membership protocol as a pure state machine: datagrams, crash signals (port-unreachable,
 * lost TCP link), answers to verification probes and ticks go in, each with the current ticker reading; datagrams, view changes
 * and events come out through {@link ProtocolOutput}. No I/O, no clock, no threads: the real transport and the
 * deterministic simulation drive the very same code.
 *
 * <p>Not thread-safe: confined to one thread (the transport's), except {@link #view()},
 * which reads a view published through a volatile field ({@link ViewPublisher}).
 */
final class UdpProtocol {
  private static final Logger LOG = LoggerFactory.getLogger(UdpProtocol.class);

  private final ProtocolConfig config;
  private final ProtocolOutput output;
  private final CounterSet counters;
  private final HeartbeatCodec codec;
  private final Heartbeat decoded = new Heartbeat();
  private final PeerRecord[] peers;
  private final Map<NodeId, PeerRecord> byId = new HashMap<>();
  private final long keepalive;
  private final long warntime;
  private final long initdead;
  private final long pauseThreshold;

  private final long startedAt;
  private long lastTick;
  private long nextHeartbeatAt;
  private long sequence;
  private AnnouncedStatus selfStatus;
  private long selfSince;
  private final ViewPublisher views;
  private final Conviction conviction;
  private final Rejections rejections;
  private final AuthFailures auth;
  /** Which peers we hear, for the hears field; one object for the protocol's life (no garbage per heartbeat). */
  private final IntPredicate heardBySelf = this::hears;

  UdpProtocol(ProtocolConfig config, AnnouncedStatus initialStatus, ProtocolOutput output, CounterSet counters, long now) {
    this.config = config;
    this.output = output;
    this.counters = counters;
    this.codec = new HeartbeatCodec(config.clusterName(), config.self(), config.peers(), config.keyring());
    DetectorSettings d = config.detector();
    this.keepalive = d.keepalive().toNanos();
    this.warntime = d.warntime().toNanos();
    this.initdead = d.initdead().toNanos();
    this.pauseThreshold = d.pauseGuardThreshold().toNanos();
    this.peers = new PeerRecord[config.peers().size()];
    this.conviction = new Conviction(config.self(), d, output, counters);
    this.rejections = new Rejections(config, peers.length, counters, output);
    this.auth = rejections.auth;
    for (int i = 0; i < peers.length; i++) {
      peers[i] = PeerRecord.notHeardYet(config.peers().get(i), i, d, now);
      byId.put(peers[i].id, peers[i]);
    }
    this.startedAt = now;
    this.lastTick = now;
    this.nextHeartbeatAt = now;
    this.selfStatus = initialStatus;
    this.selfSince = now;
    this.views = new ViewPublisher(config.self(), peers, initialStatus, now);
  }

  /** The latest view, with each peer's {@code lastHeard} brought up to date. Thread-safe. */
  MembershipView view() {
    return views.view();
  }

  /** This node announces {@code status}: sent at once to every peer, and in every later heartbeat. */
  void announce(AnnouncedStatus status, long now) {
    if (status != selfStatus) {
      LOG.info("[id={}] announcing {} (was {})", config.self(), status, selfStatus);
      selfStatus = status;
      selfSince = now;
      views.changed();
    }
    sendToAll();
    finish();
  }

  /** Replaces the keyring (a rotation step). */
  void keyring(UdpKeyring keyring) {
    codec.keyring(keyring);
    LOG.info("[id={}] keyring updated: {}", config.self(), keyring);
  }

  /** A datagram arrived from {@code source}. Never throws for any content. */
  void onDatagram(ByteBuffer datagram, SocketAddress source, long now) {
    counters.received.incrementAndGet();
    int bytes = datagram.remaining();
    DropReason reason = codec.decode(datagram, decoded);
    if (reason != null) {
      rejections.dropped(reason, source, bytes, codec, now);
      return;
    }
    PeerRecord p = peers[decoded.senderIndex];
    ReplayWindow.Verdict verdict = p.window.check(decoded.incarnation, decoded.sequence);
    if (verdict == ReplayWindow.Verdict.REJECT) {
      rejections.dropped(DropReason.REPLAYED, source, bytes, codec, now);
      return;
    }
    counters.accepted.incrementAndGet();
    auth.authenticated(p.index);
    if (verdict == ReplayWindow.Verdict.NEW_INCARNATION) {
      LOG.info("[id={}] peer {} restarted (incarnation {})", config.self(), p.id, decoded.incarnation);
      p.detector.restartClock(now);
    } else if (p.heard && now - p.silenceSince > warntime) {
      Duration gap = Duration.ofNanos(now - p.silenceSince);
      counters.lateHeartbeats.incrementAndGet();
      LOG.warn("[id={}] late heartbeat from {}: {} ms since the previous one", config.self(), p.id, gap.toMillis());
      output.lateHeartbeat(p.id, gap);
    }
    if (p.convicted && verdict != ReplayWindow.Verdict.NEW_INCARNATION) {
      views.merged();
    }
    p.heard(now);
    views.heard(p, now);
    if (verdict != ReplayWindow.Verdict.REORDERED) {
      p.status = decoded.status;
      p.wireVersion = decoded.version;
      if (p.hearsSelf(hearing(decoded))) {
        LOG.info("[id={}] peer {} {}", config.self(), p.id, describe(p.hearsSelf));
        views.changed();
      }
    }
    rejections.fingerprint(p, decoded.fingerprint, now);
    evaluate(p, now);
    finish();
  }

  /** The network says {@code peer}'s host has no process on its port (ICMP port-unreachable). */
  void onPortUnreachable(NodeId peer, long now) {
    counters.portUnreachable.incrementAndGet();
    crashSignal(peer, "port-unreachable", now);
  }

  /**
   * The crash-detection TCP connection to {@code peer} was closed or reset by its host. Handled
   * exactly like a port-unreachable signal: it starts (or adds to) a confirmation, it never
   * convicts on its own unless {@code crashConfirmations} is 1.
   */
  void onConnectionLost(NodeId peer, long now) {
    counters.tcpCrashSignals.incrementAndGet();
    crashSignal(peer, "connection-lost", now);
  }

  /** {@code peer}'s kernel answered a verification probe: a handshake or a refusal. */
  void onProbeAnswer(NodeId peer, boolean handshake, long now) {
    PeerRecord p = byId.get(peer);
    if (p != null) {
      conviction.answered(p, handshake, now);
      evaluate(p, now);
      finish();
    }
  }

  private void crashSignal(NodeId peer, String source, long now) {
    PeerRecord p = byId.get(peer);
    if (p == null) {
      return;
    }
    switch (p.crash.signal(p.heard && !p.convicted, now)) {
      case CONVICT -> {
        counters.fastPathConvictions.incrementAndGet();
        LOG.info("[id={}] peer {} declared dead: {} crash signals in {} ms, the last one {} (crash fast path)",
            config.self(), p.id, p.crash.signals(), (now - p.crash.firstSignalAt()) / 1_000_000, source);
        p.convicted = true;
        evaluate(p, now);
      }
      case PROBE -> sendHeartbeat(p.id);
      case IGNORE -> {
        return;
      }
    }
    finish();
  }

  /**
   * Time passes: applies the local-pause guard, sends due heartbeats and probes (crash confirmations
   * and verifications), evaluates the detectors.
   *
   * @return nanoseconds until the next tick is wanted
   */
  long onTick(long now) {
    long stalled = now - lastTick;
    lastTick = now;
    if (stalled > pauseThreshold) {
      counters.pauseGuards.incrementAndGet();
      LOG.warn("[id={}] own loop stalled for {} ms (GC, CPU steal, SIGSTOP?): counting peers' silence from now,"
          + " no conviction until they had time to be heard again", config.self(), stalled / 1_000_000);
      for (PeerRecord p : peers) {
        p.restartSilence(now);
      }
    }
    if (now - nextHeartbeatAt >= 0) {
      sendToAll();
      nextHeartbeatAt += keepalive;
      if (now - nextHeartbeatAt >= 0) {
        nextHeartbeatAt = now + keepalive;
      }
    }
    long next = nextHeartbeatAt;
    for (PeerRecord p : peers) {
      if (p.crash.probeDue(now)) {
        sendHeartbeat(p.id);
      }
      conviction.tick(p, now);
      next = conviction.nextTick(p, p.crash.nextTick(next));
      evaluate(p, now);
    }
    finish();
    return Math.max(1, next - now);
  }

  /**
   * What a heartbeat says about the sender hearing us. Its bitmap indexes the sender's topology, so
   * it is believed only when the sender's configuration fingerprint is ours.
   */
  private Hearing hearing(Heartbeat h) {
    return h.fingerprint == config.fingerprint() ? h.hearsSelf : Hearing.UNKNOWN;
  }

  private static String describe(Hearing hearing) {
    return switch (hearing) {
      case YES -> "hears us";
      case NO -> "does not hear us (one-way loss: we hear it, it does not hear us)";
      case UNKNOWN -> "no longer says whether it hears us";
    };
  }

  private void evaluate(PeerRecord p, long now) {
    MemberState target;
    boolean silent = !p.heard || p.convicted || now - p.silenceSince >= warntime;
    long unauthenticated = silent ? auth.failingSince(p.index, now) : -1;
    if (unauthenticated >= 0) {
      // Its host talks to us but fails authentication: never dead meanwhile (docs/authentication-failures.md).
      auth.report(p.index, now);
      target = MemberState.SUSPECT;
    } else if (!p.heard) {
      target = now - startedAt >= initdead ? MemberState.DEAD : MemberState.SUSPECT;
    } else if (p.convicted) {
      target = MemberState.DEAD;
    } else if (conviction.convicts(p, now)) {
      p.convicted = true;
      target = MemberState.DEAD;
    } else if (silent) {
      target = MemberState.SUSPECT;
    } else {
      target = p.status.asState();
    }
    MemberState was = p.state;
    boolean flagged = p.unauthenticated(unauthenticated);
    if (p.moveTo(target, now)) {
      if (target == MemberState.DEAD) {
        p.hearsSelf(Hearing.UNKNOWN); // what it said about us is as old as its last heartbeat
      }
      if (target == MemberState.SUSPECT && p.heard) {
        counters.suspicions.incrementAndGet();
      }
      LOG.info("[id={}] peer {}: {} -> {}{}", config.self(), p.id, was, target,
          unauthenticated >= 0 ? " (reachable but unauthenticated)" : "");
    } else if (!flagged) {
      return;
    }
    views.changed();
  }

  /**
   * One heartbeat to every peer, in the version each speaks: one encoding for the newest version,
   * and one more for version 1 only if some peer still speaks it. Both carry the same sequence
   * number; each peer receives one of them.
   */
  private void sendToAll() {
    long seq = ++sequence;
    boolean anyOlder = false;
    ByteBuffer datagram = encode(HeartbeatCodec.VERSION, seq);
    for (PeerRecord p : peers) {
      if (p.wireVersion == HeartbeatCodec.VERSION) {
        datagram.position(0);
        send(p.id, datagram);
      } else {
        anyOlder = true;
      }
    }
    if (anyOlder) {
      datagram = encode(HeartbeatCodec.VERSION_1, seq);
      for (PeerRecord p : peers) {
        if (p.wireVersion == HeartbeatCodec.VERSION_1) {
          datagram.position(0);
          send(p.id, datagram);
        }
      }
    }
  }

  private void sendHeartbeat(NodeId peer) {
    send(peer, encode(byId.get(peer).wireVersion, ++sequence));
  }

  private boolean hears(int peerIndex) {
    return peers[peerIndex].heardBySelf();
  }

  private ByteBuffer encode(int version, long seq) {
    return codec.encode(version, config.incarnation(), seq, selfStatus, config.fingerprint(), heardBySelf);
  }

  private void send(NodeId peer, ByteBuffer datagram) {
    if (output.send(peer, datagram)) {
      counters.sent.incrementAndGet();
    } else {
      counters.sendErrors.incrementAndGet();
    }
  }

  private void finish() {
    MembershipView fresh = views.finish(selfStatus, selfSince);
    if (fresh != null) {
      output.viewChanged(fresh);
    }
  }
}
