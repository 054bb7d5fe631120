package io.eipfailover.membership.udp.testing;

import io.eipfailover.core.NodeId;
import io.eipfailover.core.testing.NodeContext;
import io.eipfailover.core.testing.SimTimings;
import io.eipfailover.membership.udp.DetectorSettings;
import io.eipfailover.membership.udp.UdpMembership;
import io.eipfailover.membership.udp.UdpMembershipBuilder;
import java.time.Duration;

/**
 * The real UDP membership on the core simulation kit: a node's {@link UdpMembership} over a {@link
 * SimDatagramTransport}, with detector profiles scaled to the kit's {@link SimTimings} (slower
 * heartbeats than production, so a schedule covers many failures in little virtual time).
 */
public final class SimUdp {
  private SimUdp() {}

  /** The detector profiles the simulation runs. */
  public enum Profile {
    /** Heartbeat's deadline: dead after the kit's detection time of silence. */
    DEADLINE,
    /** Phi-accrual, bounded by the detection time. */
    PHI_ACCRUAL,
    /**
     * The deadline with verification: the peer's kernel is probed after 1.6 heartbeat intervals
     * of silence (0.8 to answer); a host that answers is held up to 3 detection times.
     */
    STALL_IMMUNE
  }

  /** {@code profile}'s settings scaled to {@code t}. */
  public static DetectorSettings settings(Profile profile, SimTimings t) {
    Duration beat = t.heartbeatInterval();
    Duration deadtime = t.detection();
    // Phi knobs scaled to the slower heartbeat so that phi, not the deadtime bound, usually decides:
    // mean interval + pause + 5.2 deviations is about the deadtime.
    DetectorSettings.Kind kind = profile == Profile.PHI_ACCRUAL ? DetectorSettings.Kind.PHI_ACCRUAL
        : DetectorSettings.Kind.DEADLINE;
    var b = DetectorSettings.builder().kind(kind).keepalive(beat).warntime(deadtime.dividedBy(2)).deadtime(deadtime)
        .initdead(deadtime).phiAcceptablePause(beat).phiMinStdDeviation(beat.dividedBy(3))
        .probeInterval(Duration.ofMillis(10));
    if (profile == Profile.STALL_IMMUNE) {
      b.verifyAfter(beat.multipliedBy(8).dividedBy(5)).verifyTimeout(beat.multipliedBy(4).dividedBy(5))
          .stallLimit(deadtime.multipliedBy(3));
    }
    return b.build();
  }

  /** A membership of {@code ctx}'s node with {@code detector}, on the kit's network and lane; not started. */
  public static UdpMembership membership(NodeContext ctx, DetectorSettings detector) {
    SimDatagramTransport transport = new SimDatagramTransport(ctx.self(), ctx.network(), ctx.scheduler());
    UdpMembershipBuilder b = UdpMembership.builder().self(ctx.self()).topology(ctx.topology())
        .keyring(TestKeys.k1()).detector(detector).ticker(ctx.scheduler().ticker()).clock(ctx.scheduler().clock())
        .transport(transport);
    for (NodeId peer : ctx.topology().nodeIds()) {
      if (!peer.equals(ctx.self())) {
        b.peer(peer);
      }
    }
    return b.build();
  }
}
