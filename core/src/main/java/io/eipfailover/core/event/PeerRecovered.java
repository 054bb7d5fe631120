package io.eipfailover.core.event;

import io.eipfailover.core.MemberState;
import io.eipfailover.core.NodeId;
import java.time.Instant;

/** A suspected or dead peer is heard from again, now in {@code state}. */
public record PeerRecovered(NodeId self, Instant at, NodeId peer, MemberState state) implements FailoverEvent {}
