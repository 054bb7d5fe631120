package io.eipfailover.membership.udp.internal;

import io.eipfailover.core.NodeId;
import io.eipfailover.core.NodeState;
import io.eipfailover.core.NodeStatus;
import io.eipfailover.core.PeerState;
import java.util.OptionalLong;

/** What the protocol knows about one peer. Mutable; owned by the protocol thread. */
final class PeerRecord {
  final NodeId id;
  final int index;
  final FailureDetector detector;
  final ReplayWindow window = new ReplayWindow();

  NodeState state = NodeState.DEAD;
  long since;
  boolean suspected;
  long suspectedAt;
  NodeStatus status = NodeStatus.ALIVE;
  boolean heard;
  long lastHeard;
  /** Silence is measured from here: the last heartbeat, or the wake time after a local pause. */
  long silenceSince;
  /** Declared dead (by the detector or the fast path) and not heard from since. */
  boolean convicted;

  boolean mismatchReported;
  long mismatchReportedAt;
  long mismatchTheirs;

  final CrashProbe crash;

  PeerRecord(NodeId id, int index, FailureDetector detector, CrashProbe crash) {
    this.id = id;
    this.index = index;
    this.detector = detector;
    this.crash = crash;
  }

  PeerState toPeerState() {
    return new PeerState(state, since, heard ? OptionalLong.of(lastHeard) : OptionalLong.empty(),
        suspected ? OptionalLong.of(suspectedAt) : OptionalLong.empty());
  }
}
