package io.eipfailover.core.internal.strategy;

import io.eipfailover.core.AttachmentPoint;
import io.eipfailover.core.ClusterTopology;
import io.eipfailover.core.ElasticIp;
import io.eipfailover.core.FailoverStrategy;
import io.eipfailover.core.MemberState;
import io.eipfailover.core.NodeId;
import io.eipfailover.core.ObservedAssociation;
import io.eipfailover.core.Placement;
import io.eipfailover.core.PlacementInput;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The placement skeleton shared by the built-in strategies; subclasses only {@link #decide} per EIP.
 *
 * <p>Two passes over the EIPs in topology order, so the result depends on nothing but the input:
 *
 * <ol>
 *   <li>decide every EIP; an EIP that stays claims its observed point now and one going home gets
 *       its home point (home points belong to exactly one EIP), so every stay owns its point before
 *       any orphan is assigned;
 *   <li>every EIP that seeks a node gets the lowest free reserved point of its first candidate that
 *       still has one, or is left out.
 * </ol>
 *
 * <p>A stay is repaired, not trusted blindly: an EIP held by its home node goes to its home point,
 * and a foreign EIP observed on anything but a free reserved point of its holder (say, another
 * EIP's home point, after a manual move) asks its holder for a free reserved point instead.
 *
 * <p>Thread-safe if the subclass is (the built-ins are immutable).
 */
abstract class AbstractPlacementStrategy implements FailoverStrategy {

  /** The strategy's decision for one EIP. Must be a pure function of {@code eip}. */
  abstract Decision decide(EipContext eip);

  /** Checks the topology before placing (e.g. priority lists); the default accepts any. */
  void checkTopology(ClusterTopology topology) {}

  @Override
  public final Placement place(PlacementInput input) {
    Objects.requireNonNull(input, "input");
    ClusterTopology topology = input.topology();
    checkTopology(topology);
    PointLedger ledger = new PointLedger(input);
    Map<String, Placement.Target> targets = new HashMap<>();
    List<ElasticIp> seekers = new ArrayList<>();
    Map<String, Decision.Seek> seeks = new HashMap<>();
    Set<String> repairs = new HashSet<>();
    for (ElasticIp eip : topology.elasticIps()) {
      Optional<NodeId> holder = input.holderOf(eip);
      EipContext context = new EipContext(input, eip, holder, ledger);
      Decision decision = decide(context);
      if (decision instanceof Decision.Stay) {
        NodeId h = holder.orElseThrow(() -> new IllegalStateException(
            this + " decided to keep " + eip + ", which has no holder"));
        if (h.equals(eip.home())) {
          decision = Decision.HOME;
        } else {
          Optional<AttachmentPoint> kept = keptPoint(input, eip, h, ledger);
          if (kept.isPresent()) {
            ledger.claim(kept.get());
            targets.put(eip.allocationId(), new Placement.Target(h, kept.get()));
            continue;
          }
          decision = new Decision.Seek(List.of(h));
          repairs.add(eip.allocationId());
        }
      }
      if (decision instanceof Decision.Home) {
        AttachmentPoint home = topology.homePoint(eip);
        ledger.claim(home);
        targets.put(eip.allocationId(), new Placement.Target(eip.home(), home));
      } else if (decision instanceof Decision.Seek seek) {
        seekers.add(eip);
        seeks.put(eip.allocationId(), seek);
      }
    }
    for (ElasticIp eip : seekers) {
      boolean repair = repairs.contains(eip.allocationId());
      for (NodeId candidate : seeks.get(eip.allocationId()).candidates()) {
        // A repair stays on its (possibly suspect) holder; any real move goes to an ALIVE node only.
        if (!repair && input.view().stateOf(candidate) != MemberState.ALIVE) {
          continue;
        }
        Optional<AttachmentPoint> point = ledger.freeReserved(candidate, eip);
        if (point.isPresent()) {
          ledger.claim(point.get());
          targets.put(eip.allocationId(), new Placement.Target(candidate, point.get()));
          break;
        }
      }
    }
    Map<String, Placement.Target> ordered = new LinkedHashMap<>();
    for (ElasticIp eip : topology.elasticIps()) {
      Placement.Target t = targets.get(eip.allocationId());
      if (t != null) {
        ordered.put(eip.allocationId(), t);
      }
    }
    return new Placement(ordered);
  }

  /** The observed point of a foreign EIP, if it is a reserved point of its holder still free. */
  private static Optional<AttachmentPoint> keptPoint(
      PlacementInput input, ElasticIp eip, NodeId holder, PointLedger ledger) {
    ObservedAssociation observed = input.observed().get(eip.allocationId());
    for (AttachmentPoint p : input.topology().node(holder).reservedPoints()) {
      if (observed.isAt(p) && ledger.isFree(p, eip)) {
        return Optional.of(p);
      }
    }
    return Optional.empty();
  }
}
