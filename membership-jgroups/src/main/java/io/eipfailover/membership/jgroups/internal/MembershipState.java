package io.eipfailover.membership.jgroups.internal;

import io.eipfailover.core.AnnouncedStatus;
import io.eipfailover.core.MembershipListener;
import io.eipfailover.core.MembershipView;
import io.eipfailover.core.NodeId;
import io.eipfailover.core.runtime.ListenerBus;
import io.eipfailover.core.runtime.RateLimitedLog;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.jgroups.Address;
import org.jgroups.MergeView;
import org.jgroups.View;
import org.jgroups.util.NameCache;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What this node knows about the JGroups group, and the rules that turn it into published views.
 * Confined to the membership's single logical thread (except {@link #current()} and {@link
 * #setSelfStatus}, which are volatile reads/writes). Keyed by JGroups {@link Address}: a restarted
 * node has a new address with the same name, so its old incarnation's state never leaks into the
 * new one.
 */
final class MembershipState {
  private static final Logger LOG = LoggerFactory.getLogger(MembershipState.class);

  private final JGroupsParts parts;
  private final NodeId self;
  private final ConcurrentMap<Address, Long> heard;
  private final ListenerBus<MembershipListener> bus;
  private final AtomicLong dropped;
  private final Consumer<byte[]> sender;
  private volatile AnnouncedStatus selfStatus = AnnouncedStatus.ALIVE;
  private volatile MembershipView current;
  private volatile boolean closed;
  // Loop-confined:
  private Address selfAddress;
  private View view;
  private final Map<Address, NodeId> names = new HashMap<>();
  private final Map<Address, Announcement> announced = new HashMap<>();
  private final Map<NodeId, Long> suspectedAt = new HashMap<>();
  private final Map<NodeId, Long> lastHeard = new HashMap<>();
  private final Map<NodeId, Long> lastMismatchReport = new HashMap<>();
  /** Strangers' and impostors' lines: a budget per kind, not per address (there may be many). */
  private final RateLimitedLog strangers;
  private boolean mergePending;
  private long sequence;

  MembershipState(JGroupsParts parts, ConcurrentMap<Address, Long> heard, ListenerBus<MembershipListener> bus,
      AtomicLong dropped, Consumer<byte[]> sender) {
    this.parts = parts;
    this.self = parts.self();
    this.heard = heard;
    this.bus = bus;
    this.dropped = dropped;
    this.sender = sender;
    this.current = JGroupsMembershipImpl.initialView(parts, selfStatus, parts.ticker().read());
    this.strangers = RateLimitedLog.create(LOG, parts.ticker());
  }

  MembershipView current() {
    return current;
  }

  void setSelfStatus(AnnouncedStatus status) {
    this.selfStatus = status;
  }

  void markClosed() {
    closed = true;
  }

  void onStarted(Address local, View initial) {
    selfAddress = local;
    if (view == null && initial != null) {
      onView(initial);
    } else {
      // Views delivered during connect() were applied before we knew our address: announce now.
      announceNow();
      recompute();
    }
  }

  void onSelfStatusChanged() {
    announceNow();
    recompute();
  }

  /** Multicasts our state (only once connected). */
  void announceNow() {
    if (selfAddress != null && !closed) {
      sender.accept(new Announcement(self, selfStatus, parts.topology().fingerprint(), ++sequence).encode());
    }
  }

  void onView(View v) {
    boolean merge = v instanceof MergeView;
    Set<NodeId> before = nodesInView();
    foldHeard();
    view = v;
    Set<Address> members = new HashSet<>(v.getMembers());
    names.keySet().retainAll(members);
    announced.keySet().retainAll(members);
    heard.keySet().retainAll(members);
    for (Address a : v.getMembers()) {
      if (!a.equals(selfAddress) && !names.containsKey(a)) {
        resolveName(a);
      }
    }
    for (NodeId n : nodesInView()) {
      if (!before.contains(n)) {
        suspectedAt.remove(n);
      }
    }
    mergePending |= merge;
    LOG.info("[id={}] JGroups {}{}", self, merge ? "merge " : "", v);
    announceNow();
    recompute();
  }

  private void resolveName(Address a) {
    String name = NameCache.get(a);
    try {
      NodeId n = NodeId.of(name);
      if (parts.topology().contains(n)) {
        names.put(a, n);
        return;
      }
    } catch (IllegalArgumentException notANodeId) {
      // fall through: a stranger
    }
    strangers.warn("stranger", "[id={}] JGroups member {} is not a node of the topology {}; ignored", self, name,
        parts.topology().nodeIds());
  }

  void onMessage(Address src, byte[] payload) {
    if (src == null || src.equals(selfAddress)) {
      return;
    }
    if (view == null || !view.containsMember(src)) {
      dropped.incrementAndGet();
      LOG.debug("[id={}] state message from non-member {} dropped", self, src);
      return;
    }
    Announcement a;
    try {
      a = Announcement.decode(payload, 0, payload.length);
    } catch (IllegalArgumentException e) {
      dropped.incrementAndGet();
      LOG.debug("[id={}] undecodable message from {} dropped: {}", self, src, e.getMessage());
      return;
    }
    Announcement previous = announced.get(src);
    if (previous != null && a.sequence() <= previous.sequence()) {
      return; // a late copy of an older announcement (out-of-band delivery is unordered)
    }
    String logicalName = NameCache.get(src);
    if (!a.node().value().equals(logicalName)) {
      dropped.incrementAndGet();
      strangers.warn("renamed", "[id={}] member {} announces node id {} under another JGroups name; dropped", self,
          logicalName, a.node());
      return;
    }
    long ours = parts.topology().fingerprint();
    if (a.fingerprint() != ours) {
      reportMismatch(a.node(), ours, a.fingerprint());
    }
    if (a.node().equals(self)) {
      strangers.error("duplicate id", "[id={}] another member ({}) also calls itself {}: node ids must be unique;"
          + " ignored", self, src, self);
      return;
    }
    if (!parts.topology().contains(a.node())) {
      return; // resolveName already warned about this stranger
    }
    names.put(src, a.node());
    announced.put(src, a);
    recompute();
  }

  private void reportMismatch(NodeId peer, long ours, long theirs) {
    long now = parts.ticker().read();
    Long last = lastMismatchReport.get(peer);
    if (last != null && now - last < parts.config().configMismatchReportInterval().toNanos()) {
      return;
    }
    lastMismatchReport.put(peer, now);
    LOG.warn("[id={}] peer {} has topology fingerprint {}, ours is {}: the nodes were given different"
        + " topologies and may compute different placements", self, peer, Long.toHexString(theirs), Long.toHexString(ours));
    bus.post("configMismatch from " + peer, l -> l.configMismatch(peer, ours, theirs));
  }

  void onSuspected(List<Address> members, long at) {
    boolean changed = false;
    for (Address a : members) {
      NodeId n = names.get(a);
      if (n != null && suspectedAt.putIfAbsent(n, at) == null) {
        LOG.info("[id={}] failure detection suspects {}", self, n);
        changed = true;
      }
    }
    if (changed) {
      recompute();
    }
  }

  void onUnsuspected(Address member) {
    NodeId n = names.get(member);
    if (n != null && suspectedAt.remove(n) != null) {
      LOG.info("[id={}] {} answered: no longer suspected", self, n);
      recompute();
    }
  }

  private Set<NodeId> nodesInView() {
    Set<NodeId> nodes = new HashSet<>();
    if (view != null) {
      for (Address a : view.getMembers()) {
        NodeId n = names.get(a);
        if (n != null) {
          nodes.add(n);
        }
      }
    }
    return nodes;
  }

  private void foldHeard() {
    heard.forEach((a, t) -> {
      NodeId n = names.get(a);
      if (n != null) {
        lastHeard.merge(n, t, Math::max);
      }
    });
  }

  /** Maps everything to a view and publishes it if a state or the merge flag changed. */
  void recompute() {
    if (closed) {
      return;
    }
    foldHeard();
    Map<NodeId, AnnouncedStatus> inView = new HashMap<>();
    if (view != null) {
      for (Address a : view.getMembers()) {
        NodeId n = names.get(a);
        if (n == null || a.equals(selfAddress) || n.equals(self)) {
          continue;
        }
        Announcement an = announced.get(a);
        inView.put(n, an == null ? null : an.status());
      }
    }
    MembershipView previous = current;
    MembershipView candidate = ViewMapper.map(new ViewMapper.Input(previous.epoch() + 1, self, selfStatus,
        parts.topology().nodeIds(), inView, suspectedAt, lastHeard, previous, parts.ticker().read(), mergePending));
    if (mergePending && !inView.containsValue(null)) {
      mergePending = false;
    }
    if (!ViewMapper.sameStates(candidate, previous)) {
      current = candidate;
      LOG.info("[id={}] {}", self, candidate);
      bus.post(candidate, l -> l.viewChanged(candidate));
    }
  }
}
