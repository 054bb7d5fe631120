package io.eipfailover.examples.agent.status;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.eipfailover.core.ElasticIp;
import io.eipfailover.core.NodeId;
import io.eipfailover.core.event.GuardDenied;
import io.eipfailover.core.event.PeerDead;
import io.eipfailover.core.event.PeerSuspected;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The last minutes' notable events: what is kept, for how long, how many. */
class RecentEventsTest {
  private static final NodeId A = NodeId.of("lb-a");
  private static final ElasticIp EIP = new ElasticIp("eipalloc-1", "203.0.113.10", NodeId.of("lb-b"));

  /** A clock the test moves. */
  private static final class StepClock extends Clock {
    Instant now = Instant.parse("2024-05-01T12:00:00Z");

    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  @Test
  void keepsNotableEventsAndEc2ErrorsForTheWindowOnly() {
    StepClock clock = new StepClock();
    RecentEvents r = new RecentEvents(clock, Duration.ofMinutes(10), 100);
    r.onEvent(new GuardDenied(A, clock.now, EIP, Optional.of(NodeId.of("lb-b")), "reachability: no target answered"));
    clock.now = clock.now.plusSeconds(60);
    r.ec2Error("AssociateAddress", "RequestLimitExceeded");
    r.onEvent(new PeerDead(A, clock.now, NodeId.of("lb-b")));
    assertEquals(3, r.entries().size());
    assertEquals("guard-denied", r.entries().get(0).type());
    assertEquals(Optional.of(EIP), r.entries().get(0).eip());
    assertEquals("AssociateAddress: RequestLimitExceeded", r.entries().get(1).detail());
    clock.now = clock.now.plus(Duration.ofMinutes(9)).plusSeconds(30);
    assertEquals(2, r.entries().size(), "the denial is older than 10 minutes now");
    clock.now = clock.now.plusSeconds(60);
    assertEquals(0, r.entries().size());
  }

  @Test
  void keepsAtMostItsCapacityNewestLast() {
    StepClock clock = new StepClock();
    RecentEvents r = new RecentEvents(clock, Duration.ofMinutes(10), 3);
    for (int i = 0; i < 5; i++) {
      r.onEvent(new PeerSuspected(A, clock.now.plusMillis(i), NodeId.of("n" + i)));
    }
    assertEquals(3, r.entries().size());
    assertEquals(Optional.of("n4"), r.entries().get(2).node());
  }
}
