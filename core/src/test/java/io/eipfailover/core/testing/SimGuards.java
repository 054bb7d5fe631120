package io.eipfailover.core.testing;

import io.eipfailover.core.GuardVerdict;
import io.eipfailover.core.NodeId;
import io.eipfailover.core.SplitBrainGuard;

/** Guards that look at the simulated network instead of real sockets. */
public final class SimGuards {
  private SimGuards() {}

  /**
   * Heartbeat's {@code ping} node on a {@link SimNetwork}: allows a takeover only while {@code self}
   * can reach {@link SimNetwork#GATEWAY} and the gateway can reach it back (an isolated node does
   * not steal).
   */
  public static SplitBrainGuard gateway(SimNetwork network, NodeId self) {
    return new SplitBrainGuard() {
      @Override
      public GuardVerdict evaluate(io.eipfailover.core.TakeoverRequest request) {
        boolean up = network.canReach(self.value(), SimNetwork.GATEWAY) && network.canReach(SimNetwork.GATEWAY, self.value());
        return up ? GuardVerdict.allow("sim gateway reachable from " + self)
            : GuardVerdict.deny("sim gateway unreachable from " + self);
      }

      @Override
      public String toString() {
        return "simGateway(" + self + ")";
      }
    };
  }
}
