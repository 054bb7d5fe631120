package io.eipfailover.core.event;

import io.eipfailover.core.AttachmentPoint;
import io.eipfailover.core.ElasticIp;
import io.eipfailover.core.NodeId;
import java.time.Instant;
import java.util.Optional;

/**
 * This node sends an associate call to pull {@code elasticIp} onto {@code target} (never in a dry
 * run: see {@link DryRunTakeover}).
 */
public record TakeoverStarted(
    NodeId self, Instant at, ElasticIp elasticIp, Optional<NodeId> from, AttachmentPoint target, String reason)
    implements FailoverEvent {}
