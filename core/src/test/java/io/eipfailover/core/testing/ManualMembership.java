package io.eipfailover.core.testing;

import com.google.common.base.Ticker;
import io.eipfailover.core.AnnouncedStatus;
import io.eipfailover.core.Hearing;
import io.eipfailover.core.MemberEntry;
import io.eipfailover.core.MemberState;
import io.eipfailover.core.Membership;
import io.eipfailover.core.MembershipListener;
import io.eipfailover.core.MembershipView;
import io.eipfailover.core.NodeId;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.concurrent.Executor;

/**
 * A {@link Membership} a test drives by hand: {@link #set} a peer's state, {@link #merge()} to
 * report a healed partition. Peers start {@link MemberState#DEAD} (never heard), self {@link
 * MemberState#ALIVE}; {@link #announce} sets self's state. Every change bumps the epoch and is
 * delivered to listeners in order on their executors. Timestamps come from the injected ticker.
 *
 * <p>Not thread-safe: call from the test's thread (or the virtual scheduler's).
 */
public final class ManualMembership implements Membership {
  private final NodeId self;
  private final Ticker ticker;
  private final ListenerList listeners;
  private final Map<NodeId, MemberEntry> members = new TreeMap<>();
  private MembershipView view;
  private AnnouncedStatus announced = AnnouncedStatus.ALIVE;
  private boolean started;
  private boolean closed;

  /** A membership of {@code nodes} (which must include {@code self}) as seen by {@code self}. */
  public ManualMembership(NodeId self, Collection<NodeId> nodes, Ticker ticker) {
    this.self = Objects.requireNonNull(self, "self");
    this.ticker = Objects.requireNonNull(ticker, "ticker");
    this.listeners = new ListenerList(self);
    if (!nodes.contains(self)) {
      throw new IllegalArgumentException("nodes must contain self '" + self + "', was " + nodes);
    }
    long now = ticker.read();
    for (NodeId n : nodes) {
      members.put(n, n.equals(self)
          ? new MemberEntry(MemberState.ALIVE, now, OptionalLong.of(now), OptionalLong.empty())
          : MemberEntry.of(MemberState.DEAD, now));
    }
    view = new MembershipView(0, self, members);
  }

  @Override
  public void start() {
    if (started) {
      throw new IllegalStateException("membership of " + self + " already started");
    }
    started = true;
  }

  @Override
  public MembershipView view() {
    return view;
  }

  @Override
  public void announce(AnnouncedStatus status) {
    announced = Objects.requireNonNull(status, "status");
    set(self, status.asState());
  }

  /** The status last announced. */
  public AnnouncedStatus announced() {
    return announced;
  }

  @Override
  public void addListener(MembershipListener listener, Executor executor) {
    listeners.add(listener, executor);
  }

  /** Sets {@code node}'s state; publishes a new view if it changed. */
  public void set(NodeId node, MemberState state) {
    Objects.requireNonNull(state, "state");
    MemberEntry old = members.get(node);
    if (old == null) {
      throw new IllegalArgumentException("node '" + node + "' is not a member " + members.keySet());
    }
    if (old.state() == state && !old.isUnauthenticated()) {
      if (state.isReachable()) {
        members.put(node, new MemberEntry(state, old.since(), OptionalLong.of(ticker.read()), old.suspectedAt(),
            OptionalLong.empty(), old.hearsSelf()));
      }
      return;
    }
    long now = ticker.read();
    OptionalLong heard = state.isReachable() ? OptionalLong.of(now) : old.lastHeard();
    OptionalLong suspected = state == MemberState.SUSPECT ? OptionalLong.of(now)
        : state == MemberState.DEAD ? old.suspectedAt() : OptionalLong.empty();
    members.put(node, new MemberEntry(state, now, heard, suspected, OptionalLong.empty(),
        state.isReachable() ? old.hearsSelf() : Hearing.UNKNOWN));
    publish(false);
  }

  /**
   * Sets what {@code node}'s heartbeats say about hearing this node, as the UDP membership reports
   * it ({@link MemberEntry#hearsSelf}); publishes a view when it changes. {@link #set} keeps it.
   */
  public void setHearsSelf(NodeId node, Hearing hearing) {
    MemberEntry old = members.get(node);
    if (old == null) {
      throw new IllegalArgumentException("node '" + node + "' is not a member " + members.keySet());
    }
    if (old.hearsSelf() != hearing) {
      members.put(node, old.withHearsSelf(hearing));
      publish(false);
    }
  }

  /**
   * Makes {@code node} reachable but unauthenticated, as the UDP membership reports a peer whose
   * host sends heartbeats that fail authentication: {@code SUSPECT}, flagged since now. {@link #set}
   * clears the flag.
   */
  public void setUnauthenticated(NodeId node) {
    MemberEntry old = members.get(node);
    if (old == null) {
      throw new IllegalArgumentException("node '" + node + "' is not a member " + members.keySet());
    }
    long now = ticker.read();
    boolean wasSuspect = old.state() == MemberState.SUSPECT;
    members.put(node, new MemberEntry(MemberState.SUSPECT, wasSuspect ? old.since() : now, old.lastHeard(),
        wasSuspect ? old.suspectedAt() : OptionalLong.of(now), OptionalLong.of(now)));
    publish(false);
  }

  /** Sets several states at once, in one new view. */
  public void setAll(Map<NodeId, MemberState> states) {
    long now = ticker.read();
    boolean changed = false;
    for (Map.Entry<NodeId, MemberState> e : new TreeMap<>(states).entrySet()) {
      MemberEntry old = members.get(e.getKey());
      if (old == null) {
        throw new IllegalArgumentException("node '" + e.getKey() + "' is not a member " + members.keySet());
      }
      if (old.state() != e.getValue()) {
        members.put(e.getKey(), new MemberEntry(e.getValue(), now,
            e.getValue().isReachable() ? OptionalLong.of(now) : old.lastHeard(),
            e.getValue() == MemberState.SUSPECT ? OptionalLong.of(now) : OptionalLong.empty()));
        changed = true;
      }
    }
    if (changed) {
      publish(false);
    }
  }

  /** Publishes the same states as a merge view (a partition healed). */
  public void merge() {
    publish(true);
  }

  /** Reports a configuration mismatch to listeners. */
  public void reportConfigMismatch(NodeId peer, long ours, long theirs) {
    listeners.fire(l -> l.configMismatch(peer, ours, theirs));
  }

  /** Reports a late heartbeat to listeners. */
  public void reportLateHeartbeat(NodeId peer, Duration late) {
    listeners.fire(l -> l.lateHeartbeat(peer, late));
  }

  public boolean isStarted() {
    return started;
  }

  public boolean isClosed() {
    return closed;
  }

  @Override
  public void close() {
    closed = true;
  }

  private void publish(boolean merged) {
    MembershipView v = new MembershipView(view.epoch() + 1, self, members, merged);
    view = v;
    listeners.fire(l -> l.viewChanged(v));
  }

  @Override
  public String toString() {
    return "ManualMembership{" + view + "}";
  }
}
