package io.eipfailover.core.event;

import io.eipfailover.core.ElasticIp;
import io.eipfailover.core.NodeId;
import java.time.Instant;
import java.util.Optional;

/** The split-brain guard refused a takeover; the EIP stays where it is. */
public record GuardDenied(NodeId self, Instant at, ElasticIp elasticIp, Optional<NodeId> holder, String reason)
    implements FailoverEvent {}
