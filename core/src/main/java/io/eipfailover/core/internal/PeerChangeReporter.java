package io.eipfailover.core.internal;

import io.eipfailover.core.MembershipView;
import io.eipfailover.core.NodeId;
import io.eipfailover.core.NodeState;
import io.eipfailover.core.event.FailoverEvent;
import io.eipfailover.core.event.PeerDead;
import io.eipfailover.core.event.PeerRecovered;
import io.eipfailover.core.event.PeerSuspected;
import io.eipfailover.core.event.ViewChanged;
import java.time.Clock;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Turns a view change into peer events: suspected, dead, recovered. */
final class PeerChangeReporter {
  private static final Logger LOG = LoggerFactory.getLogger(PeerChangeReporter.class);

  private final NodeId self;
  private final Clock clock;
  private final Consumer<FailoverEvent> events;

  PeerChangeReporter(NodeId self, Clock clock, Consumer<FailoverEvent> events) {
    this.self = self;
    this.clock = clock;
    this.events = events;
  }

  void report(MembershipView before, MembershipView after) {
    LOG.info("[id={}] {}", self, after);
    events.accept(new ViewChanged(self, clock.instant(), after));
    for (Map.Entry<NodeId, ?> e : after.members().entrySet()) {
      NodeId peer = e.getKey();
      if (peer.equals(self)) {
        continue;
      }
      NodeState was = before.stateOf(peer);
      NodeState now = after.stateOf(peer);
      if (was == now) {
        continue;
      }
      if (now == NodeState.SUSPECT) {
        events.accept(new PeerSuspected(self, clock.instant(), peer));
      } else if (now == NodeState.DEAD) {
        events.accept(new PeerDead(self, clock.instant(), peer));
      } else if (!was.isReachable() && now.isReachable()) {
        events.accept(new PeerRecovered(self, clock.instant(), peer, now));
      }
    }
  }
}
