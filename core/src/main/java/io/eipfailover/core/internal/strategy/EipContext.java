package io.eipfailover.core.internal.strategy;

import io.eipfailover.core.ElasticIp;
import io.eipfailover.core.MemberState;
import io.eipfailover.core.NodeId;
import io.eipfailover.core.PlacementInput;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One EIP as a strategy sees it during a placement: its current holder and the shared rules about
 * node states, so every built-in strategy reads them the same way.
 */
final class EipContext {
  private final PlacementInput input;
  private final ElasticIp eip;
  private final Optional<NodeId> holder;
  private final PointLedger ledger;

  EipContext(PlacementInput input, ElasticIp eip, Optional<NodeId> holder, PointLedger ledger) {
    this.input = input;
    this.eip = eip;
    this.holder = holder;
    this.ledger = ledger;
  }

  ElasticIp eip() {
    return eip;
  }

  NodeId home() {
    return eip.home();
  }

  Optional<NodeId> holder() {
    return holder;
  }

  /** A holder that keeps its EIP: ALIVE or SUSPECT (suspicion alone never moves an EIP). */
  boolean holderKeepable() {
    return holder.map(h -> isKeepable(input.view().stateOf(h))).orElse(false);
  }

  static boolean isKeepable(MemberState state) {
    return state == MemberState.ALIVE || state == MemberState.SUSPECT;
  }

  /** Whether {@code node} may receive an EIP it does not hold: only ALIVE nodes. */
  boolean isEligible(NodeId node) {
    return input.view().stateOf(node) == MemberState.ALIVE;
  }

  /** How long {@code node} has been in its current state, in ticker nanoseconds. */
  long nanosInState(NodeId node) {
    return input.now() - input.view().peer(node).since();
  }

  /** Whether {@code node} has a reserved point free for this EIP right now. */
  boolean hasFreeReserved(NodeId node) {
    return ledger.hasFreeReserved(node, eip);
  }

  /**
   * The eligible nodes after the home node in sorted id order, wrapping around and skipping home:
   * Heartbeat's "the other one", generalised to N nodes so each node's successor is fixed.
   */
  List<NodeId> eligibleRingAfterHome() {
    List<NodeId> ids = input.topology().nodeIds();
    int start = ids.indexOf(home());
    List<NodeId> ring = new ArrayList<>();
    for (int i = 1; i < ids.size(); i++) {
      NodeId n = ids.get((start + i) % ids.size());
      if (isEligible(n)) {
        ring.add(n);
      }
    }
    return ring;
  }

  /** All eligible nodes other than home, in sorted id order. */
  List<NodeId> eligibleOthers() {
    List<NodeId> result = new ArrayList<>();
    for (NodeId n : input.topology().nodeIds()) {
      if (!n.equals(home()) && isEligible(n)) {
        result.add(n);
      }
    }
    return result;
  }
}
