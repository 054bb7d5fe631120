package io.eipfailover.membership.udp.internal;

import io.eipfailover.core.NodeId;
import io.eipfailover.membership.udp.DetectorSettings;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides whether a silent peer is convicted, for the protocol: its detector alone, or, with
 * verification on ({@link DetectorSettings#verifies()}), its detector corrected by what the peer's
 * kernel answered ({@link Verification}): a host that answers holds the detector's conviction back
 * until the stall limit, a host that stopped answering is convicted at once. Also drives the
 * verification probes through {@link ProtocolOutput#probe}. No clock, no I/O of its own: times are
 * the protocol's ticker readings. Protocol thread only.
 */
final class Conviction {
  private static final Logger LOG = LoggerFactory.getLogger(Conviction.class);

  private final NodeId self;
  private final long stallLimit;
  private final Duration probeTimeout;
  private final ProtocolOutput output;
  private final CounterSet counters;

  Conviction(NodeId self, DetectorSettings d, ProtocolOutput output, CounterSet counters) {
    this.self = self;
    this.stallLimit = d.stallLimit().toNanos();
    this.probeTimeout = d.verifyTimeout();
    this.output = output;
    this.counters = counters;
  }

  /** Whether {@code p}, heard since start and not convicted yet, is to be convicted at {@code now}. */
  boolean convicts(PeerRecord p, long now) {
    Verification v = p.verification;
    if (v != null && v.verdict() == Verification.Verdict.HOST_GONE) {
      counters.hostGoneConvictions.incrementAndGet();
      LOG.info("[id={}] peer {} declared dead: silent {} ms and its host no longer answers (verified)", self, p.id,
          (now - p.silenceSince) / 1_000_000);
      return true;
    }
    if (!p.detector.isDead(now)) {
      return false;
    }
    long silence = now - p.silenceSince;
    if (v != null && v.verdict() == Verification.Verdict.HOST_ALIVE && silence < stallLimit) {
      if (!p.held) {
        p.held = true;
        counters.stallHolds.incrementAndGet();
        LOG.warn("[id={}] peer {} is silent ({}) but its host answers: a stalled process, not convicted before {}"
            + " ms of silence", self, p.id, p.detector.describe(now), stallLimit / 1_000_000);
      }
      return false;
    }
    if (v != null && v.verdict() == Verification.Verdict.HOST_ALIVE) {
      counters.stallLimitConvictions.incrementAndGet();
      LOG.warn("[id={}] peer {} declared dead: silent {} ms although its host answers (wedged past the stall"
          + " limit)", self, p.id, silence / 1_000_000);
    } else {
      LOG.info("[id={}] peer {} declared dead by the detector: {}", self, p.id, p.detector.describe(now));
    }
    return true;
  }

  /** On a tick: sends {@code p}'s due verification probes. */
  void tick(PeerRecord p, long now) {
    Verification v = p.verification;
    if (v == null) {
      return;
    }
    if (v.attemptDue(now, eligible(p))) {
      if (output.probe(p.id, probeTimeout)) {
        counters.probesSent.incrementAndGet();
      } else {
        v.unavailable(now);
      }
    }
  }

  /** The earlier of {@code next} and when {@code p}'s verification next needs a tick. */
  long nextTick(PeerRecord p, long next) {
    return p.verification == null ? next : p.verification.nextTick(next, eligible(p));
  }

  /** {@code p}'s kernel answered a probe. */
  void answered(PeerRecord p, boolean handshake, long now) {
    if (handshake) {
      counters.probeHandshakes.incrementAndGet();
    } else {
      counters.probeRefusals.incrementAndGet();
    }
    if (p.verification != null) {
      p.verification.answered(handshake, now);
    }
  }

  private static boolean eligible(PeerRecord p) {
    return p.heard && !p.convicted;
  }
}
