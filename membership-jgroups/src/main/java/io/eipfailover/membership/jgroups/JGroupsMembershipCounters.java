package io.eipfailover.membership.jgroups;

/**
 * A snapshot of a {@link JGroupsMembership}'s counters, all counted since {@code start()}.
 *
 * @param heartbeatsSent heartbeats the stack's failure detector ({@code FD_ALL3} in the default
 *     stack) sent; 0 with a stack that has none
 * @param heartbeatsReceived heartbeats that failure detector received
 * @param suspicions raw suspicions the failure detectors raised ({@code FD_SOCK2}, {@code FD_ALL3}),
 *     one per suspected member, before {@code VERIFY_SUSPECT2} checks them
 * @param groupViews JGroups views this node installed (joins, leaves, merges)
 * @param merges of those, merge views (a partition healed)
 * @param droppedMessages state messages dropped: undecodable, from a non-member, or announcing a
 *     node id under another JGroups name
 */
public record JGroupsMembershipCounters(
    long heartbeatsSent,
    long heartbeatsReceived,
    long suspicions,
    long groupViews,
    long merges,
    long droppedMessages) {}
