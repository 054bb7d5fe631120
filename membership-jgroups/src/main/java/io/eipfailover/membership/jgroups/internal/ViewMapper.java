package io.eipfailover.membership.jgroups.internal;

import io.eipfailover.core.AnnouncedStatus;
import io.eipfailover.core.MemberEntry;
import io.eipfailover.core.MemberState;
import io.eipfailover.core.MembershipView;
import io.eipfailover.core.NodeId;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * Pure mapping from what JGroups and the announcements say to a {@link MembershipView}. No I/O, no
 * clock: every input, the time included, is a parameter, so the rules below are tested by tables.
 *
 * <ul>
 *   <li>self: the status it last announced;
 *   <li>a node in the JGroups view that a failure detector suspects: {@link MemberState#SUSPECT};
 *   <li>a node in the JGroups view that has not announced its status since it (re)joined:
 *       {@link MemberState#SUSPECT} too. It is connected but we do not know whether it is alive,
 *       standby or unhealthy, so its EIPs stay where they are until it speaks (one round trip);
 *   <li>a node in the view that announced: its status ({@code ALIVE}, {@code STANDBY},
 *       {@code UNHEALTHY});
 *   <li>a topology node not in the view: {@link MemberState#DEAD}.
 * </ul>
 *
 * <p>{@code since} carries over while the state is unchanged; {@code suspectedAt} is set while
 * suspected and kept when the node goes from suspected to dead (for failover timelines).
 */
public final class ViewMapper {
  private ViewMapper() {}

  /**
   * Everything the mapping needs.
   *
   * @param epoch the epoch of the view to build
   * @param self this node
   * @param selfStatus what this node last announced
   * @param topologyNodes every node of the topology (self included)
   * @param inView peers (not self) in the current JGroups view, mapped to their announced status,
   *     or {@code null} when they have not announced since joining
   * @param suspectedAt peers a failure detector currently suspects, with when
   * @param lastHeard when each peer was last heard (any message)
   * @param previous the previously published view
   * @param now the ticker reading to stamp changes with
   * @param merged whether the view ends a partition
   */
  public record Input(
      long epoch,
      NodeId self,
      AnnouncedStatus selfStatus,
      List<NodeId> topologyNodes,
      Map<NodeId, AnnouncedStatus> inView,
      Map<NodeId, Long> suspectedAt,
      Map<NodeId, Long> lastHeard,
      MembershipView previous,
      long now,
      boolean merged) {
    public Input {
      Objects.requireNonNull(self, "self");
      Objects.requireNonNull(selfStatus, "selfStatus");
      Objects.requireNonNull(previous, "previous");
    }
  }

  /** Builds the view. */
  public static MembershipView map(Input in) {
    Map<NodeId, MemberEntry> members = new TreeMap<>();
    for (NodeId node : in.topologyNodes()) {
      MemberEntry before = in.previous().peer(node);
      MemberState state = stateOf(in, node);
      long since = before.state() == state && in.previous().members().containsKey(node) ? before.since() : in.now();
      Long heard = in.lastHeard().get(node);
      OptionalLong lastHeard = heard != null ? OptionalLong.of(heard) : before.lastHeard();
      members.put(node, new MemberEntry(state, since, lastHeard, suspectedAt(in, node, state, before)));
    }
    return new MembershipView(in.epoch(), in.self(), members, in.merged());
  }

  private static MemberState stateOf(Input in, NodeId node) {
    if (node.equals(in.self())) {
      return in.selfStatus().asState();
    }
    if (!in.inView().containsKey(node)) {
      return MemberState.DEAD;
    }
    AnnouncedStatus announced = in.inView().get(node);
    if (announced == null || in.suspectedAt().containsKey(node)) {
      return MemberState.SUSPECT;
    }
    return announced.asState();
  }

  private static OptionalLong suspectedAt(Input in, NodeId node, MemberState state, MemberEntry before) {
    Long suspected = in.suspectedAt().get(node);
    if (state == MemberState.SUSPECT) {
      return suspected != null ? OptionalLong.of(suspected) : OptionalLong.empty();
    }
    if (state == MemberState.DEAD) {
      if (suspected != null) {
        return OptionalLong.of(suspected);
      }
      boolean wasOnItsWayDown = before.state() == MemberState.SUSPECT || before.state() == MemberState.DEAD;
      return wasOnItsWayDown ? before.suspectedAt() : OptionalLong.empty();
    }
    return OptionalLong.empty();
  }

  /** Whether two views give every node the same state and the same merge flag. */
  public static boolean sameStates(MembershipView a, MembershipView b) {
    if (a.merged() != b.merged() || !a.members().keySet().equals(b.members().keySet())) {
      return false;
    }
    for (Map.Entry<NodeId, MemberEntry> e : a.members().entrySet()) {
      if (b.stateOf(e.getKey()) != e.getValue().state()) {
        return false;
      }
    }
    return true;
  }
}
