package io.eipfailover.core.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.eipfailover.core.ClusterTopology;
import io.eipfailover.core.ElasticIp;
import io.eipfailover.core.FailoverStrategies;
import io.eipfailover.core.NodeId;
import io.eipfailover.core.SplitBrainGuards;
import io.eipfailover.core.testing.AccountThrottling;
import io.eipfailover.core.testing.Ec2Call;
import io.eipfailover.core.testing.InvariantChecker;
import io.eipfailover.core.testing.SimGuards;
import io.eipfailover.core.testing.SimulatedCluster;
import io.eipfailover.core.testing.Topologies;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Every node of an account draws from the same EC2 buckets. A mass failover larger than the
 * account's associate bucket is throttled; the nodes back off together, share the refill, and
 * every orphan is still moved by exactly one successful associate, with no survivor starved.
 */
class SharedThrottlingScenarioTest {
  private static final Duration STEP = Duration.ofMillis(250);

  @Test
  void aMassFailoverBeyondTheAccountsBucketIsSharedAndFinishes() {
    ClusterTopology t = Topologies.of(6, 6, 6);
    AtomicReference<SimulatedCluster> self = new AtomicReference<>();
    SimulatedCluster c = SimulatedCluster.builder(t).seed(11).apiBudget(20, 5.0)
        .strategy(ctx -> FailoverStrategies.balanced(ctx.timings().failbackDelay()))
        .guard(ctx -> SplitBrainGuards.anyOf(SplitBrainGuards.quorum(),
            SimGuards.instanceDown(id -> self.get().node(id).crashed())))
        .build();
    self.set(c);
    c.ec2().setAccountThrottling(AccountThrottling.documented().withAssociate(new AccountThrottling.Bucket(4, 1)));
    c.start();
    InvariantChecker checker = new InvariantChecker(c);
    for (int i = 0; i < 40; i++) {
      c.advance(STEP);
      checker.checkSafety();
    }
    int from = c.ec2().calls().size();
    Set<String> orphans = new HashSet<>();
    for (int n = 1; n <= 3; n++) {
      c.crash(Topologies.node(n));
      t.homedOn(Topologies.node(n)).forEach(e -> orphans.add(e.allocationId()));
    }
    checker.noteFault();
    for (int i = 0; i < 200; i++) {
      c.advance(STEP);
      checker.checkSafety();
    }
    List<Ec2Call> calls = c.ec2().calls().subList(from, c.ec2().calls().size());
    Map<String, Integer> okPerOrphan = new HashMap<>();
    Map<NodeId, Integer> okPerNode = new HashMap<>();
    long throttled = 0;
    for (Ec2Call x : calls) {
      if (x.op() != Ec2Call.Op.ASSOCIATE) {
        continue;
      }
      if (x.outcome() == Ec2Call.Outcome.OK) {
        okPerOrphan.merge(x.allocationIds().get(0), 1, Integer::sum);
        okPerNode.merge(x.caller(), 1, Integer::sum);
      } else if (x.outcome() == Ec2Call.Outcome.THROTTLED) {
        throttled++;
      }
    }
    assertTrue(throttled > 0, "18 orphans against a bucket of 4: throttled");
    for (String o : orphans) {
      assertEquals(1, okPerOrphan.getOrDefault(o, 0), "exactly one successful associate for " + o);
    }
    for (ElasticIp e : t.elasticIps()) {
      assertTrue(c.ec2().holder(e).isPresent() && !c.node(c.ec2().holder(e).get()).crashed(), e + " on a survivor");
    }
    for (int n = 4; n <= 6; n++) {
      NodeId survivor = Topologies.node(n);
      long held = t.elasticIps().stream().filter(e -> orphans.contains(e.allocationId())
          && c.ec2().holder(e).orElseThrow().equals(survivor)).count();
      assertEquals(held, (long) okPerNode.getOrDefault(survivor, 0), survivor + " moved every orphan it holds");
      assertTrue(held >= 3, survivor + " got a fair part of the 18 orphans, not starved: " + held);
    }
  }
}
