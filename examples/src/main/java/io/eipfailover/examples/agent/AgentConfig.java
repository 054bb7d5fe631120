package io.eipfailover.examples.agent;

import io.eipfailover.core.ClusterTopology;
import io.eipfailover.core.NodeId;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The agent's validated, immutable configuration, as read by {@link AgentConfigParser} from the
 * file documented in {@code examples/README.md} ("Configuration reference"). Every value here has
 * already been checked; building the runtime from it can only fail on the environment (EC2, the
 * network), never on a typo.
 *
 * @param clusterName the cluster's name ({@code cluster.name})
 * @param nodeId this node, or empty to discover it from the EC2 instance's ENI ({@code node.id=discover})
 * @param topology the explicit topology, or empty to read it from EC2 tags ({@code topology.source=tags})
 * @param membership how nodes hear each other
 * @param strategy where EIPs go
 * @param guards what a takeover from an unreachable peer needs
 * @param health how the local HAProxy is checked
 * @param status the local status endpoint
 * @param ec2 how EC2 and the instance metadata service are reached
 * @param provision what the agent sets up on the ENI and in the OS at start
 * @param failover reconciler timings
 * @param handoffTimeout how long SIGTERM waits for peers to pull this node's EIPs before exiting
 * @param logLevel the root log level (reloadable with SIGHUP)
 * @param dryRun plan and report, never move an EIP
 * @param hooks commands run on failover events
 */
public record AgentConfig(
    String clusterName,
    Optional<NodeId> nodeId,
    Optional<ClusterTopology> topology,
    Membership membership,
    Strategy strategy,
    Guards guards,
    Health health,
    Status status,
    Ec2 ec2,
    Provision provision,
    Failover failover,
    Duration handoffTimeout,
    String logLevel,
    boolean dryRun,
    Hooks hooks) {

  public AgentConfig {
    Objects.requireNonNull(clusterName, "clusterName");
    Objects.requireNonNull(nodeId, "nodeId");
    Objects.requireNonNull(topology, "topology");
  }

  /** A copy with {@code dryRun} set (the {@code --dry-run} flag wins over the file). */
  public AgentConfig withDryRun(boolean dryRun) {
    return new AgentConfig(clusterName, nodeId, topology, membership, strategy, guards, health, status, ec2,
        provision, failover, handoffTimeout, logLevel, dryRun, hooks);
  }

  /** Membership type. */
  public enum MembershipType { UDP, JGROUPS }

  /**
   * @param type udp or jgroups
   * @param port the default heartbeat port of every node
   * @param addresses explicit per-node addresses; a node without one uses its first home IP and {@code port}
   * @param keys the HMAC keys (required for udp; for jgroups they become the auth token)
   * @param udpProfile {@code default} (100 ms heartbeats, ~1 s to dead), {@code stall-immune} (the
   *     default verifying a silent peer's kernel: a gone host ~300 ms, stalls up to 5 s survived),
   *     {@code aggressive} (50 ms, ~300 ms) or {@code phi-accrual}
   * @param jgroupsStackFile a user JGroups XML stack replacing the built-in one
   */
  public record Membership(
      MembershipType type, int port, Map<NodeId, InetSocketAddress> addresses, Optional<KeyFile.Keys> keys,
      String udpProfile, Optional<Path> jgroupsStackFile) {
    public Membership {
      addresses = Map.copyOf(addresses);
    }

    /** The address of {@code node}: the explicit one, else its first home IP at {@link #port()}. */
    public InetSocketAddress addressOf(NodeId node, ClusterTopology topology) {
      InetSocketAddress explicit = addresses.get(node);
      if (explicit != null) {
        return explicit;
      }
      return new InetSocketAddress(topology.node(node).homePoints().get(0).privateIp(), port);
    }
  }

  /** Strategy names, as written in the file. */
  public enum StrategyKind { HOME_WITH_FAILBACK, STICKY, PRIORITY, BALANCED }

  /** @param priorities per allocation id, for {@code priority} */
  public record Strategy(StrategyKind kind, Duration failbackDelay, Map<String, List<NodeId>> priorities) {
    public Strategy {
      priorities = Map.copyOf(priorities);
    }
  }

  /** Guard names, as written in the file. */
  public enum GuardKind { QUORUM, REACHABILITY, PEER_PROBE, EC2_INSTANCE_STATE, UNGUARDED }

  /**
   * @param kinds the guards, combined with {@code anyOf} or {@code allOf}
   * @param anyOf whether one allowing guard suffices
   * @param reachabilityTargets TCP targets for {@code reachability}
   * @param peerProbePort the port probed on the holder's home IP for {@code peer-probe}
   */
  public record Guards(
      List<GuardKind> kinds, boolean anyOf, List<InetSocketAddress> reachabilityTargets, Duration reachabilityTimeout,
      int peerProbePort, Duration peerProbeTimeout) {
    public Guards {
      kinds = List.copyOf(kinds);
      reachabilityTargets = List.copyOf(reachabilityTargets);
    }
  }

  /** Health check kinds. */
  public enum HealthKind { NONE, HTTP, HAPROXY_SOCKET, TCP }

  /** The local HAProxy check; reloadable with SIGHUP. */
  public record Health(
      HealthKind kind, Optional<URI> httpUri, Optional<Path> socket, Optional<InetSocketAddress> tcpAddress,
      Duration timeout, Duration interval, int rise, int fall) {}

  /** @param port 0 picks a free port (logged); the endpoint binds 127.0.0.1 only */
  public record Status(boolean enabled, int port) {}

  /**
   * @param endpoint EC2 API endpoint override (a VPC endpoint, or a fake in tests)
   * @param imdsEndpoint instance metadata endpoint override (tests only)
   */
  public record Ec2(Optional<String> region, Optional<URI> endpoint, Optional<URI> imdsEndpoint,
      Duration apiCallTimeout) {}

  /**
   * @param reservedIps with tag topology: ensure this node's ENI holds at least this many secondary
   *     private IPs at start (assigning the shortfall), 0 = off
   * @param osAddresses add reserved IPs to the OS ({@code ip addr add}) and remove those added at exit
   * @param osDevice the Linux device carrying the ENI
   * @param prefixLength the subnet prefix length used with {@code ip addr add}
   */
  public record Provision(int reservedIps, boolean osAddresses, String osDevice, int prefixLength) {}

  /**
   * Event hooks: {@code hooks.<event> = COMMAND}, run with {@code /bin/sh -c} off the failover loop.
   *
   * @param commands the command of each configured event
   * @param timeout the time limit of one run; a hook still running then is killed
   */
  public record Hooks(Map<io.eipfailover.examples.agent.hooks.HookEvent, String> commands, Duration timeout) {
    public Hooks {
      commands = Map.copyOf(commands);
    }
  }

  /** Reconciler timings; see {@code EipFailover.Builder}. */
  public record Failover(
      OptionalInt toleratedFailures, Duration resyncInterval, Duration holdTime, Duration startupGrace) {}
}
