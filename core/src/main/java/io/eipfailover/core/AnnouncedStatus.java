package io.eipfailover.core;

/**
 * What a node announces about itself in its heartbeats (its health check and standby decide it);
 * peers who hear it show it as the {@link MemberState} of the same name.
 */
public enum AnnouncedStatus {
  /** Healthy and active: serving and able to hold EIPs. */
  ALIVE,
  /** In maintenance: peers pull its EIPs (gap-free), it takes none. */
  STANDBY,
  /** Its local service is down: peers pull its EIPs, it takes none. */
  UNHEALTHY;

  /** The view state a reachable node with this status has. */
  public MemberState asState() {
    return switch (this) {
      case ALIVE -> MemberState.ALIVE;
      case STANDBY -> MemberState.STANDBY;
      case UNHEALTHY -> MemberState.UNHEALTHY;
    };
  }
}
