package io.eipfailover.core.event;

import io.eipfailover.core.AttachmentPoint;
import io.eipfailover.core.ElasticIp;
import io.eipfailover.core.NodeId;
import java.time.Instant;
import java.util.Optional;

/**
 * In a dry run, this node would now associate {@code elasticIp} with {@code target}, but sends
 * nothing. Reported once per target, not on every pass.
 */
public record DryRunTakeover(
    NodeId self, Instant at, ElasticIp elasticIp, Optional<NodeId> from, AttachmentPoint target, String reason)
    implements FailoverEvent {}
