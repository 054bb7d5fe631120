package io.eipfailover.core.event;

import io.eipfailover.core.NodeId;
import java.time.Instant;

/** A peer was declared dead by the membership. */
public record PeerDead(NodeId self, Instant at, NodeId peer) implements FailoverEvent {}
