package io.eipfailover.core.internal.reconciler;

import io.eipfailover.core.MemberState;
import io.eipfailover.core.MembershipView;
import io.eipfailover.core.NodeId;
import io.eipfailover.core.event.FailoverEvent;
import io.eipfailover.core.event.PeerDead;
import io.eipfailover.core.event.PeerRecovered;
import io.eipfailover.core.event.PeerSuspected;
import io.eipfailover.core.event.ViewChanged;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Turns a view change into events: the view itself, then each peer suspected, dead or recovered. */
final class PeerChanges {
  private PeerChanges() {}

  static List<FailoverEvent> events(NodeId self, Instant at, MembershipView before, MembershipView after) {
    List<FailoverEvent> events = new ArrayList<>();
    events.add(new ViewChanged(self, at, after));
    for (NodeId peer : after.members().keySet()) {
      if (peer.equals(self)) {
        continue;
      }
      MemberState was = before.stateOf(peer);
      MemberState now = after.stateOf(peer);
      if (was == now) {
        continue;
      }
      if (now == MemberState.SUSPECT) {
        events.add(new PeerSuspected(self, at, peer));
      } else if (now == MemberState.DEAD) {
        events.add(new PeerDead(self, at, peer));
      } else if (!was.isReachable() && now.isReachable()) {
        events.add(new PeerRecovered(self, at, peer, now));
      }
    }
    return events;
  }
}
