package io.eipfailover.core.event;

import io.eipfailover.core.NodeId;
import java.time.Instant;

/** A peer's heartbeats are late; nothing moves yet. */
public record PeerSuspected(NodeId self, Instant at, NodeId peer) implements FailoverEvent {}
