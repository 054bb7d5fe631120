package io.eipfailover.examples.agent;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.eipfailover.core.NodeId;
import io.eipfailover.examples.agent.status.StatusJson;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.jgroups.protocols.FD_SOCK2;

/**
 * The ports a configured agent listens on, derived from the same settings and library defaults
 * the agent binds with: one source for {@code eipfailover-agent ports}, the security-group
 * documentation (checked by a test) and the end-to-end stage's firewall. Only listening ports are
 * listed: everything the agent opens itself (EC2 API, IMDS, guard targets, the health check) is
 * outgoing, which security groups allow and whose answers a stateful firewall lets back. Pure.
 */
public final class PortTable {
  private PortTable() {}

  /** Who must be able to reach a port. */
  public enum Scope {
    /** Between the cluster's nodes: a security-group rule allowing the group itself. */
    CLUSTER,
    /** Bound to 127.0.0.1: no rule; never open it. */
    LOCAL
  }

  /**
   * One listening port or range.
   *
   * @param protocol {@code udp} or {@code tcp}
   * @param port the first port
   * @param toPort the last port (inclusive); {@code port} for a single one
   */
  public record Rule(String protocol, int port, int toPort, Scope scope, String purpose) {
    /** {@code 694} or {@code 7900-7902}. */
    public String ports() {
      return port == toPort ? String.valueOf(port) : port + "-" + toPort;
    }
  }

  /**
   * The rules {@code cfg} needs.
   *
   * @throws AgentConfigException when the ports cannot be known from the configuration (a user
   *     JGroups stack file defines its own)
   */
  public static List<Rule> of(AgentConfig cfg) {
    List<Rule> rules = new ArrayList<>();
    AgentConfig.Membership m = cfg.membership();
    if (m.type() == AgentConfig.MembershipType.JGROUPS && m.jgroupsStackFile().isPresent()) {
      throw new AgentConfigException(List.of("membership.jgroups.stack-file: the ports are those of your stack file '"
          + m.jgroupsStackFile().get() + "' (its transport and failure-detection protocols); ports cannot list them"));
    }
    for (int port : membershipPorts(cfg)) {
      if (m.type() == AgentConfig.MembershipType.UDP) {
        rules.add(new Rule("udp", port, port, Scope.CLUSTER, "heartbeats (membership.type=udp)"));
        rules.add(new Rule("tcp", port, port, Scope.CLUSTER,
            "crash-detection link of the heartbeat membership (same port, TCP)"));
      } else {
        FD_SOCK2 fd = new FD_SOCK2();
        rules.add(new Rule("tcp", port, port, Scope.CLUSTER, "JGroups TCP transport (membership.type=jgroups)"));
        rules.add(new Rule("tcp", port + fd.getOffset(), port + fd.getOffset() + fd.getPortRange() - 1, Scope.CLUSTER,
            "JGroups FD_SOCK2 failure detection (transport port + " + fd.getOffset() + ")"));
      }
    }
    if (cfg.guards().kinds().contains(AgentConfig.GuardKind.PEER_PROBE)) {
      int p = cfg.guards().peerProbePort();
      rules.add(new Rule("tcp", p, p, Scope.CLUSTER,
          "peer-probe guard: peers probe this node's service (HAProxy) on its home IP"));
    }
    if (cfg.status().enabled()) {
      int p = cfg.status().port();
      rules.add(new Rule("tcp", p, p, Scope.LOCAL, "status endpoint on 127.0.0.1 (/status, /metrics, /healthz)"
          + (p == 0 ? "; port 0: a free port, logged at start" : "")));
    }
    return List.copyOf(rules);
  }

  /** Every node's membership port: explicit addresses, and the common port for the others. */
  private static Set<Integer> membershipPorts(AgentConfig cfg) {
    AgentConfig.Membership m = cfg.membership();
    Set<Integer> ports = new TreeSet<>();
    m.addresses().values().forEach(a -> ports.add(a.getPort()));
    boolean someDefault = cfg.topology().map(t -> {
      for (NodeId n : t.nodeIds()) {
        if (!m.addresses().containsKey(n)) {
          return true;
        }
      }
      return false;
    }).orElse(true);
    if (someDefault) {
      ports.add(m.port());
    }
    return ports;
  }

  /** The human table. */
  public static String table(List<Rule> rules) {
    StringBuilder sb = new StringBuilder(String.format("%-5s %-11s %-8s %s%n", "PROTO", "PORT", "SCOPE", "PURPOSE"));
    for (Rule r : rules) {
      sb.append(String.format("%-5s %-11s %-8s %s%n", r.protocol(), r.ports(), r.scope().name().toLowerCase(Locale.ROOT),
          r.purpose()));
    }
    sb.append("cluster: allow from the cluster's own security group (self-ingress); local: binds 127.0.0.1, open nothing.\n");
    return sb.toString();
  }

  /** {@code {"rules":[{"protocol":"udp","port":694,"to_port":694,"scope":"cluster","purpose":"..."}]}}. */
  public static String json(List<Rule> rules) {
    ObjectNode root = StatusJson.MAPPER.createObjectNode();
    ArrayNode array = root.putArray("rules");
    for (Rule r : rules) {
      array.addObject().put("protocol", r.protocol()).put("port", r.port()).put("to_port", r.toPort())
          .put("scope", r.scope().name().toLowerCase(Locale.ROOT)).put("purpose", r.purpose());
    }
    return StatusJson.write(root);
  }
}
