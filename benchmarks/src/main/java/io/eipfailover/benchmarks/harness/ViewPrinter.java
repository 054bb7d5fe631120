package io.eipfailover.benchmarks.harness;

import io.eipfailover.core.MembershipListener;
import io.eipfailover.core.MembershipView;
import io.eipfailover.core.NodeId;
import io.eipfailover.core.NodeState;
import io.eipfailover.core.PeerState;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * Prints a {@code view} event line whenever a peer's state changes in this node's membership view:
 * the harness reads the survivor's {@code state=DEAD} line as the moment of detection. Registered
 * with a direct executor, so the line is printed on the membership's own thread as the view is
 * published. Confined to that thread.
 */
final class ViewPrinter implements MembershipListener {
  private final NodeId self;
  private final EventLine.Printer out;
  private final Map<NodeId, NodeState> last = new HashMap<>();

  ViewPrinter(NodeId self, EventLine.Printer out) {
    this.self = self;
    this.out = out;
  }

  @Override
  public void viewChanged(MembershipView view) {
    for (Map.Entry<NodeId, PeerState> e : view.members().entrySet()) {
      if (e.getKey().equals(self)) {
        continue;
      }
      NodeState now = e.getValue().state();
      if (last.put(e.getKey(), now) != now) {
        out.print("view", "peer=" + e.getKey(), "state=" + now, "epoch=" + view.epoch());
      }
    }
  }

  @Override
  public void lateHeartbeat(NodeId peer, Duration late) {
    out.print("late", "peer=" + peer, "lateMillis=" + late.toMillis());
  }
}
