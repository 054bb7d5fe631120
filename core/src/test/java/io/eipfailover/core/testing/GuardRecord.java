package io.eipfailover.core.testing;

import io.eipfailover.core.GuardVerdict;
import io.eipfailover.core.NodeId;
import io.eipfailover.core.TakeoverRequest;
import java.time.Duration;

/** One verdict of a node's split-brain guard, as recorded by {@link RecordingGuard}. */
public record GuardRecord(long atNanos, NodeId node, TakeoverRequest request, GuardVerdict verdict) {
  @Override
  public String toString() {
    return "t=" + Duration.ofNanos(atNanos).toMillis() + "ms " + node + " guard for " + request.elasticIp().allocationId()
        + " held by " + request.currentHolder().map(NodeId::toString).orElse("nobody") + ": " + verdict;
  }
}
