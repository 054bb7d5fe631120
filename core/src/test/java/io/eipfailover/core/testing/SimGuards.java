package io.eipfailover.core.testing;

import io.eipfailover.core.GuardVerdict;
import io.eipfailover.core.NodeId;
import io.eipfailover.core.SplitBrainGuard;
import java.util.function.Predicate;

/** Guards that look at the simulated network and instances instead of real sockets and EC2. */
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

  /**
   * The EC2 witness on a simulation: allows taking an EIP from a holder whose instance is down
   * ({@code down} says so, e.g. {@code id -> cluster.node(id).crashed()}), as the AWS module's
   * instance-state guard does with {@code DescribeInstanceStatus}; denies otherwise. Combine it with
   * quorum ({@code anyOf}) where half the cluster or more may fail at once.
   */
  public static SplitBrainGuard instanceDown(Predicate<NodeId> down) {
    return new SplitBrainGuard() {
      @Override
      public GuardVerdict evaluate(io.eipfailover.core.TakeoverRequest request) {
        if (request.currentHolder().isEmpty()) {
          return GuardVerdict.deny("sim witness: no holder to look at");
        }
        NodeId holder = request.currentHolder().get();
        return down.test(holder) ? GuardVerdict.allow("sim witness: instance of " + holder + " is down")
            : GuardVerdict.deny("sim witness: instance of " + holder + " is running");
      }

      @Override
      public String toString() {
        return "simInstanceDown";
      }
    };
  }
}
