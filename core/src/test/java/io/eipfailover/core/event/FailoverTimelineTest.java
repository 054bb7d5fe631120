package io.eipfailover.core.event;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.eipfailover.core.ElasticIp;
import io.eipfailover.core.NodeId;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** The durations a takeover's timeline reports, and how it reads in logs. */
class FailoverTimelineTest {
  private static final ElasticIp EIP = ElasticIp.of("eipalloc-0b", "203.0.113.20", "b");
  private static final long MS = 1_000_000L;

  /** b's last heartbeat at 1 s, suspected at 1.5 s, dead at 2 s, guard at 2.1 s, sent at 2.2 s. */
  private static FailoverTimeline full() {
    return new FailoverTimeline(EIP, Optional.of(NodeId.of("b")), NodeId.of("a"), OptionalLong.of(1_000 * MS),
        OptionalLong.of(1_500 * MS), OptionalLong.of(2_000 * MS), OptionalLong.of(2_100 * MS), 2_200 * MS,
        OptionalLong.empty(), OptionalLong.empty());
  }

  @Test
  void beforeTheAnswerOnlyDetectionIsKnown() {
    FailoverTimeline t = full();
    assertEquals(Optional.empty(), t.failoverTime());
    assertEquals(Optional.empty(), t.reactionTime());
    assertEquals(Optional.of(Duration.ofMillis(1_000)), t.detectionTime(), "last heartbeat to dead");
  }

  @Test
  void theAnswerGivesFailoverAndReactionTimes() {
    FailoverTimeline t = full().withAnswered(2_450 * MS).withConfirmed(2_900 * MS);
    assertEquals(Optional.of(Duration.ofMillis(1_450)), t.failoverTime(), "last heartbeat to answer");
    assertEquals(Optional.of(Duration.ofMillis(450)), t.reactionTime(), "dead to answer");
    assertEquals(Optional.of(Duration.ofMillis(1_000)), t.detectionTime());
    assertEquals(OptionalLong.of(2_900 * MS), t.confirmed());
    assertEquals(OptionalLong.of(2_450 * MS), t.answered());
  }

  @Test
  void withoutAHeartbeatFailoverTimeCountsFromDeathElseFromTheRequest() {
    FailoverTimeline noHeartbeat = new FailoverTimeline(EIP, Optional.of(NodeId.of("b")), NodeId.of("a"),
        OptionalLong.empty(), OptionalLong.empty(), OptionalLong.of(2_000 * MS), OptionalLong.empty(), 2_200 * MS,
        OptionalLong.of(2_300 * MS), OptionalLong.empty());
    assertEquals(Optional.of(Duration.ofMillis(300)), noHeartbeat.failoverTime());
    assertEquals(Optional.of(Duration.ofMillis(300)), noHeartbeat.reactionTime());
    assertEquals(Optional.empty(), noHeartbeat.detectionTime(), "no heartbeat, no detection time");

    FailoverTimeline unassociated = new FailoverTimeline(EIP, Optional.empty(), NodeId.of("a"), OptionalLong.empty(),
        OptionalLong.empty(), OptionalLong.empty(), OptionalLong.empty(), 2_200 * MS, OptionalLong.of(2_250 * MS),
        OptionalLong.empty());
    assertEquals(Optional.of(Duration.ofMillis(50)), unassociated.failoverTime(), "from the request");
    assertEquals(Optional.empty(), unassociated.reactionTime(), "nobody was declared dead");
    assertEquals(Optional.empty(), unassociated.detectionTime());
  }

  @Test
  void aHeartbeatWithoutADeathGivesNoDetectionTime() {
    FailoverTimeline failback = new FailoverTimeline(EIP, Optional.of(NodeId.of("b")), NodeId.of("a"),
        OptionalLong.of(1_000 * MS), OptionalLong.empty(), OptionalLong.empty(), OptionalLong.empty(), 2_200 * MS,
        OptionalLong.of(2_300 * MS), OptionalLong.empty());
    assertEquals(Optional.empty(), failback.detectionTime());
    assertEquals(Optional.empty(), failback.reactionTime());
    assertEquals(Optional.of(Duration.ofMillis(1_300)), failback.failoverTime());
  }

  @Test
  void readsAsMillisecondsAfterTheFirstKnownStep() {
    FailoverTimeline t = full().withAnswered(2_450 * MS).withConfirmed(2_900 * MS);
    assertEquals("timeline 203.0.113.20 b->a: last-heartbeat=+0ms suspected=+500ms dead=+1000ms guard=+1100ms"
        + " sent=+1200ms answered=+1450ms confirmed=+1900ms", t.toString());
    FailoverTimeline bare = new FailoverTimeline(EIP, Optional.empty(), NodeId.of("a"), OptionalLong.empty(),
        OptionalLong.empty(), OptionalLong.empty(), OptionalLong.empty(), 7_000 * MS, OptionalLong.empty(),
        OptionalLong.empty());
    assertEquals("timeline 203.0.113.20 -->a: sent=+0ms", bare.toString(), "steps that did not happen are left out");
  }
}
