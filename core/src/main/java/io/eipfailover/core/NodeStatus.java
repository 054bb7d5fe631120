package io.eipfailover.core;

/** What a node announces about itself in its heartbeats. */
public enum NodeStatus {
  /** Healthy and active: serving and able to hold EIPs. */
  ALIVE,
  /** In maintenance: peers pull its EIPs (gap-free), it takes none. */
  STANDBY,
  /** Its local service is down: peers pull its EIPs, it takes none. */
  UNHEALTHY;

  /** The view state a reachable node with this status has. */
  public NodeState asState() {
    return switch (this) {
      case ALIVE -> NodeState.ALIVE;
      case STANDBY -> NodeState.STANDBY;
      case UNHEALTHY -> NodeState.UNHEALTHY;
    };
  }
}
