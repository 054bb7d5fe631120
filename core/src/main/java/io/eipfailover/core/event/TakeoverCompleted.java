package io.eipfailover.core.event;

import io.eipfailover.core.AttachmentPoint;
import io.eipfailover.core.ElasticIp;
import io.eipfailover.core.NodeId;
import java.time.Instant;
import java.util.Optional;

/**
 * The associate call succeeded. The timeline's {@code confirmed} step is filled in by a later
 * describe and reported in {@code status()}.
 */
public record TakeoverCompleted(
    NodeId self, Instant at, ElasticIp elasticIp, Optional<NodeId> from, AttachmentPoint target,
    FailoverTimeline timeline) implements FailoverEvent {}
