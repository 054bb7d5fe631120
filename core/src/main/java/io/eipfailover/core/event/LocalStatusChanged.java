package io.eipfailover.core.event;

import io.eipfailover.core.NodeId;
import io.eipfailover.core.NodeStatus;
import java.time.Instant;

/** This node now announces {@code status} (health check result, standby or resume). */
public record LocalStatusChanged(NodeId self, Instant at, NodeStatus status, String reason) implements FailoverEvent {}
