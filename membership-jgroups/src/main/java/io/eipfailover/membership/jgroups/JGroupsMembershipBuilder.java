package io.eipfailover.membership.jgroups;

import com.google.common.base.Ticker;
import io.eipfailover.core.ClusterTopology;
import io.eipfailover.core.NodeId;
import io.eipfailover.membership.jgroups.internal.JGroupsMembershipImpl;
import io.eipfailover.membership.jgroups.internal.MembershipSettings;
import io.eipfailover.membership.jgroups.internal.Slf4jBridge;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jgroups.JChannel;
import org.jgroups.stack.Protocol;

/**
 * Builds a {@link JGroupsMembership}. Three ways to get a channel, exactly one of which is used:
 *
 * <ol>
 *   <li>the default EC2 stack (see the module README), from {@link #bindAddress}, {@link #bindPort}
 *       and {@link #initialMembers}, tuned by the timing setters; we create and close the channel;
 *   <li>{@link #stackFile}: a JGroups XML stack of yours; we create and close the channel;
 *   <li>{@link #channel}: a channel you created; we name, connect and disconnect it, never close it.
 * </ol>
 *
 * Every setter validates at once and names the setting and the bad value; {@link #build()} checks
 * across fields. Creating a builder installs the JGroups-to-SLF4J log bridge (unless the
 * application set a JGroups log factory itself); do it before creating JGroups objects of your own
 * (an injected channel) so their loggers are bridged too. Not thread-safe.
 */
public final class JGroupsMembershipBuilder {
  private static final Pattern HOST_PORT = Pattern.compile("([^\\[\\]\\s]+)\\[(\\d{1,5})\\]");

  private NodeId self;
  private ClusterTopology topology;
  private String clusterName;
  private JChannel channel;
  private Path stackFile;
  private InetAddress bindAddress;
  private int bindPort = 7800;
  private boolean bindPortSet;
  private final List<InetSocketAddress> initialMembers = new ArrayList<>();
  private Duration heartbeatInterval = Duration.ofMillis(150);
  private Duration failureTimeout = Duration.ofMillis(600);
  private Duration verifyTimeout = Duration.ofMillis(250);
  private Duration mergeMinInterval = Duration.ofSeconds(1);
  private Duration mergeMaxInterval = Duration.ofSeconds(3);
  private Duration joinTimeout = Duration.ofSeconds(2);
  private Duration announceInterval = Duration.ofSeconds(1);
  private Duration mismatchReportInterval = Duration.ofMinutes(1);
  private JGroupsSecurity security = JGroupsSecurity.none();
  private boolean securitySet;
  private String stackTimingSet;
  private UnaryOperator<List<Protocol>> stackCustomizer;
  private ScheduledExecutorService scheduler;
  private Ticker ticker = Ticker.systemTicker();

  JGroupsMembershipBuilder() {
    // As early as possible: JGroups creates its loggers when its classes are first used.
    Slf4jBridge.install();
  }

  /** This node (required); becomes the channel's logical name. */
  public JGroupsMembershipBuilder self(NodeId self) {
    this.self = Objects.requireNonNull(self, "self must not be null");
    return this;
  }

  /** The cluster (required): its nodes and its fingerprint, shared with every member. */
  public JGroupsMembershipBuilder topology(ClusterTopology topology) {
    this.topology = Objects.requireNonNull(topology, "topology must not be null");
    return this;
  }

  /** The JGroups cluster to connect to; default the topology's cluster name. */
  public JGroupsMembershipBuilder clusterName(String clusterName) {
    if (clusterName == null || !clusterName.matches("[A-Za-z0-9._-]{1,64}")) {
      throw new IllegalArgumentException(
          "clusterName must be 1 to 64 characters of [A-Za-z0-9._-], was '" + clusterName + "'");
    }
    this.clusterName = clusterName;
    return this;
  }

  /**
   * Uses a channel you created (any stack). It must not be connected yet and must be dedicated to
   * this membership: we set its name and receiver, insert two pass-through observer protocols,
   * connect it in {@code start()} and disconnect it in {@code close()}. <b>We never close it</b>:
   * you do, after closing the membership.
   */
  public JGroupsMembershipBuilder channel(JChannel channel) {
    Objects.requireNonNull(channel, "channel must not be null");
    if (channel.isClosed()) {
      throw new IllegalArgumentException("channel must not be closed, was closed");
    }
    if (channel.isConnected() || channel.isConnecting()) {
      throw new IllegalArgumentException(
          "channel must not be connected yet, was connected to '" + channel.clusterName() + "'");
    }
    this.channel = channel;
    return this;
  }

  /**
   * Builds the channel from your JGroups XML stack file (bind address, discovery and timings come
   * from the file). We create and close that channel.
   */
  public JGroupsMembershipBuilder stackFile(Path stackFile) {
    Objects.requireNonNull(stackFile, "stackFile must not be null");
    if (!Files.isRegularFile(stackFile) || !Files.isReadable(stackFile)) {
      throw new IllegalArgumentException("stackFile must be a readable file, was " + stackFile.toAbsolutePath());
    }
    this.stackFile = stackFile;
    return this;
  }

  /** Default stack: the local address to bind TCP and FD_SOCK2 to (required; the ENI's primary IP). */
  public JGroupsMembershipBuilder bindAddress(InetAddress bindAddress) {
    this.bindAddress = Objects.requireNonNull(bindAddress, "bindAddress must not be null");
    return this;
  }

  /**
   * Default stack: the TCP port, default 7800; exactly this port (no range), so peers' {@code
   * initialMembers} can name it. FD_SOCK2 listens 100 above it (up to 10 ports).
   */
  public JGroupsMembershipBuilder bindPort(int bindPort) {
    if (bindPort < 1 || bindPort > 65535 - 110) {
      throw new IllegalArgumentException("bindPort must be between 1 and 65425, was " + bindPort);
    }
    this.bindPort = bindPort;
    this.bindPortSet = true;
    return this;
  }

  /**
   * Default stack: the TCPPING list, entries {@code host[port]} (e.g. {@code 10.0.1.5[7800]}),
   * resolved now. List every node (self included is fine); a joiner needs one live entry.
   */
  public JGroupsMembershipBuilder initialMembers(List<String> members) {
    Objects.requireNonNull(members, "initialMembers must not be null");
    if (members.isEmpty()) {
      throw new IllegalArgumentException("initialMembers must not be empty, was []");
    }
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
    if (m == null || !m.matches()) {
      throw new IllegalArgumentException("initialMembers entry must look like host[port], was '" + entry + "'");
    }
    int port = Integer.parseInt(m.group(2));
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("initialMembers entry port must be 1 to 65535, was '" + entry + "'");
    }
    try {
      return new InetSocketAddress(InetAddress.getByName(m.group(1)), port);
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("initialMembers entry host cannot be resolved, was '" + entry + "'", e);
    }
  }

  /**
   * Default stack: FD_ALL3's heartbeat {@code interval} and the {@code timeout} after which a
   * silent member is suspected. Defaults 150 ms and 600 ms. With VERIFY_SUSPECT2 (default 250 ms)
   * a hung or cut-off node is excluded in about 0.9-1.1 s. Shorter detects sooner but a GC pause
   * or a congested link longer than the timeout then costs a (healed) split; heartbeats are one
   * small message per interval to every member.
   */
  public JGroupsMembershipBuilder heartbeat(Duration interval, Duration timeout) {
    positive("heartbeat interval", interval);
    positive("heartbeat timeout", timeout);
    if (interval.compareTo(timeout) >= 0) {
      throw new IllegalArgumentException("heartbeat interval must be shorter than timeout (" + timeout + "), was " + interval);
    }
    this.heartbeatInterval = interval;
    this.stackTimingSet = "heartbeat";
    this.failureTimeout = timeout;
    return this;
  }

  /**
   * Default stack: how long VERIFY_SUSPECT2 waits for a suspect to answer before GMS excludes it.
   * Default 250 ms. Longer forgives more jitter, delays every exclusion by as much.
   */
  public JGroupsMembershipBuilder suspectVerifyTimeout(Duration timeout) {
    this.verifyTimeout = positive("suspectVerifyTimeout", timeout);
    this.stackTimingSet = "suspectVerifyTimeout";
    return this;
  }

  /**
   * Default stack: MERGE3's randomized interval between merge checks. Defaults 1 s and 3 s: a healed
   * partition merges within a few seconds. Shorter merges sooner for a little more traffic.
   */
  public JGroupsMembershipBuilder mergeInterval(Duration min, Duration max) {
    positive("mergeInterval min", min);
    positive("mergeInterval max", max);
    if (max.compareTo(min) <= 0) {
      throw new IllegalArgumentException("mergeInterval max must be longer than min (" + min + "), was " + max);
    }
    this.mergeMinInterval = min;
    this.stackTimingSet = "mergeInterval";
    this.mergeMaxInterval = max;
    return this;
  }

  /**
   * Default stack: how long a joiner waits for the coordinator before forming a group of its own
   * (GMS join_timeout). Default 2 s; {@code start()} blocks about this long on the first node.
   */
  public JGroupsMembershipBuilder joinTimeout(Duration timeout) {
    this.joinTimeout = positive("joinTimeout", timeout);
    this.stackTimingSet = "joinTimeout";
    return this;
  }

  /**
   * How often this node re-multicasts its state message even when nothing changed. Default 1 s.
   * It also goes out at once on every status change and view change; the periodic copy repairs
   * nothing JGroups would lose, it bounds how stale a peer's view of our status can get.
   */
  public JGroupsMembershipBuilder announceInterval(Duration interval) {
    this.announceInterval = positive("announceInterval", interval);
    return this;
  }

  /** At most one configMismatch report per peer per this interval while it persists. Default 1 min. */
  public JGroupsMembershipBuilder configMismatchReportInterval(Duration interval) {
    this.mismatchReportInterval = positive("configMismatchReportInterval", interval);
    return this;
  }

  /** Default stack: encryption and join authentication; default {@link JGroupsSecurity#none()}. */
  public JGroupsMembershipBuilder security(JGroupsSecurity security) {
    this.security = Objects.requireNonNull(security, "security must not be null");
    this.securitySet = true;
    return this;
  }

  /**
   * Default stack: a last edit of the protocol list (bottom first) before the channel is built,
   * e.g. to add {@code RED}, or {@code DISCARD} for fault-injection tests. Must return a list with
   * the transport first.
   */
  public JGroupsMembershipBuilder stackCustomizer(UnaryOperator<List<Protocol>> customizer) {
    this.stackCustomizer = Objects.requireNonNull(customizer, "stackCustomizer must not be null");
    return this;
  }

  /**
   * Where our single logical thread and periodic announcements run. Not closed by us. Default: a
   * single daemon thread we create and stop in {@code close()}.
   */
  public JGroupsMembershipBuilder scheduler(ScheduledExecutorService scheduler) {
    this.scheduler = Objects.requireNonNull(scheduler, "scheduler must not be null");
    return this;
  }

  /** Time source for PeerState timestamps and rate limits (share it with the reconciler). */
  public JGroupsMembershipBuilder ticker(Ticker ticker) {
    this.ticker = Objects.requireNonNull(ticker, "ticker must not be null");
    return this;
  }

  /** Checks across fields and builds (not started). */
  public JGroupsMembership build() {
    if (self == null) {
      throw new IllegalArgumentException("self must be set");
    }
    if (topology == null) {
      throw new IllegalArgumentException("topology must be set");
    }
    if (!topology.contains(self)) {
      throw new IllegalArgumentException("self '" + self + "' is not a node of the topology " + topology.nodeIds());
    }
    boolean defaultStackSettings = bindAddress != null || !initialMembers.isEmpty() || bindPortSet || securitySet
        || stackCustomizer != null;
    if (channel != null && stackFile != null) {
      throw new IllegalArgumentException("set channel or stackFile, not both; was channel and " + stackFile);
    }
    if ((channel != null || stackFile != null) && defaultStackSettings) {
      throw new IllegalArgumentException("bindAddress, bindPort, initialMembers, security and stackCustomizer"
          + " configure the default stack and cannot be combined with " + (channel != null ? "channel" : "stackFile "
          + stackFile) + "; configure your stack instead");
    }
    if ((channel != null || stackFile != null) && stackTimingSet != null) {
      throw new IllegalArgumentException(stackTimingSet + " tunes the default stack and cannot be combined with "
          + (channel != null ? "channel" : "stackFile " + stackFile) + "; set it in your stack instead");
    }
    if (channel == null && stackFile == null) {
      if (bindAddress == null) {
        throw new IllegalArgumentException("bindAddress must be set for the default stack (or give channel or stackFile)");
      }
      if (initialMembers.isEmpty()) {
        throw new IllegalArgumentException("initialMembers must be set for the default stack, was []");
      }
    }
    Slf4jBridge.install();
    return new JGroupsMembershipImpl(new MembershipSettings(
        self, topology, clusterName != null ? clusterName : topology.clusterName(), channel, stackFile,
        bindAddress, bindPort, List.copyOf(initialMembers), heartbeatInterval, failureTimeout, verifyTimeout,
        mergeMinInterval, mergeMaxInterval, joinTimeout, announceInterval, mismatchReportInterval, security,
        stackCustomizer != null ? stackCustomizer : UnaryOperator.identity(), scheduler, ticker));
  }

  private static Duration positive(String name, Duration d) {
    Objects.requireNonNull(d, name + " must not be null");
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(name + " must be > 0, was " + d);
    }
    return d;
  }
}
