package io.eipfailover.membership.jgroups.internal;

import com.google.common.base.Ticker;
import io.eipfailover.core.ClusterTopology;
import io.eipfailover.core.NodeId;
import io.eipfailover.membership.jgroups.JGroupsMembershipConfig;
import io.eipfailover.membership.jgroups.JGroupsSecurity;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.UnaryOperator;
import org.jgroups.JChannel;
import org.jgroups.stack.Protocol;

/**
 * What {@code JGroupsMembershipBuilder} hands to the implementation: identity, the channel source,
 * collaborators and the tunables ({@link JGroupsMembershipConfig}), all validated. Exactly one of
 * {@code channel}, {@code stackFile} or the default-stack fields ({@code bindAddress}, {@code
 * initialMembers}) is in use. Not API.
 *
 * @param channel a channel of the caller's (connected and disconnected by us, never closed), or null
 * @param stackFile a stack file to build our own channel from, or null
 * @param scheduler the caller's scheduler (never shut down by us), or null for one of our own
 */
public record JGroupsParts(
    NodeId self,
    ClusterTopology topology,
    String clusterName,
    JChannel channel,
    Path stackFile,
    InetAddress bindAddress,
    int bindPort,
    List<InetSocketAddress> initialMembers,
    JGroupsSecurity security,
    UnaryOperator<List<Protocol>> stackCustomizer,
    ScheduledExecutorService scheduler,
    Ticker ticker,
    JGroupsMembershipConfig config) {}
