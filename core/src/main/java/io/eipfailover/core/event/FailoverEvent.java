package io.eipfailover.core.event;

import io.eipfailover.core.NodeId;
import java.time.Instant;

/**
 * Everything an {@code EipFailover} reports. Immutable records with readable {@code toString()};
 * delivered in order to each listener on its executor.
 */
public sealed interface FailoverEvent
    permits ViewChanged, PeerSuspected, PeerDead, PeerRecovered, GuardDenied, TakeoverStarted, DryRunTakeover,
        TakeoverCompleted, TakeoverFailed, FailBack, DriftRepaired, ConfigMismatch, LocalStatusChanged,
        PlacementShortfall {
  /** The node that reports the event. */
  NodeId self();

  /** Wall-clock time of the event (from the injected clock). */
  Instant at();
}
