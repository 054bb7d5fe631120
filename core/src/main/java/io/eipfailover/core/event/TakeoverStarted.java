package io.eipfailover.core.event;

import io.eipfailover.core.AttachmentPoint;
import io.eipfailover.core.ElasticIp;
import io.eipfailover.core.NodeId;
import java.time.Instant;
import java.util.Optional;

/** This node sent an associate call to pull {@code elasticIp} onto {@code target}. */
public record TakeoverStarted(
    NodeId self, Instant at, ElasticIp elasticIp, Optional<NodeId> from, AttachmentPoint target, String reason)
    implements FailoverEvent {}
