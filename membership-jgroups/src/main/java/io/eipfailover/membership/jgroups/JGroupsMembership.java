package io.eipfailover.membership.jgroups;

import io.eipfailover.core.Membership;

/**
 * A {@link Membership} on a JGroups {@code JChannel}: the choice when a cluster outgrows a pair (N
 * nodes across availability zones, partitions and merges handled by an established group
 * membership engine).
 *
 * <p>How it maps JGroups to the core model:
 *
 * <ul>
 *   <li>Each member's logical name ({@code JChannel.name}) is its {@code NodeId}; members whose name
 *       is not a node of the topology are ignored.
 *   <li>Every member multicasts a small state message (its {@code AnnouncedStatus} and its topology
 *       fingerprint) when its status changes, after every view change and every announce
 *       interval. A peer in the JGroups view maps to the status it announced; a peer that has not
 *       announced since it joined, or that a failure detector suspects, is {@code SUSPECT}; a
 *       topology node outside the view is {@code DEAD}.
 *   <li>A JGroups {@code MergeView} yields views with {@code merged = true} until every member of
 *       the merged group has announced, so the reconciler re-asserts placement on full knowledge.
 *   <li>The epoch is our own counter, +1 per published view (JGroups view ids are not monotonic
 *       across merges); a view is published only when some node's state or the merge flag changes.
 *   <li>A peer announcing a different topology fingerprint is reported through {@code
 *       MembershipListener.configMismatch}, at most once per report interval per peer.
 * </ul>
 *
 * <p>Lifecycle: {@link #start()} once: it names the channel after this node, connects it and blocks
 * until this node joined (up to the join timeout) or formed a singleton group. {@link #close()}
 * is idempotent: it leaves the cluster, closes a channel we built (an injected one is only
 * disconnected) and stops a scheduler we created. Thread-safe: JGroups callbacks only hand off to
 * one logical thread (a sequential executor on the scheduler), where all state lives; listeners are
 * called in order on their own executors, never under our locks.
 */
public interface JGroupsMembership extends Membership {
  /** A new builder. */
  static JGroupsMembershipBuilder builder() {
    return new JGroupsMembershipBuilder();
  }

  /** State messages dropped because they could not be decoded or came from a non-member. */
  long droppedMessages();

  /** A snapshot of the counters (heartbeats, suspicions, views, drops), all zero before {@link #start()}. */
  JGroupsMembershipCounters counters();
}
