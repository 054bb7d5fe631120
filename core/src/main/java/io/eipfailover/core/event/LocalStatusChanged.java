package io.eipfailover.core.event;

import io.eipfailover.core.AnnouncedStatus;
import io.eipfailover.core.NodeId;
import java.time.Instant;

/** This node now announces {@code status} (health check result, standby or resume). */
public record LocalStatusChanged(NodeId self, Instant at, AnnouncedStatus status, String reason) implements FailoverEvent {}
