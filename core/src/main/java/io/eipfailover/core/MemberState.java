package io.eipfailover.core;

/**
 * What this node's membership believes about one member of the cluster (this node included): the
 * state in each {@link MemberEntry} of a {@link MembershipView}. A peer's state follows what it
 * announces ({@link AnnouncedStatus}) while it is heard, and SUSPECT or DEAD when it is not.
 */
public enum MemberState {
  /** Heard from recently and announcing itself healthy and active. */
  ALIVE,
  /** Heartbeats are late; not yet declared dead. Its EIPs stay where they are. */
  SUSPECT,
  /** Declared dead by the failure detector (or never heard since start-up). */
  DEAD,
  /** Alive but in maintenance: it asks peers to pull its EIPs and takes none. */
  STANDBY,
  /** Alive but its local service (HAProxy) fails its health check: peers pull its EIPs. */
  UNHEALTHY;

  /** Whether the node talks to us (alive, standby or unhealthy): it will not fight over EIPs. */
  public boolean isReachable() {
    return this == ALIVE || this == STANDBY || this == UNHEALTHY;
  }
}
