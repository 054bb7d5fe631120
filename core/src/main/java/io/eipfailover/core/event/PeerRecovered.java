package io.eipfailover.core.event;

import io.eipfailover.core.NodeId;
import io.eipfailover.core.NodeState;
import java.time.Instant;

/** A suspected or dead peer is heard from again, now in {@code state}. */
public record PeerRecovered(NodeId self, Instant at, NodeId peer, NodeState state) implements FailoverEvent {}
