package io.eipfailover.core;

/**
 * Whether a member hears the local node, as the member's own heartbeats say: each UDP heartbeat
 * names the peers its sender hears (see {@link MemberEntry#hearsSelf}). Tells a one-way partition
 * (we hear the member, it does not hear us) from a healthy link.
 */
public enum Hearing {
  /** The member's last heartbeat said it hears this node. */
  YES,
  /** The member's last heartbeat said it does not hear this node: it believes this node dead. */
  NO,
  /** Not known: no heartbeat yet, a peer on the older wire format, or a membership that cannot tell (JGroups). */
  UNKNOWN
}
