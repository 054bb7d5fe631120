package io.eipfailover.core;

import io.eipfailover.core.internal.strategy.BalancedStrategy;
import io.eipfailover.core.internal.strategy.HomeWithFailbackStrategy;
import io.eipfailover.core.internal.strategy.PriorityStrategy;
import io.eipfailover.core.internal.strategy.StickyStrategy;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The built-in {@link FailoverStrategy}s. All are pure and deterministic and share these rules:
 *
 * <ul>
 *   <li>an EIP whose holder is {@link MemberState#ALIVE} or {@link MemberState#SUSPECT} stays where it
 *       is unless the strategy prefers another alive node (suspicion alone never moves an EIP);
 *   <li>an EIP held by a dead, standby or unhealthy node, or by nobody, is <em>orphaned</em> and
 *       goes to an eligible ({@code ALIVE}) node with a free attachment point;
 *   <li>a node receives a foreign EIP only on one of its free reserved points, lowest index first;
 *       a reserved point is free when no other EIP is observed on it and no other EIP was already
 *       placed on it; an EIP at home goes to its home point ({@link ClusterTopology#homePoint});
 *   <li>an EIP that stays keeps its observed point, and stays claim their points before orphans
 *       are assigned; EIPs are decided in topology order, so the result is deterministic;
 *   <li>an EIP with no eligible node that has a free point is absent from the {@link Placement}.
 * </ul>
 *
 * <p>Each strategy's {@code toString()} names it with its settings, e.g. {@code
 * homeWithFailback(PT10S)}. Delays must be non-null and not negative.
 */
public final class FailoverStrategies {
  /** Default fail-back delay: how long a returning home node must stay alive before it pulls. */
  public static final Duration DEFAULT_FAILBACK_DELAY = Duration.ofSeconds(10);

  private FailoverStrategies() {}

  /** {@link #homeWithFailback(Duration)} with {@link #DEFAULT_FAILBACK_DELAY}. */
  public static FailoverStrategy defaults() {
    return homeWithFailback(DEFAULT_FAILBACK_DELAY);
  }

  /**
   * Every EIP lives on its home node; an orphaned EIP goes to the first alive node after its home
   * in sorted node order (ring order) that has a free reserved point; the home node pulls it back
   * once it has been alive for {@code failbackDelay} (Heartbeat's {@code auto_failback on}).
   *
   * <p>Trade-off: a longer delay rides out a flapping node (one bad minute costs one move, not
   * many) at the price of the EIP staying on the survivor longer; zero fails back at once.
   */
  public static FailoverStrategy homeWithFailback(Duration failbackDelay) {
    return new HomeWithFailbackStrategy(failbackDelay);
  }

  /**
   * Like {@link #homeWithFailback} but an EIP stays where it is for as long as its holder is alive:
   * no fail-back, one move per failure (Heartbeat {@code auto_failback off}, keepalived {@code
   * nopreempt}). Orphaned EIPs go home first if home is alive, else to the ring successor.
   */
  public static FailoverStrategy sticky() {
    return new StickyStrategy();
  }

  /**
   * Each EIP has an ordered list of nodes (keepalived priorities): it belongs to the first alive
   * node of its list that has a free point; a better-ranked node pulls it once alive for {@code
   * failbackDelay}. Nodes not in an EIP's list never take it. Every EIP of the topology must have a
   * list, each list non-empty, naming only topology nodes, with the home first (checked when the
   * strategy is first used with a topology). The map's shape (no null or empty list, no node twice)
   * is checked at once.
   *
   * <p>An EIP moves to a better-ranked node only once that node has been alive for {@code
   * failbackDelay}; a holder that is alive or suspect otherwise keeps it.
   */
  public static FailoverStrategy priority(Map<String, List<NodeId>> nodesByAllocationId, Duration failbackDelay) {
    return new PriorityStrategy(nodesByAllocationId, failbackDelay);
  }

  /**
   * For N nodes: orphaned EIPs are spread over the alive nodes by rendezvous (highest-random-weight)
   * hashing of (allocation id, node id), skipping nodes without a free reserved point; home nodes
   * pull their EIPs back after {@code failbackDelay}. Losing one node of N moves its EIPs to several
   * survivors instead of one, and a node's return moves only its own EIPs.
   *
   * <p>The hash is MurmurHash3 x64-128 with a fixed seed, so every node and every release ranks
   * nodes the same way. Its {@link FailoverStrategy#reservedIpsNeeded} is lower than the default:
   * {@code ceil(W / (N - f))} with W the sum of the f largest home-EIP counts of the other nodes,
   * because an orphan whose favourite survivor is full spills to the next survivor with a free point.
   */
  public static FailoverStrategy balanced(Duration failbackDelay) {
    return new BalancedStrategy(failbackDelay);
  }
}
