package io.eipfailover.core;

import java.time.Duration;

/**
 * Receives what a {@link Membership} learns. Called in order, on the executor given at
 * registration, never under the membership's locks.
 */
public interface MembershipListener {
  /** The view changed (a node's state changed, or a partition merged). */
  void viewChanged(MembershipView view);

  /**
   * A peer announced a configuration fingerprint that differs from ours: the two nodes were given
   * different topologies and would compute different plans. Reported, never silently ignored.
   */
  default void configMismatch(NodeId peer, long ourFingerprint, long theirFingerprint) {}

  /** A heartbeat from {@code peer} arrived (or is missing) later than the warning time. */
  default void lateHeartbeat(NodeId peer, Duration late) {}
}
