package io.eipfailover.membership.jgroups.internal;

import com.google.common.base.Ticker;
import io.eipfailover.core.ClusterTopology;
import io.eipfailover.core.NodeId;
import io.eipfailover.membership.jgroups.JGroupsSecurity;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.UnaryOperator;
import org.jgroups.JChannel;
import org.jgroups.stack.Protocol;

/**
 * The validated settings of one {@code JGroupsMembership}, as the builder hands them over. Exactly
 * one of {@code channel}, {@code stackFile} or the default-stack fields ({@code bindAddress},
 * {@code initialMembers}) is in use; {@code scheduler} is null when we create our own.
 */
public record MembershipSettings(
    NodeId self,
    ClusterTopology topology,
    String clusterName,
    JChannel channel,
    Path stackFile,
    InetAddress bindAddress,
    int bindPort,
    List<InetSocketAddress> initialMembers,
    Duration heartbeatInterval,
    Duration failureTimeout,
    Duration verifyTimeout,
    Duration mergeMinInterval,
    Duration mergeMaxInterval,
    Duration joinTimeout,
    Duration announceInterval,
    Duration mismatchReportInterval,
    JGroupsSecurity security,
    UnaryOperator<List<Protocol>> stackCustomizer,
    ScheduledExecutorService scheduler,
    Ticker ticker) {}
