package io.eipfailover.benchmarks.harness;

import io.eipfailover.aws.testing.Ec2Call;
import io.eipfailover.aws.testing.Ec2Fake;
import io.eipfailover.core.ElasticIp;
import io.eipfailover.core.NodeId;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Reads the EC2 fake's call log for the harness: calls by one node (the fake records the access
 * key, which each node sets to its id) in a time window, and waiting for a node's first
 * AssociateAddress of an EIP.
 */
final class Ec2Log {
  private final Ec2Fake ec2;
  private final WallClock clock;

  Ec2Log(Ec2Fake ec2, WallClock clock) {
    this.ec2 = ec2;
    this.clock = clock;
  }

  /** Calls of {@code action} by {@code caller} (any caller if null) in [fromMicros, toMicros). */
  List<Ec2Call> calls(String action, NodeId caller, long fromMicros, long toMicros) {
    return ec2.calls().stream()
        .filter(c -> action == null || c.action().equals(action))
        .filter(c -> caller == null || c.caller().equals(caller.value()))
        .filter(c -> {
          long t = EventLine.micros(c.time());
          return t >= fromMicros && t < toMicros;
        })
        .filter(c -> !c.dryRun())
        .toList();
  }

  /** Waits for {@code caller}'s first AssociateAddress of {@code eip} at or after {@code fromMicros}. */
  Optional<Ec2Call> awaitAssociate(NodeId caller, ElasticIp eip, long fromMicros, Duration timeout) {
    long deadline = clock.micros() + timeout.toNanos() / 1000;
    while (true) {
      Optional<Ec2Call> found = calls("AssociateAddress", caller, fromMicros, Long.MAX_VALUE).stream()
          .filter(c -> eip.allocationId().equals(c.param("AllocationId")))
          .findFirst();
      if (found.isPresent() || clock.micros() > deadline) {
        return found;
      }
      clock.sleep(Duration.ofMillis(5));
    }
  }
}
