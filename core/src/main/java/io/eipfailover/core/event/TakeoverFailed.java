package io.eipfailover.core.event;

import io.eipfailover.core.AttachmentPoint;
import io.eipfailover.core.ElasticIp;
import io.eipfailover.core.ElasticIpManagerException;
import io.eipfailover.core.NodeId;
import java.time.Duration;
import java.time.Instant;

/** An associate call failed; it is retried after {@code retryIn}. */
public record TakeoverFailed(
    NodeId self, Instant at, ElasticIp elasticIp, AttachmentPoint target, ElasticIpManagerException.Kind kind,
    String error, Duration retryIn) implements FailoverEvent {}
