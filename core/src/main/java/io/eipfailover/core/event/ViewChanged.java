package io.eipfailover.core.event;

import io.eipfailover.core.MembershipView;
import io.eipfailover.core.NodeId;
import java.time.Instant;

/** The membership view changed. */
public record ViewChanged(NodeId self, Instant at, MembershipView view) implements FailoverEvent {}
