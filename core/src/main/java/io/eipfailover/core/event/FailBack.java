package io.eipfailover.core.event;

import io.eipfailover.core.ElasticIp;
import io.eipfailover.core.NodeId;
import java.time.Instant;
import java.util.Optional;

/** This node pulled its own (home) EIP back from {@code from}. */
public record FailBack(NodeId self, Instant at, ElasticIp elasticIp, Optional<NodeId> from) implements FailoverEvent {}
