package io.eipfailover.core.event;

import io.eipfailover.core.AttachmentPoint;
import io.eipfailover.core.ElasticIp;
import io.eipfailover.core.NodeId;
import io.eipfailover.core.ObservedAssociation;
import java.time.Instant;

/**
 * A resync found an EIP away from its planned place with no membership change to explain it
 * (moved by hand, a half-failed call) and this node pulled it back.
 */
public record DriftRepaired(
    NodeId self, Instant at, ElasticIp elasticIp, ObservedAssociation found, AttachmentPoint target)
    implements FailoverEvent {}
