package io.eipfailover.benchmarks.fleet;

import io.eipfailover.core.ClusterTopology;
import io.eipfailover.core.ElasticIp;
import io.eipfailover.core.NodeId;
import io.eipfailover.core.testing.Ec2Call;
import io.eipfailover.core.testing.Ec2Move;
import io.eipfailover.core.testing.SimulatedCluster;
import io.eipfailover.core.testing.Topologies;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * One mass failover on virtual time: a {@link FleetCluster} warms up until every account bucket is
 * full, then {@value FleetCluster#TOLERATED} nodes crash at once, and the run goes on until every
 * orphan is on a survivor (or {@link #LIMIT}), then {@link #SETTLE} more to see nothing else move.
 * Every number comes from the simulated EC2's call and move logs.
 */
final class MassFailover {
  /** Start-up (every node describes on each view change) throttles describes; after this the buckets are full. */
  static final Duration WARM_UP = Duration.ofSeconds(40);
  static final Duration LIMIT = Duration.ofSeconds(120);
  static final Duration SETTLE = Duration.ofSeconds(10);
  private static final Duration STEP = Duration.ofMillis(100);

  /** One survivor's part: orphans it ended with, its associates (successful, throttled), its first and last success. */
  record NodeResult(NodeId node, int orphansHeld, int ok, int throttled, double firstOkSeconds, double lastOkSeconds) {}

  /** Everything one run measured; times in seconds after the crash. */
  record Result(int nodes, long seed, int orphans, int reservedPerNode, double floorSeconds,
      double associateTokensAtCrash, double firstAssociateSeconds, double allOnSurvivorsSeconds, int okAssociates,
      int orphansWithExactlyOne, int maxAssociatesPerOrphan, int unassociatedAtEnd, int otherEipsMoved,
      int throttledAssociates, int describes, int throttledDescribes, int maxForeignPerSurvivor,
      int survivorsOverShare, List<NodeResult> perNode, long cpuMillis) {

    /** {@code max(0, (orphans − 50) / 5)}: the account's mutating bucket, full at the crash. */
    static double floor(int orphans) {
      return Math.max(0, (orphans - 50) / 5.0);
    }

    boolean complete() {
      return !Double.isNaN(allOnSurvivorsSeconds);
    }
  }

  private MassFailover() {}

  static Result run(int nodes, long seed) {
    long cpu = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
    SimulatedCluster c = FleetCluster.build(nodes, seed, b -> b);
    ClusterTopology t = c.topology();
    c.start();
    c.advance(WARM_UP);
    double tokens = c.ec2().accountTokens(Ec2Call.Op.ASSOCIATE);
    int callsBefore = c.ec2().calls().size();
    int movesBefore = c.ec2().moves().size();
    long crash = c.time().nanos();
    Set<String> orphans = new HashSet<>();
    Set<NodeId> dead = new HashSet<>();
    for (int i = 1; i <= FleetCluster.TOLERATED; i++) {
      NodeId id = Topologies.node(i);
      dead.add(id);
      c.crash(id);
      t.homedOn(id).forEach(e -> orphans.add(e.allocationId()));
    }
    while (!allOnSurvivors(c, orphans, dead) && c.time().nanos() - crash < LIMIT.toNanos()) {
      c.advance(STEP);
    }
    c.advance(SETTLE);
    List<Ec2Call> calls = c.ec2().calls().subList(callsBefore, c.ec2().calls().size());
    List<Ec2Move> moves = c.ec2().moves().subList(movesBefore, c.ec2().moves().size());
    Result r = measure(c, nodes, seed, orphans, dead, crash, tokens, calls, moves);
    long used = (ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - cpu) / 1_000_000;
    return new Result(r.nodes(), r.seed(), r.orphans(), r.reservedPerNode(), r.floorSeconds(),
        r.associateTokensAtCrash(), r.firstAssociateSeconds(), r.allOnSurvivorsSeconds(), r.okAssociates(),
        r.orphansWithExactlyOne(), r.maxAssociatesPerOrphan(), r.unassociatedAtEnd(), r.otherEipsMoved(),
        r.throttledAssociates(), r.describes(), r.throttledDescribes(), r.maxForeignPerSurvivor(),
        r.survivorsOverShare(), r.perNode(), used);
  }

  private static boolean allOnSurvivors(SimulatedCluster c, Set<String> orphans, Set<NodeId> dead) {
    for (ElasticIp e : c.topology().elasticIps()) {
      if (orphans.contains(e.allocationId())) {
        Optional<NodeId> h = c.ec2().holder(e);
        if (h.isEmpty() || dead.contains(h.get())) {
          return false;
        }
      }
    }
    return true;
  }

  private static Result measure(SimulatedCluster c, int nodes, long seed, Set<String> orphans, Set<NodeId> dead,
      long crash, double tokens, List<Ec2Call> calls, List<Ec2Move> moves) {
    ClusterTopology t = c.topology();
    Map<String, Integer> okPerOrphan = new HashMap<>();
    Map<NodeId, int[]> perNode = new TreeMap<>();
    Map<NodeId, double[]> okTimes = new TreeMap<>();
    long firstAssociate = -1;
    int throttledAssociates = 0;
    int describes = 0;
    int throttledDescribes = 0;
    for (Ec2Call call : calls) {
      boolean ok = call.outcome() == Ec2Call.Outcome.OK;
      if (call.op() == Ec2Call.Op.DESCRIBE) {
        describes++;
        throttledDescribes += call.outcome() == Ec2Call.Outcome.THROTTLED ? 1 : 0;
        continue;
      }
      firstAssociate = firstAssociate < 0 ? call.atNanos() : firstAssociate;
      int[] counts = perNode.computeIfAbsent(call.caller(), k -> new int[2]);
      if (ok) {
        okPerOrphan.merge(call.allocationIds().get(0), 1, Integer::sum);
        counts[0]++;
        double s = seconds(call.atNanos() - crash);
        okTimes.merge(call.caller(), new double[] {s, s}, (a, b) -> new double[] {Math.min(a[0], b[0]), Math.max(a[1], b[1])});
      } else if (call.outcome() == Ec2Call.Outcome.THROTTLED) {
        counts[1]++;
        throttledAssociates++;
      }
    }
    double done = Double.NaN;
    if (allOnSurvivors(c, orphans, dead)) {
      long last = crash;
      for (Ec2Move m : moves) {
        if (orphans.contains(m.allocationId()) && m.to().isPresent()) {
          last = Math.max(last, m.atNanos());
        }
      }
      done = seconds(last - crash);
    }
    int otherMoved = (int) moves.stream().filter(m -> !orphans.contains(m.allocationId())).count();
    int unassociated = 0;
    Map<NodeId, Integer> foreign = new TreeMap<>();
    Map<NodeId, Integer> orphansHeld = new TreeMap<>();
    for (ElasticIp e : t.elasticIps()) {
      Optional<NodeId> h = c.ec2().holder(e);
      if (h.isEmpty()) {
        unassociated++;
      } else if (!h.get().equals(e.home())) {
        foreign.merge(h.get(), 1, Integer::sum);
        if (orphans.contains(e.allocationId())) {
          orphansHeld.merge(h.get(), 1, Integer::sum);
        }
      }
    }
    int survivors = nodes - dead.size();
    int share = (orphans.size() + survivors - 1) / survivors;
    int maxForeign = foreign.values().stream().mapToInt(Integer::intValue).max().orElse(0);
    int overShare = (int) foreign.values().stream().filter(f -> f > share).count();
    List<NodeResult> nodeResults = new ArrayList<>();
    for (NodeId n : t.nodeIds()) {
      if (dead.contains(n)) {
        continue;
      }
      int[] counts = perNode.getOrDefault(n, new int[2]);
      double[] when = okTimes.getOrDefault(n, new double[] {Double.NaN, Double.NaN});
      nodeResults.add(new NodeResult(n, orphansHeld.getOrDefault(n, 0), counts[0], counts[1], when[0], when[1]));
    }
    int exactlyOne = (int) orphans.stream().filter(o -> okPerOrphan.getOrDefault(o, 0) == 1).count();
    int maxPerOrphan = okPerOrphan.values().stream().mapToInt(Integer::intValue).max().orElse(0);
    int okTotal = okPerOrphan.values().stream().mapToInt(Integer::intValue).sum();
    return new Result(nodes, seed, orphans.size(), FleetCluster.reservedPerNode(nodes), Result.floor(orphans.size()),
        tokens, firstAssociate < 0 ? Double.NaN : seconds(firstAssociate - crash), done, okTotal, exactlyOne,
        maxPerOrphan, unassociated, otherMoved, throttledAssociates, describes, throttledDescribes, maxForeign,
        overShare, nodeResults, 0);
  }

  private static double seconds(long nanos) {
    return nanos / 1e9;
  }
}
