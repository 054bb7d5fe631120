package io.eipfailover.core.testing;

import io.eipfailover.core.GuardVerdict;
import io.eipfailover.core.NodeId;
import io.eipfailover.core.TakeoverRequest;
import java.time.Duration;

/**
 * One verdict of a node's split-brain guard, as recorded by {@link RecordingGuard}.
 *
 * @param atNanos virtual time of the verdict
 * @param sequence position among everything recorded (events and verdicts share the counter), so
 *     verdicts and events at the same virtual instant can be ordered
 * @param node the node whose guard answered
 * @param request what it was asked
 * @param verdict what it answered (a thrown exception is recorded as a denial)
 */
public record GuardRecord(long atNanos, long sequence, NodeId node, TakeoverRequest request, GuardVerdict verdict) {
  @Override
  public String toString() {
    return "t=" + Duration.ofNanos(atNanos).toMillis() + "ms " + node + " guard for " + request.elasticIp().allocationId()
        + " held by " + request.currentHolder().map(NodeId::toString).orElse("nobody") + ": " + verdict;
  }
}
