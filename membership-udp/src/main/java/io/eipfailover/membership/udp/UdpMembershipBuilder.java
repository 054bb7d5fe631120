package io.eipfailover.membership.udp;

import com.google.common.base.Ticker;
import io.eipfailover.core.ClusterTopology;
import io.eipfailover.core.NodeId;
import io.eipfailover.core.runtime.Checks;
import io.eipfailover.membership.udp.internal.DefaultUdpMembership;
import io.eipfailover.membership.udp.internal.UdpParts;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
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
 * <p>Identity, addresses and collaborators are set here; the tunables are one value, {@link
 * #detector(DetectorSettings)}.
 *
 * <p>Ownership (the rule of every eip-failover component: it undoes exactly what it did):
 *
 * <ul>
 *   <li>The real transport, its sockets and its one loop thread are created by the membership and
 *       closed by {@code close()}.
 *   <li>A {@link #transport} you give stays yours to create; the membership only does what a
 *       transport's user does: {@code start()} starts it and {@code close()} stops it with {@link
 *       DatagramTransport#close()} (whose contract is "undo {@code start}"). A membership closed
 *       before {@code start()} never touches it.
 *   <li>Listener executors (given to {@code addListener}), the {@link #keyring}, {@link #ticker}
 *       and {@link #clock} are never closed or shut down.
 * </ul>
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

  UdpMembershipBuilder() {}

  /** This node's id (required); carried as the sender of every datagram. */
  public UdpMembershipBuilder self(NodeId self) {
    this.self = Checks.notNull("self", self);
    return this;
  }

  /**
   * The cluster name carried in every datagram (required unless {@link #topology} is set): {@value
   * Checks#CLUSTER_NAME_RULE}. Datagrams of other clusters are dropped.
   */
  public UdpMembershipBuilder clusterName(String clusterName) {
    this.clusterName = Checks.clusterName("clusterName", clusterName);
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
    this.topology = Checks.notNull("topology", topology);
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
    Checks.notNull("peer id", id);
    addPeer(id, resolved("peer '" + id + "' address", address));
    return this;
  }

  /** A peer, as host and port; the host must resolve now. */
  public UdpMembershipBuilder peer(NodeId id, String host, int port) {
    Checks.notNull("peer id", id);
    return peer(id, address("peer '" + id + "' address", host, port));
  }

  /** A peer without an address: only valid with a custom {@link #transport}, which routes by id. */
  public UdpMembershipBuilder peer(NodeId id) {
    Checks.notNull("peer id", id);
    addPeer(id, null);
    return this;
  }

  private void addPeer(NodeId id, InetSocketAddress address) {
    Checks.require(!peers.containsKey(id), "duplicate peer '%s'", id);
    peers.put(id, address);
  }

  /** The keys (required). Keys shorter than 16 bytes are refused by {@link UdpKeyring}. */
  public UdpMembershipBuilder keyring(UdpKeyring keyring) {
    this.keyring = Checks.notNull("keyring", keyring);
    return this;
  }

  /**
   * The tunables: heartbeat timing, detector and crash fast path; default {@link
   * DetectorSettings#defaults()}.
   */
  public UdpMembershipBuilder detector(DetectorSettings detector) {
    this.detector = Checks.notNull("detector", detector);
    return this;
  }

  /**
   * Elapsed-time source for every timing decision and {@code MemberEntry} timestamp; default the
   * system ticker. Share it with the reconciler.
   */
  public UdpMembershipBuilder ticker(Ticker ticker) {
    this.ticker = Checks.notNull("ticker", ticker);
    return this;
  }

  /**
   * Wall clock the incarnation is taken from at {@code start()} (microseconds since the epoch, so
   * a restarted node has a larger one); default the system UTC clock. A clock stepped back by more
   * than a node's downtime makes its peers reject the restarted node as a replay: keep clocks
   * synchronised (chrony / Amazon Time Sync).
   */
  public UdpMembershipBuilder clock(Clock clock) {
    this.clock = Checks.notNull("clock", clock);
    return this;
  }

  /**
   * A custom transport (an in-memory network in tests and the simulation, a decorator in the
   * benchmarks); default a real UDP transport on {@link #bindAddress}. Started by {@code start()},
   * stopped by {@code close()}; see the ownership rule above.
   */
  public UdpMembershipBuilder transport(DatagramTransport transport) {
    this.transport = Checks.notNull("transport", transport);
    return this;
  }

  /** Checks across settings and builds an unstarted membership. */
  public UdpMembership build() {
    Checks.required("self", self);
    Checks.required("clusterName (or topology)", clusterName);
    Checks.required("keyring", keyring);
    Checks.require(!peers.isEmpty(), "peers must not be empty: add at least one peer for %s", self);
    Checks.require(!peers.containsKey(self), "peers must not contain self '%s', was %s", self, peers.keySet());
    Checks.require(peers.size() < UdpMembership.MAX_NODES, "peers must be at most %s (%s nodes with self), was %s",
        UdpMembership.MAX_NODES - 1, UdpMembership.MAX_NODES, peers.size());
    if (topology != null) {
      Checks.require(topology.contains(self), "self '%s' is not a node of the topology %s", self, topology.nodeIds());
      Set<NodeId> expected = new TreeSet<>(topology.nodeIds());
      expected.remove(self);
      Set<NodeId> given = new TreeSet<>(peers.keySet());
      Checks.require(expected.equals(given), "peers must be the topology's other nodes %s, was %s", expected, given);
    }
    if (transport == null) {
      Checks.required("bindAddress", bindAddress);
      for (Map.Entry<NodeId, InetSocketAddress> e : peers.entrySet()) {
        Checks.require(e.getValue() != null,
            "peer '%s' has no address; give one, or a custom transport that routes by id", e.getKey());
      }
    }
    return new DefaultUdpMembership(new UdpParts(self, clusterName, configFingerprint, bindAddress, peers, keyring,
        detector, ticker, clock, transport));
  }

  private static InetSocketAddress address(String name, String host, int port) {
    Checks.require(host != null && !host.isBlank(), "%s host must not be blank, was '%s'", name, host);
    Checks.range(name + " port", port, 1, 65535);
    return new InetSocketAddress(host, port);
  }

  private static InetSocketAddress resolved(String name, InetSocketAddress address) {
    Checks.notNull(name, address);
    Checks.require(!address.isUnresolved(), "%s must resolve to an IP address, was unresolvable '%s:%s'", name,
        address.getHostString(), address.getPort());
    Checks.range(name + " port", address.getPort(), 1, 65535);
    return address;
  }
}
