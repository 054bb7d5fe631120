package io.eipfailover.membership.udp.internal;

import io.eipfailover.core.AnnouncedStatus;
import io.eipfailover.core.Hearing;
import io.eipfailover.core.MemberEntry;
import io.eipfailover.core.MemberState;
import io.eipfailover.core.NodeId;
import io.eipfailover.membership.udp.DetectorSettings;
import java.util.OptionalLong;

/** What the protocol knows about one peer. Mutable; owned by the protocol thread. */
final class PeerRecord {
  final NodeId id;
  final int index;
  final FailureDetector detector;
  final ReplayWindow window = new ReplayWindow();

  MemberState state = MemberState.DEAD;
  long since;
  boolean suspected;
  long suspectedAt;
  AnnouncedStatus status = AnnouncedStatus.ALIVE;
  boolean heard;
  long lastHeard;
  /** Silence is measured from here: the last heartbeat, or the wake time after a local pause. */
  long silenceSince;
  /** Declared dead (by the detector or the fast path) and not heard from since. */
  boolean convicted;
  /** The detector's conviction is being held back because the peer's host answers (logged once). */
  boolean held;
  /** When its address began sending heartbeats we cannot authenticate, while silent otherwise; -1 if not. */
  long unauthenticatedSince = -1;
  /**
   * The wire-format version we send it: that of its last authentic heartbeat, so a peer that speaks
   * only version 1 (0.1, during a rolling upgrade) keeps hearing us; the newest until it is heard.
   */
  int wireVersion = HeartbeatCodec.VERSION;
  /** What its last authentic heartbeat said about hearing us; UNKNOWN before one, from version 1, or while DEAD. */
  Hearing hearsSelf = Hearing.UNKNOWN;

  final CrashProbe crash;
  /** Verify-before-convict state; null when the settings do not verify. */
  final Verification verification;

  private PeerRecord(NodeId id, int index, FailureDetector detector, CrashProbe crash, Verification verification) {
    this.id = id;
    this.index = index;
    this.detector = detector;
    this.crash = crash;
    this.verification = verification;
  }

  /** A peer at start: SUSPECT since {@code now} until heard (or DEAD after initdead). */
  static PeerRecord notHeardYet(NodeId id, int index, DetectorSettings d, long now) {
    PeerRecord p = new PeerRecord(id, index, FailureDetector.of(d),
        new CrashProbe(d.crashConfirmations(), d.probeInterval().toNanos(), d.deadtime().toNanos()),
        d.verifies() ? new Verification(d.verifyAfter().toNanos(), d.verifyTimeout().toNanos(), now) : null);
    p.state = MemberState.SUSPECT;
    p.since = now;
    return p;
  }

  /** Moves to {@code target} at {@code now}; whether the state changed. SUSPECT records when it began. */
  boolean moveTo(MemberState target, long now) {
    if (target == state) {
      return false;
    }
    if (target == MemberState.SUSPECT) {
      suspected = true;
      suspectedAt = now;
    } else if (target.isReachable()) {
      suspected = false;
    }
    state = target;
    since = now;
    return true;
  }

  /** An authentic datagram from the peer was processed at {@code now}: it lives. */
  void heard(long now) {
    detector.heartbeat(now);
    heard = true;
    lastHeard = now;
    silenceSince = now;
    convicted = false;
    held = false;
    crash.reset();
    if (verification != null) {
      verification.heard(now);
    }
  }

  /** Sets what the peer says about hearing us; whether that changed (a new view is due). */
  boolean hearsSelf(Hearing hearing) {
    if (hearing == hearsSelf) {
      return false;
    }
    hearsSelf = hearing;
    return true;
  }

  /**
   * Whether our heartbeats tell the peer we hear it: it is not DEAD to us and not unauthenticated.
   * A peer not heard yet, SUSPECT during initdead, counts as heard: NO means "believes you dead"
   * ({@code Hearing.NO}), so peers starting together do not tell each other NO for a heartbeat.
   */
  boolean heardBySelf() {
    return state != MemberState.DEAD && unauthenticatedSince < 0;
  }

  /** Sets when the peer became reachable but unauthenticated (-1: it is not); whether that changed. */
  boolean unauthenticated(long since) {
    if (since == unauthenticatedSince) {
      return false;
    }
    unauthenticatedSince = since;
    return true;
  }

  /** This node woke from a pause at {@code now}: the peer's silence counts from now. */
  void restartSilence(long now) {
    detector.restartClock(now);
    silenceSince = now;
    held = false;
    if (verification != null) {
      verification.restart(now);
    }
  }

  MemberEntry toMemberEntry() {
    return new MemberEntry(state, since, heard ? OptionalLong.of(lastHeard) : OptionalLong.empty(),
        suspected ? OptionalLong.of(suspectedAt) : OptionalLong.empty(),
        unauthenticatedSince >= 0 ? OptionalLong.of(unauthenticatedSince) : OptionalLong.empty(), hearsSelf);
  }
}
