package io.eipfailover.core.testing;

import io.eipfailover.core.AnnouncedStatus;
import io.eipfailover.core.ClusterTopology;
import io.eipfailover.core.Hearing;
import io.eipfailover.core.MemberEntry;
import io.eipfailover.core.MemberState;
import io.eipfailover.core.Membership;
import io.eipfailover.core.MembershipListener;
import io.eipfailover.core.MembershipView;
import io.eipfailover.core.NodeId;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/**
 * A small deadline-based heartbeat {@link Membership} over a {@link SimNetwork}, so the core
 * simulation has realistic, lossy membership without the UDP module. Every {@code interval} it
 * sends each peer a heartbeat (status, incarnation, sequence number, topology fingerprint) and
 * re-evaluates its peers; a heartbeat also says which nodes its sender hears (not DEAD in its view),
 * which gives {@link MemberEntry#hearsSelf}. Silent for more than half of {@code deadAfter} ⇒ SUSPECT, more than {@code
 * deadAfter} ⇒ DEAD, never heard ⇒ DEAD, otherwise the status the peer announces. Old incarnations
 * and repeated sequence numbers (duplicates, replays) are dropped. A check that runs late by more
 * than one interval (this node was paused) convicts nobody: it waits for fresh heartbeats.
 *
 * <p>Not a production protocol: no authentication. All work runs on the node's {@link
 * VirtualScheduler}; not thread-safe.
 */
public final class SimHeartbeatMembership implements Membership {
  private static final short MAGIC = 0x5348;

  private final NodeId self;
  private final ClusterTopology topology;
  private final SimNetwork network;
  private final VirtualScheduler scheduler;
  private final long interval;
  private final long deadAfter;
  private final ListenerList listeners;
  private final Map<NodeId, MemberEntry> members = new TreeMap<>();
  private final Map<NodeId, long[]> lastSeq = new TreeMap<>();
  private final Map<NodeId, Long> mismatchReported = new TreeMap<>();
  private final Map<String, NodeId> byName = new TreeMap<>();
  private SimNetwork.Endpoint endpoint;
  private MembershipView view;
  private AnnouncedStatus status = AnnouncedStatus.ALIVE;
  private long incarnation;
  private long seq;
  private long nextCheckAt;
  private boolean started;
  private boolean closed;
  private long dropped;

  /**
   * A membership of {@code self} in {@code topology}, heartbeating every {@code interval} and
   * declaring a peer dead after {@code deadAfterIntervals} silent intervals (at least 2).
   */
  public SimHeartbeatMembership(NodeId self, ClusterTopology topology, SimNetwork network, VirtualScheduler scheduler,
      Duration interval, int deadAfterIntervals) {
    this.self = Objects.requireNonNull(self, "self");
    this.topology = Objects.requireNonNull(topology, "topology");
    this.network = Objects.requireNonNull(network, "network");
    this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
    if (interval == null || interval.isNegative() || interval.isZero()) {
      throw new IllegalArgumentException("interval must be > 0, was " + interval);
    }
    if (deadAfterIntervals < 2) {
      throw new IllegalArgumentException("deadAfterIntervals must be >= 2, was " + deadAfterIntervals);
    }
    topology.node(self);
    this.interval = interval.toNanos();
    this.deadAfter = this.interval * deadAfterIntervals;
    this.listeners = new ListenerList(self);
    long now = scheduler.ticker().read();
    for (NodeId n : topology.nodeIds()) {
      byName.put(n.value(), n);
      members.put(n, n.equals(self) ? new MemberEntry(MemberState.ALIVE, now, OptionalLong.of(now), OptionalLong.empty())
          : MemberEntry.of(MemberState.DEAD, now));
    }
    view = new MembershipView(0, self, members);
  }

  /** The detection bound: a silent peer is DEAD at most this long (plus one interval) after its last heartbeat. */
  public Duration deadAfter() {
    return Duration.ofNanos(deadAfter);
  }

  @Override
  public void start() {
    if (started) {
      throw new IllegalStateException("membership of " + self + " already started");
    }
    started = true;
    incarnation = scheduler.ticker().read() + 1;
    endpoint = network.bind(self.value(), scheduler, d -> receive(d.payload()));
    nextCheckAt = scheduler.ticker().read() + interval;
    scheduler.execute(this::heartbeat);
  }

  @Override
  public MembershipView view() {
    return view;
  }

  @Override
  public void announce(AnnouncedStatus status) {
    this.status = Objects.requireNonNull(status, "status");
    scheduler.execute(() -> {
      setState(self, status.asState(), scheduler.ticker().read());
      sendAll();
    });
  }

  @Override
  public void addListener(MembershipListener listener, Executor executor) {
    listeners.add(listener, executor);
  }

  /** Datagrams dropped as malformed, stale or replayed. */
  public long dropped() {
    return dropped;
  }

  @Override
  public void close() {
    if (!closed) {
      closed = true;
      if (endpoint != null) {
        endpoint.close();
      }
    }
  }

  private void heartbeat() {
    if (closed) {
      return;
    }
    sendAll();
    check();
    scheduler.schedule(this::heartbeat, interval, TimeUnit.NANOSECONDS);
  }

  private void sendAll() {
    if (closed || endpoint == null) {
      return;
    }
    byte[] id = self.bytes();
    ByteBuffer b = ByteBuffer.allocate(2 + 1 + 8 + 8 + 8 + 1 + id.length + members.size());
    b.putShort(MAGIC).put((byte) status.ordinal()).putLong(incarnation).putLong(++seq).putLong(topology.fingerprint())
        .put((byte) id.length).put(id);
    for (MemberEntry m : members.values()) { // the nodes this one hears, in topology order
      b.put((byte) (m.state() == MemberState.DEAD ? 0 : 1));
    }
    for (NodeId peer : members.keySet()) {
      if (!peer.equals(self)) {
        endpoint.send(peer.value(), b.array());
      }
    }
  }

  private void check() {
    long now = scheduler.ticker().read();
    boolean late = now - nextCheckAt > interval;
    nextCheckAt = now + interval;
    if (late) {
      return; // we were paused: silence is ours, not theirs; wait for fresh heartbeats
    }
    for (Map.Entry<NodeId, MemberEntry> e : new TreeMap<>(members).entrySet()) {
      NodeId peer = e.getKey();
      MemberEntry p = e.getValue();
      if (peer.equals(self) || p.lastHeard().isEmpty()) {
        continue;
      }
      long silent = now - p.lastHeard().getAsLong();
      if (silent > deadAfter) {
        setState(peer, MemberState.DEAD, now);
      } else if (silent > deadAfter / 2 && p.state() != MemberState.DEAD) {
        setState(peer, MemberState.SUSPECT, now);
      }
    }
  }

  private void receive(byte[] payload) {
    if (closed) {
      return;
    }
    ByteBuffer b = ByteBuffer.wrap(payload);
    if (payload.length < 29 || b.getShort() != MAGIC) {
      dropped++;
      return;
    }
    int statusOrdinal = b.get();
    long inc = b.getLong();
    long sequence = b.getLong();
    long fingerprint = b.getLong();
    int len = b.get();
    if (statusOrdinal < 0 || statusOrdinal >= AnnouncedStatus.values().length || len < 1
        || len + members.size() != b.remaining()) {
      dropped++;
      return;
    }
    byte[] id = new byte[len];
    b.get(id);
    Hearing hearsSelf = Hearing.UNKNOWN;
    for (NodeId n : members.keySet()) {
      byte heard = b.get();
      if (n.equals(self)) {
        hearsSelf = heard == 1 ? Hearing.YES : Hearing.NO;
      }
    }
    NodeId peer = byName.get(new String(id, StandardCharsets.US_ASCII));
    if (peer == null || peer.equals(self)) {
      dropped++;
      return;
    }
    long[] last = lastSeq.get(peer);
    if (last != null && (inc < last[0] || inc == last[0] && sequence <= last[1])) {
      dropped++;
      return;
    }
    lastSeq.put(peer, new long[] {inc, sequence});
    if (fingerprint != topology.fingerprint() && !Long.valueOf(inc).equals(mismatchReported.get(peer))) {
      mismatchReported.put(peer, inc);
      listeners.fire(l -> l.configMismatch(peer, topology.fingerprint(), fingerprint));
    }
    long now = scheduler.ticker().read();
    AnnouncedStatus s = AnnouncedStatus.values()[statusOrdinal];
    MemberEntry old = members.get(peer);
    members.put(peer, new MemberEntry(old.state(), old.since(), OptionalLong.of(now), old.suspectedAt(),
        OptionalLong.empty(), old.hearsSelf()));
    setState(peer, s.asState(), now);
    if (members.get(peer).hearsSelf() != hearsSelf) {
      members.put(peer, members.get(peer).withHearsSelf(hearsSelf));
      publish();
    }
  }

  private void setState(NodeId node, MemberState state, long now) {
    MemberEntry old = members.get(node);
    if (old.state() == state) {
      return;
    }
    OptionalLong suspected = state == MemberState.SUSPECT ? OptionalLong.of(now)
        : state == MemberState.DEAD ? old.suspectedAt() : OptionalLong.empty();
    members.put(node, new MemberEntry(state, now, old.lastHeard(), suspected, OptionalLong.empty(),
        state == MemberState.DEAD ? Hearing.UNKNOWN : old.hearsSelf()));
    publish();
  }

  private void publish() {
    MembershipView v = new MembershipView(view.epoch() + 1, self, members);
    view = v;
    listeners.fire(l -> l.viewChanged(v));
  }

  @Override
  public String toString() {
    return "SimHeartbeatMembership{" + view + "}";
  }
}
