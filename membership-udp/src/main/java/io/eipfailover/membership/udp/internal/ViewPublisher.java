package io.eipfailover.membership.udp.internal;

import io.eipfailover.core.AnnouncedStatus;
import io.eipfailover.core.MemberEntry;
import io.eipfailover.core.MembershipView;
import io.eipfailover.core.NodeId;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * The protocol's views: an input that changed some state marks the view changed, and at the end of
 * the input one new view (epoch + 1) is built and published. Built on changes only; {@link #view()}
 * adds the peers' current {@code lastHeard} at read time ({@link HeardTimes}), so a heartbeat costs
 * no view. Written by the protocol thread; {@link #view()} from any thread.
 */
final class ViewPublisher {
  private final NodeId self;
  private final PeerRecord[] peers;
  private final HeardTimes heardTimes;
  private long epoch;
  private boolean changed;
  private boolean merged;
  private volatile MembershipView published;

  ViewPublisher(NodeId self, PeerRecord[] peers, AnnouncedStatus selfStatus, long selfSince) {
    this.self = self;
    this.peers = peers;
    this.heardTimes = new HeardTimes(peers.length);
    this.epoch = 1;
    publish(selfStatus, selfSince);
  }

  /** The latest view with each peer's {@code lastHeard} brought up to date. Thread-safe. */
  MembershipView view() {
    return heardTimes.refresh(published, peers);
  }

  /** Peer {@code p} was heard at {@code now}. */
  void heard(PeerRecord p, long now) {
    heardTimes.heard(p.index, now);
  }

  /** Some state changed during the current input. */
  void changed() {
    changed = true;
  }

  /** A convicted peer was heard again within its incarnation: the next view says a partition healed. */
  void merged() {
    merged = true;
  }

  /** Ends an input: the new view when something changed, else null. */
  MembershipView finish(AnnouncedStatus selfStatus, long selfSince) {
    MembershipView fresh = null;
    if (changed) {
      changed = false;
      epoch++;
      fresh = publish(selfStatus, selfSince);
    }
    merged = false;
    return fresh;
  }

  private MembershipView publish(AnnouncedStatus selfStatus, long selfSince) {
    Map<NodeId, MemberEntry> members = new TreeMap<>();
    members.put(self, new MemberEntry(selfStatus.asState(), selfSince, OptionalLong.empty(), OptionalLong.empty()));
    for (PeerRecord p : peers) {
      members.put(p.id, p.toMemberEntry());
    }
    published = new MembershipView(epoch, self, members, merged);
    return published;
  }
}
