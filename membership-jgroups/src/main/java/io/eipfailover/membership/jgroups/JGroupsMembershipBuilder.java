package io.eipfailover.membership.jgroups;

import com.google.common.base.Ticker;
import io.eipfailover.core.ClusterTopology;
import io.eipfailover.core.NodeId;
import io.eipfailover.core.runtime.Checks;
import io.eipfailover.membership.jgroups.internal.JGroupsMembershipImpl;
import io.eipfailover.membership.jgroups.internal.JGroupsParts;
import io.eipfailover.membership.jgroups.internal.Slf4jBridge;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jgroups.JChannel;
import org.jgroups.stack.Protocol;

/**
 * Builds a {@link JGroupsMembership}: identity, the channel source and collaborators are set here;
 * the tunables are one value, {@link #config(JGroupsMembershipConfig)}. Three ways to get a
 * channel, exactly one of which is used:
 *
 * <ol>
 *   <li>the default EC2 stack (see the module README), from {@link #bindAddress}, {@link #bindPort}
 *       and {@link #initialMembers}, tuned by the config's timings; we create and close the channel;
 *   <li>{@link #stackFile}: a JGroups XML stack of yours; we create and close the channel;
 *   <li>{@link #channel}: a channel you created; we name, connect and disconnect it, never close it.
 * </ol>
 *
 * <p>Ownership (the rule of every eip-failover component: it undoes exactly what it did): a channel
 * or scheduler we create, {@code close()} closes or shuts down (also when the membership is closed
 * without having been started). What you inject stays yours: an injected {@link #channel} is
 * connected by {@code start()} and disconnected by {@code close()}, never closed; an injected
 * {@link #scheduler} and the listener executors are never shut down. Close them after closing the
 * membership.
 *
 * <p>Every setter validates at once and names the setting and the bad value; {@link #build()} checks
 * across fields. Creating a builder installs the JGroups-to-SLF4J log bridge (unless the
 * application set a JGroups log factory itself); do it before creating JGroups objects of your own
 * (an injected channel) so their loggers are bridged too. Not thread-safe.
 */
public final class JGroupsMembershipBuilder {
  private static final Pattern HOST_PORT = Pattern.compile("([^\\[\\]\\s]+)\\[(\\d{1,5})\\]");
  /** A JGroups group name: our cluster-name alphabet, longer than our cluster names may be. */
  private static final Pattern GROUP_NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");

  private NodeId self;
  private ClusterTopology topology;
  private String clusterName;
  private JChannel channel;
  private Path stackFile;
  private InetAddress bindAddress;
  private int bindPort = 7800;
  private boolean bindPortSet;
  private final List<InetSocketAddress> initialMembers = new ArrayList<>();
  private JGroupsSecurity security = JGroupsSecurity.none();
  private boolean securitySet;
  private UnaryOperator<List<Protocol>> stackCustomizer;
  private ScheduledExecutorService scheduler;
  private Ticker ticker = Ticker.systemTicker();
  private JGroupsMembershipConfig config = JGroupsMembershipConfig.defaults();

  JGroupsMembershipBuilder() {
    // As early as possible: JGroups creates its loggers when its classes are first used.
    Slf4jBridge.install();
  }

  /** This node (required); becomes the channel's logical name. */
  public JGroupsMembershipBuilder self(NodeId self) {
    this.self = Checks.notNull("self", self);
    return this;
  }

  /** The cluster (required): its nodes and its fingerprint, shared with every member. */
  public JGroupsMembershipBuilder topology(ClusterTopology topology) {
    this.topology = Checks.notNull("topology", topology);
    return this;
  }

  /**
   * The JGroups group to connect to; default the topology's cluster name. A JGroups name, so up to
   * 64 characters (our cluster names have at most 32).
   */
  public JGroupsMembershipBuilder clusterName(String clusterName) {
    this.clusterName = Checks.matches("clusterName", clusterName, GROUP_NAME, "1 to 64 characters of [A-Za-z0-9._-]");
    return this;
  }

  /**
   * Uses a channel you created (any stack). It must not be connected yet and must be dedicated to
   * this membership: we set its name and receiver, insert two pass-through observer protocols,
   * connect it in {@code start()} and disconnect it in {@code close()}. <b>We never close it</b>:
   * you do, after closing the membership.
   */
  public JGroupsMembershipBuilder channel(JChannel channel) {
    Checks.notNull("channel", channel);
    Checks.require(!channel.isClosed(), "channel must not be closed, was closed");
    Checks.require(!channel.isConnected() && !channel.isConnecting(),
        "channel must not be connected yet, was connected to '%s'", channel.clusterName());
    this.channel = channel;
    return this;
  }

  /**
   * Builds the channel from your JGroups XML stack file (bind address, discovery and timings come
   * from the file). We create and close that channel.
   */
  public JGroupsMembershipBuilder stackFile(Path stackFile) {
    Checks.notNull("stackFile", stackFile);
    Checks.require(Files.isRegularFile(stackFile) && Files.isReadable(stackFile),
        "stackFile must be a readable file, was %s", stackFile.toAbsolutePath());
    this.stackFile = stackFile;
    return this;
  }

  /** Default stack: the local address to bind TCP and FD_SOCK2 to (required; the ENI's primary IP). */
  public JGroupsMembershipBuilder bindAddress(InetAddress bindAddress) {
    this.bindAddress = Checks.notNull("bindAddress", bindAddress);
    return this;
  }

  /**
   * Default stack: the TCP port, default 7800; exactly this port (no range), so peers' {@code
   * initialMembers} can name it. FD_SOCK2 listens 100 above it (up to 10 ports).
   */
  public JGroupsMembershipBuilder bindPort(int bindPort) {
    this.bindPort = Checks.range("bindPort", bindPort, 1, 65535 - 110);
    this.bindPortSet = true;
    return this;
  }

  /**
   * Default stack: the TCPPING list, entries {@code host[port]} (e.g. {@code 10.0.1.5[7800]}),
   * resolved now. List every node (self included is fine); a joiner needs one live entry.
   */
  public JGroupsMembershipBuilder initialMembers(List<String> members) {
    Checks.notNull("initialMembers", members);
    Checks.require(!members.isEmpty(), "initialMembers must not be empty, was []");
    List<InetSocketAddress> parsed = new ArrayList<>();
    for (String m : members) {
      parsed.add(parseHostPort(m));
    }
    initialMembers.clear();
    initialMembers.addAll(parsed);
    return this;
  }

  private static InetSocketAddress parseHostPort(String entry) {
    Matcher m = entry == null ? null : HOST_PORT.matcher(entry.trim());
    Checks.require(m != null && m.matches(), "initialMembers entry must look like host[port], was '%s'", entry);
    int port = Integer.parseInt(m.group(2));
    Checks.require(port >= 1 && port <= 65535, "initialMembers entry port must be 1 to 65535, was '%s'", entry);
    try {
      return new InetSocketAddress(InetAddress.getByName(m.group(1)), port);
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("initialMembers entry host cannot be resolved, was '" + entry + "'", e);
    }
  }

  /** The tunables; default {@link JGroupsMembershipConfig#defaults()}. */
  public JGroupsMembershipBuilder config(JGroupsMembershipConfig config) {
    this.config = Checks.notNull("config", config);
    return this;
  }

  /** Default stack: encryption and join authentication; default {@link JGroupsSecurity#none()}. */
  public JGroupsMembershipBuilder security(JGroupsSecurity security) {
    this.security = Checks.notNull("security", security);
    this.securitySet = true;
    return this;
  }

  /**
   * Default stack: a last edit of the protocol list (bottom first) before the channel is built,
   * e.g. to add {@code RED}, or {@code DISCARD} for fault-injection tests. Must return a list with
   * the transport first.
   */
  public JGroupsMembershipBuilder stackCustomizer(UnaryOperator<List<Protocol>> customizer) {
    this.stackCustomizer = Checks.notNull("stackCustomizer", customizer);
    return this;
  }

  /**
   * Where our single logical thread and periodic announcements run. Never shut down by us. Default:
   * a single daemon thread we create and stop in {@code close()}.
   */
  public JGroupsMembershipBuilder scheduler(ScheduledExecutorService scheduler) {
    this.scheduler = Checks.notNull("scheduler", scheduler);
    return this;
  }

  /** Time source for MemberEntry timestamps and rate limits (share it with the reconciler). */
  public JGroupsMembershipBuilder ticker(Ticker ticker) {
    this.ticker = Checks.notNull("ticker", ticker);
    return this;
  }

  /** Checks across fields and builds (not started). */
  public JGroupsMembership build() {
    Checks.required("self", self);
    Checks.required("topology", topology);
    Checks.require(topology.contains(self), "self '%s' is not a node of the topology %s", self, topology.nodeIds());
    boolean defaultStackSettings = bindAddress != null || !initialMembers.isEmpty() || bindPortSet || securitySet
        || stackCustomizer != null;
    Checks.require(channel == null || stackFile == null, "set channel or stackFile, not both; was channel and %s",
        stackFile);
    boolean ownStack = channel != null || stackFile != null;
    String own = channel != null ? "channel" : "stackFile " + stackFile;
    Checks.require(!ownStack || !defaultStackSettings, "bindAddress, bindPort, initialMembers, security and"
        + " stackCustomizer configure the default stack and cannot be combined with %s; configure your stack instead",
        own);
    config.changedStackTiming().ifPresent(timing -> Checks.require(!ownStack, "config %s tunes the default stack and"
        + " cannot be combined with %s; set it in your stack instead", timing, own));
    if (!ownStack) {
      Checks.require(bindAddress != null,
          "bindAddress must be set for the default stack (or give channel or stackFile)");
      Checks.require(!initialMembers.isEmpty(), "initialMembers must be set for the default stack, was []");
    }
    Slf4jBridge.install();
    return new JGroupsMembershipImpl(new JGroupsParts(self, topology,
        clusterName != null ? clusterName : topology.clusterName(), channel, stackFile, bindAddress, bindPort,
        List.copyOf(initialMembers), security, stackCustomizer != null ? stackCustomizer : UnaryOperator.identity(),
        scheduler, ticker, config));
  }
}
