package io.eipfailover.membership.udp.testing;

import io.eipfailover.core.MemberState;
import io.eipfailover.core.MembershipListener;
import io.eipfailover.core.MembershipView;
import io.eipfailover.core.NodeId;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Records every event it receives, in order. Thread-safe (synchronized lists). */
public final class RecordingListener implements MembershipListener {
  /** A configuration mismatch event. */
  public record Mismatch(NodeId peer, long ours, long theirs) {}

  /** A late heartbeat event. */
  public record Late(NodeId peer, Duration gap) {}

  public final List<MembershipView> views = Collections.synchronizedList(new ArrayList<>());
  public final List<Mismatch> mismatches = Collections.synchronizedList(new ArrayList<>());
  public final List<Late> lates = Collections.synchronizedList(new ArrayList<>());

  @Override
  public void viewChanged(MembershipView view) {
    views.add(view);
  }

  @Override
  public void configMismatch(NodeId peer, long ourFingerprint, long theirFingerprint) {
    mismatches.add(new Mismatch(peer, ourFingerprint, theirFingerprint));
  }

  @Override
  public void lateHeartbeat(NodeId peer, Duration late) {
    lates.add(new Late(peer, late));
  }

  /** The states {@code node} went through, in order, without repeats. */
  public List<MemberState> statesOf(NodeId node) {
    List<MemberState> states = new ArrayList<>();
    synchronized (views) {
      for (MembershipView v : views) {
        MemberState s = v.stateOf(node);
        if (states.isEmpty() || states.get(states.size() - 1) != s) {
          states.add(s);
        }
      }
    }
    return states;
  }
}
