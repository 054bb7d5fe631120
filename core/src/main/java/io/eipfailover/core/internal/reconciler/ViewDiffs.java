package io.eipfailover.core.internal.reconciler;

import io.eipfailover.core.MemberEntry;
import io.eipfailover.core.MemberState;
import io.eipfailover.core.MembershipView;
import io.eipfailover.core.NodeId;
import java.util.LinkedHashMap;
import java.util.Map;

/** Pure comparisons of two membership views that the reconciler reacts to. */
final class ViewDiffs {
  private ViewDiffs() {}

  /**
   * Whether some node entered or left the states that hold EIPs. Cached observations may be stale
   * (a peer pulled an EIP home since the last describe), so such a change is planned on a fresh
   * describe. Suspicion alone moves nothing, so going to or from SUSPECT costs no call: a failover
   * is one describe on the view that declares the peer dead, plus the confirming one.
   */
  static boolean placementRelevantChange(MembershipView before, MembershipView after) {
    for (Map.Entry<NodeId, MemberEntry> e : after.members().entrySet()) {
      if (collapseSuspect(before.stateOf(e.getKey())) != collapseSuspect(e.getValue().state())) {
        return true;
      }
    }
    return false;
  }

  /** Whether a peer that was heard before, then declared dead, is reachable again (a heal). */
  static boolean rejoined(NodeId self, MembershipView before, MembershipView after) {
    for (Map.Entry<NodeId, MemberEntry> e : after.members().entrySet()) {
      if (!e.getKey().equals(self) && before.stateOf(e.getKey()) == MemberState.DEAD && e.getValue().state().isReachable()
          && before.peer(e.getKey()).lastHeard().isPresent()) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether the view was computed after {@code instant}: some peer entry changed state or was heard
   * from since then. A view queued while this node was paused reflects pre-pause knowledge.
   */
  static boolean madeAfter(NodeId self, MembershipView v, long instant) {
    for (Map.Entry<NodeId, MemberEntry> e : v.members().entrySet()) {
      MemberEntry p = e.getValue();
      if (!e.getKey().equals(self) && (p.since() > instant || p.lastHeard().orElse(Long.MIN_VALUE) > instant)) {
        return true;
      }
    }
    return false;
  }

  /**
   * {@code view} with self's entry in {@code state} (the local status, which the membership may not
   * show yet), alive no earlier than {@code aliveFrom}.
   */
  static MembershipView withSelf(MembershipView view, MemberState state, long aliveFrom) {
    MemberEntry old = view.peer(view.self());
    long since = state == MemberState.ALIVE ? Math.max(old.since(), aliveFrom) : old.since();
    if (old.state() == state && old.since() == since) {
      return view;
    }
    Map<NodeId, MemberEntry> members = new LinkedHashMap<>(view.members());
    members.put(view.self(), new MemberEntry(state, since, old.lastHeard(), old.suspectedAt()));
    return new MembershipView(view.epoch(), view.self(), members, view.merged());
  }

  private static MemberState collapseSuspect(MemberState state) {
    return state == MemberState.SUSPECT ? MemberState.ALIVE : state;
  }
}
