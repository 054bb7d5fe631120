package io.eipfailover.core.internal.guard;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.eipfailover.core.GuardVerdict;
import io.eipfailover.core.MemberEntry;
import io.eipfailover.core.MemberState;
import io.eipfailover.core.NodeId;
import io.eipfailover.core.SplitBrainGuard;
import io.eipfailover.core.SplitBrainGuards;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class QuorumGuardTest {
  private final SplitBrainGuard quorum = SplitBrainGuards.quorum();

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', value = {
    "ALIVE                                  | true  | quorum: 1 of 1 nodes reachable (need 1)",
    "ALIVE,DEAD                             | false | quorum: 1 of 2 nodes reachable (need 2)",
    "ALIVE,ALIVE                            | true  | quorum: 2 of 2 nodes reachable (need 2)",
    "ALIVE,ALIVE,DEAD                       | true  | quorum: 2 of 3 nodes reachable (need 2)",
    "ALIVE,SUSPECT,DEAD                     | false | quorum: 1 of 3 nodes reachable (need 2)",
    "ALIVE,DEAD,DEAD,ALIVE                  | false | quorum: 2 of 4 nodes reachable (need 3)",
    "ALIVE,STANDBY,DEAD,ALIVE               | true  | quorum: 3 of 4 nodes reachable (need 3)",
    "ALIVE,STANDBY,UNHEALTHY,DEAD,SUSPECT   | true  | quorum: 3 of 5 nodes reachable (need 3)",
    "ALIVE,SUSPECT,SUSPECT,DEAD,UNHEALTHY   | false | quorum: 2 of 5 nodes reachable (need 3)",
    "DEAD,ALIVE,DEAD                        | true  | quorum: 2 of 3 nodes reachable (need 2)",
  })
  void allowsOnlyAStrictMajorityOfTheTopology(String states, boolean allowed, String reason) {
    MemberState[] s = Arrays.stream(states.split(",")).map(String::trim).map(MemberState::valueOf).toArray(MemberState[]::new);
    GuardVerdict v = quorum.evaluate(Requests.request("b", s));
    assertEquals(new GuardVerdict(allowed, reason), v);
  }

  @Test
  void membersOutsideTheTopologyDoNotCount() {
    Map<NodeId, MemberEntry> members = new HashMap<>();
    members.put(NodeId.of("a"), MemberEntry.of(MemberState.ALIVE, 0));
    members.put(NodeId.of("x"), MemberEntry.of(MemberState.ALIVE, 0));
    members.put(NodeId.of("y"), MemberEntry.of(MemberState.ALIVE, 0));
    GuardVerdict v = quorum.evaluate(Requests.request(Requests.topology(3), "b", members));
    assertEquals(GuardVerdict.deny("quorum: 1 of 3 nodes reachable (need 2)"), v);
  }

  @Test
  void namesItself() {
    assertEquals("quorum()", quorum.toString());
  }
}
