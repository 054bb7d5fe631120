package io.eipfailover.examples.agent.status;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.eipfailover.core.AnnouncedStatus;
import io.eipfailover.core.AttachmentPoint;
import io.eipfailover.core.ClusterTopology;
import io.eipfailover.core.FailoverStatus;
import io.eipfailover.core.Hearing;
import io.eipfailover.core.MemberEntry;
import io.eipfailover.core.MemberState;
import io.eipfailover.core.MembershipView;
import io.eipfailover.core.NodeId;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** The status JSON's per-member ages: heard times from the membership's live view, the auth flag. */
class StatusJsonTest {
  private static final long MS = 1_000_000L;
  private static final NodeId A = NodeId.of("lb-a");
  private static final NodeId B = NodeId.of("lb-b");
  private static final ClusterTopology TOPOLOGY = ClusterTopology.builder().clusterName("t")
      .node(A, AttachmentPoint.primary("eni-0a", "10.0.1.10"), AttachmentPoint.reserved("eni-0a", "10.0.1.11"))
      .node(B, AttachmentPoint.primary("eni-0b", "10.0.2.10"), AttachmentPoint.reserved("eni-0b", "10.0.2.11"))
      .build();

  private static FailoverStatus status(MembershipView view) {
    return new FailoverStatus(A, true, false, AnnouncedStatus.ALIVE, view, Map.of(), null, Optional.empty(),
        new FailoverStatus.Counters(0, 0, 0, 0, 0, 0, 0));
  }

  @Test
  void lastHeardCountsFromTheLastAcceptedHeartbeatNotFromTheLastViewChange() {
    // The failover's view was made at 1 s, when lb-b was last heard then; heartbeats went on to 9.9 s.
    MembershipView atViewChange = new MembershipView(3, A, Map.of(A, MemberEntry.of(MemberState.ALIVE, 0),
        B, new MemberEntry(MemberState.ALIVE, 1_000 * MS, OptionalLong.of(1_000 * MS), OptionalLong.empty())));
    MembershipView live = new MembershipView(3, A, Map.of(A, MemberEntry.of(MemberState.ALIVE, 0),
        B, new MemberEntry(MemberState.ALIVE, 1_000 * MS, OptionalLong.of(9_900 * MS), OptionalLong.empty())));
    String stale = StatusJson.render(status(atViewChange), TOPOLOGY, 10_000 * MS);
    String json = StatusJson.render(StatusJson.withHeartbeatsOf(status(atViewChange), live), TOPOLOGY, 10_000 * MS);
    assertTrue(stale.contains("\"lb-b\":{\"state\":\"ALIVE\",\"sinceMs\":9000,\"lastHeardMs\":9000,"), stale);
    assertTrue(json.contains("\"lb-b\":{\"state\":\"ALIVE\",\"sinceMs\":9000,\"lastHeardMs\":100,"
        + "\"unauthenticatedMs\":null,\"hearsSelf\":\"UNKNOWN\"}"), json);
  }

  @Test
  void anUnauthenticatedPeerShowsSinceWhen() {
    MembershipView view = new MembershipView(5, A, Map.of(A, MemberEntry.of(MemberState.ALIVE, 0),
        B, new MemberEntry(MemberState.SUSPECT, 2_000 * MS, OptionalLong.empty(), OptionalLong.of(2_000 * MS),
            OptionalLong.of(1_500 * MS))));
    String json = StatusJson.render(StatusJson.withHeartbeatsOf(status(view), view), TOPOLOGY, 4_000 * MS);
    assertTrue(json.contains("\"lb-b\":{\"state\":\"SUSPECT\",\"sinceMs\":2000,\"lastHeardMs\":null,"
        + "\"unauthenticatedMs\":2500,\"hearsSelf\":\"UNKNOWN\"}"), json);
  }

  @Test
  void aPeerThatDoesNotHearUsSaysSoAndKeepsSayingItWithFresherHeartbeats() {
    MembershipView atViewChange = new MembershipView(4, A, Map.of(A, MemberEntry.of(MemberState.ALIVE, 0),
        B, new MemberEntry(MemberState.ALIVE, 1_000 * MS, OptionalLong.of(1_000 * MS), OptionalLong.empty())
            .withHearsSelf(Hearing.NO)));
    MembershipView live = new MembershipView(4, A, Map.of(A, MemberEntry.of(MemberState.ALIVE, 0),
        B, new MemberEntry(MemberState.ALIVE, 1_000 * MS, OptionalLong.of(9_900 * MS), OptionalLong.empty())
            .withHearsSelf(Hearing.NO)));
    String json = StatusJson.render(StatusJson.withHeartbeatsOf(status(atViewChange), live), TOPOLOGY, 10_000 * MS);
    assertTrue(json.contains("\"lb-b\":{\"state\":\"ALIVE\",\"sinceMs\":9000,\"lastHeardMs\":100,"
        + "\"unauthenticatedMs\":null,\"hearsSelf\":\"NO\"}"), json);
    assertTrue(json.contains("\"lb-a\":{\"state\":\"ALIVE\",\"sinceMs\":10000,\"lastHeardMs\":null,"
        + "\"unauthenticatedMs\":null,\"hearsSelf\":\"UNKNOWN\"}"), json);
  }
}
