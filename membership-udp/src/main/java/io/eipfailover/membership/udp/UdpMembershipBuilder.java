package io.eipfailover.membership.udp;

import com.google.common.base.Ticker;
import io.eipfailover.core.ClusterTopology;
import io.eipfailover.core.NodeId;
import io.eipfailover.membership.udp.internal.DefaultUdpMembership;
import io.eipfailover.membership.udp.internal.UdpSettings;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Builds a {@link UdpMembership}. Each setter checks its argument at once; {@link #build()} checks
 * across settings. Port conflicts are found by {@link UdpMembership#start()}, which binds the
 * socket. Not thread-safe.
 *
 * <p>Required: {@link #self}, {@link #clusterName} (or {@link #topology}), {@link #keyring}, at
 * least one {@link #peer}, and {@link #bindAddress} unless a {@link #transport} is given.
 *
 * <p>Ownership: the membership creates and closes its sockets and its one loop thread. A
 * {@link #transport} given here is handed over: started by {@code start()} and closed by {@code
 * close()}. Listener executors (given to {@code addListener}) are never closed by the membership.
 */
public final class UdpMembershipBuilder {
  private NodeId self;
  private String clusterName;
  private long configFingerprint;
  private ClusterTopology topology;
  private InetSocketAddress bindAddress;
  private final Map<NodeId, InetSocketAddress> peers = new LinkedHashMap<>();
  private UdpKeyring keyring;
  private DetectorSettings detector = DetectorSettings.defaults();
  private Ticker ticker = Ticker.systemTicker();
  private Clock clock = Clock.systemUTC();
  private DatagramTransport transport;
  private boolean crashDetectionSocket = true;

  UdpMembershipBuilder() {}

  /** This node's id (required); carried as the sender of every datagram. */
  public UdpMembershipBuilder self(NodeId self) {
    this.self = Objects.requireNonNull(self, "self must not be null");
    return this;
  }

  /**
   * The cluster name carried in every datagram (required unless {@link #topology} is set): 1 to 32
   * characters of {@code [A-Za-z0-9._-]}. Datagrams of other clusters are dropped.
   */
  public UdpMembershipBuilder clusterName(String clusterName) {
    if (clusterName == null || !clusterName.matches("[A-Za-z0-9._-]{1,32}")) {
      throw new IllegalArgumentException(
          "clusterName must be 1 to 32 characters of [A-Za-z0-9._-], was '" + clusterName + "'");
    }
    this.clusterName = clusterName;
    return this;
  }

  /**
   * The configuration fingerprint carried in every datagram (default 0); a peer announcing another
   * one is reported to listeners as a configuration mismatch. Normally {@code
   * ClusterTopology.fingerprint()}, which {@link #topology} sets.
   */
  public UdpMembershipBuilder configFingerprint(long configFingerprint) {
    this.configFingerprint = configFingerprint;
    return this;
  }

  /**
   * Takes the cluster name and configuration fingerprint from the topology, and makes {@link
   * #build()} check that the peers are exactly the topology's other nodes.
   */
  public UdpMembershipBuilder topology(ClusterTopology topology) {
    this.topology = Objects.requireNonNull(topology, "topology must not be null");
    this.clusterName = topology.clusterName();
    this.configFingerprint = topology.fingerprint();
    return this;
  }

  /** Where this node receives heartbeats (required with the real transport); port 1 to 65535. */
  public UdpMembershipBuilder bindAddress(InetSocketAddress bindAddress) {
    this.bindAddress = resolved("bindAddress", bindAddress);
    return this;
  }

  /** Where this node receives heartbeats, as host and port; the host must resolve now. */
  public UdpMembershipBuilder bindAddress(String host, int port) {
    return bindAddress(address("bindAddress", host, port));
  }

  /** A peer and the address it receives heartbeats on; the address must be resolved. */
  public UdpMembershipBuilder peer(NodeId id, InetSocketAddress address) {
    Objects.requireNonNull(id, "peer id must not be null");
    addPeer(id, resolved("peer '" + id + "' address", address));
    return this;
  }

  /** A peer, as host and port; the host must resolve now. */
  public UdpMembershipBuilder peer(NodeId id, String host, int port) {
    Objects.requireNonNull(id, "peer id must not be null");
    return peer(id, address("peer '" + id + "' address", host, port));
  }

  /** A peer without an address: only valid with a custom {@link #transport}, which routes by id. */
  public UdpMembershipBuilder peer(NodeId id) {
    Objects.requireNonNull(id, "peer id must not be null");
    addPeer(id, null);
    return this;
  }

  private void addPeer(NodeId id, InetSocketAddress address) {
    if (peers.containsKey(id)) {
      throw new IllegalArgumentException("duplicate peer '" + id + "'");
    }
    peers.put(id, address);
  }

  /** The keys (required). Keys shorter than 16 bytes are refused by {@link UdpKeyring}. */
  public UdpMembershipBuilder keyring(UdpKeyring keyring) {
    this.keyring = Objects.requireNonNull(keyring, "keyring must not be null");
    return this;
  }

  /** Timing and detector; default {@link DetectorSettings#defaults()}. */
  public UdpMembershipBuilder detector(DetectorSettings detector) {
    this.detector = Objects.requireNonNull(detector, "detector must not be null");
    return this;
  }

  /**
   * Elapsed-time source for every timing decision and {@code PeerState} timestamp; default the
   * system ticker. Share it with the reconciler.
   */
  public UdpMembershipBuilder ticker(Ticker ticker) {
    this.ticker = Objects.requireNonNull(ticker, "ticker must not be null");
    return this;
  }

  /**
   * Wall clock the incarnation is taken from at {@code start()} (microseconds since the epoch, so
   * a restarted node has a larger one); default the system UTC clock. A clock stepped back by more
   * than a node's downtime makes its peers reject the restarted node as a replay: keep clocks
   * synchronised (chrony / Amazon Time Sync).
   */
  public UdpMembershipBuilder clock(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock must not be null");
    return this;
  }

  /**
   * A custom transport (an in-memory network in tests and the simulation); default a real UDP
   * transport on {@link #bindAddress}. Handed over: the membership starts and closes it.
   */
  public UdpMembershipBuilder transport(DatagramTransport transport) {
    this.transport = Objects.requireNonNull(transport, "transport must not be null");
    return this;
  }

  /**
   * Whether to run the crash-detection TCP link (default on), a second crash signal beside ICMP
   * port-unreachable, as JGroups {@code FD_SOCK}: the membership also listens on TCP at {@link
   * #bindAddress} (same address, same port number) and keeps one idle TCP connection to each
   * peer's listener. When a peer's process dies its kernel closes that connection at once, so the
   * crash is noticed within a round trip instead of at our next heartbeat (up to one keepalive
   * later), and confirmed by the usual probes and their ICMP answers.
   *
   * <p>Trade-off: the security group must also allow TCP to the heartbeat port from the peers
   * (without it the link never connects and only ICMP remains, no harm done), the port must be free
   * for TCP too ({@code start()} fails otherwise, naming {@code bindAddress}), and each node holds
   * one socket per peer plus the accepted ones. The link carries no authority: its loss only makes
   * the node probe; an attacker who resets it causes a few extra probes, never a conviction. A
   * dead host closes nothing (the deadline decides), a paused process keeps it open (never
   * convicted early). Turn it off when TCP cannot be opened or the 0-to-keepalive delay of the ICMP
   * path is good enough. No effect with a custom {@link #transport} or with {@code
   * crashConfirmations(0)}.
   */
  public UdpMembershipBuilder crashDetectionSocket(boolean enabled) {
    this.crashDetectionSocket = enabled;
    return this;
  }

  /** Checks across settings and builds an unstarted membership. */
  public UdpMembership build() {
    require(self, "self");
    require(clusterName, "clusterName (or topology)");
    require(keyring, "keyring");
    if (peers.isEmpty()) {
      throw new IllegalArgumentException("peers must not be empty: add at least one peer for " + self);
    }
    if (peers.containsKey(self)) {
      throw new IllegalArgumentException("peers must not contain self '" + self + "', was " + peers.keySet());
    }
    if (topology != null) {
      if (!topology.contains(self)) {
        throw new IllegalArgumentException("self '" + self + "' is not a node of the topology " + topology.nodeIds());
      }
      Set<NodeId> expected = new TreeSet<>(topology.nodeIds());
      expected.remove(self);
      if (!expected.equals(new TreeSet<>(peers.keySet()))) {
        throw new IllegalArgumentException(
            "peers must be the topology's other nodes " + expected + ", was " + new TreeSet<>(peers.keySet()));
      }
    }
    if (transport == null) {
      require(bindAddress, "bindAddress");
      for (Map.Entry<NodeId, InetSocketAddress> e : peers.entrySet()) {
        if (e.getValue() == null) {
          throw new IllegalArgumentException(
              "peer '" + e.getKey() + "' has no address; give one, or a custom transport that routes by id");
        }
      }
    }
    return new DefaultUdpMembership(new UdpSettings(self, clusterName, configFingerprint, bindAddress,
        new LinkedHashMap<>(peers), keyring, detector, ticker, clock, transport,
        crashDetectionSocket));
  }

  private static void require(Object value, String name) {
    if (value == null) {
      throw new IllegalArgumentException(name + " must be set");
    }
  }

  private static InetSocketAddress address(String name, String host, int port) {
    if (host == null || host.isBlank()) {
      throw new IllegalArgumentException(name + " host must not be blank, was '" + host + "'");
    }
    checkPort(name, port);
    return new InetSocketAddress(host, port);
  }

  private static InetSocketAddress resolved(String name, InetSocketAddress address) {
    Objects.requireNonNull(address, name + " must not be null");
    if (address.isUnresolved()) {
      throw new IllegalArgumentException(name + " must resolve to an IP address, was unresolvable '"
          + address.getHostString() + ":" + address.getPort() + "'");
    }
    checkPort(name, address.getPort());
    return address;
  }

  private static void checkPort(String name, int port) {
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException(name + " port must be between 1 and 65535, was " + port);
    }
  }
}
