package io.eipfailover.examples.agent.status;

import io.eipfailover.core.ClusterTopology;
import io.eipfailover.core.ElasticIp;
import io.eipfailover.core.FailoverStatus;
import io.eipfailover.core.NodeState;
import io.eipfailover.core.NodeStatus;
import io.eipfailover.core.ObservedAssociation;
import io.eipfailover.membership.udp.DropReason;
import io.eipfailover.membership.udp.UdpMembershipCounters;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Renders the agent's metrics in the Prometheus text exposition format (version 0.0.4). Every
 * series is prefixed {@code eipfailover_}; counters end in {@code _total}. Stateless.
 */
public final class PrometheusText {
  private final StringBuilder out = new StringBuilder();

  private PrometheusText() {}

  /** Renders everything known; {@code heartbeats} is present for the UDP membership only. */
  public static String render(FailoverStatus s, ClusterTopology topology, FailoverMetrics events, Ec2CallMetrics ec2,
      Optional<UdpMembershipCounters> heartbeats) {
    PrometheusText p = new PrometheusText();
    p.gauge("eipfailover_running", "1 while the failover loop runs", s.running() ? 1 : 0);
    p.gauge("eipfailover_dry_run", "1 when EIP moves are suppressed", s.dryRun() ? 1 : 0);
    p.header("eipfailover_local_status", "gauge", "what this node announces (1 for the current status)");
    for (NodeStatus st : NodeStatus.values()) {
      p.sample("eipfailover_local_status", "status=\"" + st.name().toLowerCase(Locale.ROOT) + "\"",
          st == s.localStatus() ? 1 : 0);
    }
    if (s.view() != null) {
      p.header("eipfailover_peer_state", "gauge", "membership state of each node (1 for its current state)");
      s.view().members().forEach((node, ps) -> {
        for (NodeState st : NodeState.values()) {
          p.sample("eipfailover_peer_state", "node=\"" + node + "\",state=\"" + st.name().toLowerCase(Locale.ROOT) + "\"",
              ps.state() == st ? 1 : 0);
        }
      });
    }
    p.header("eipfailover_eip_held", "gauge", "1 when EC2 last showed the EIP on this node");
    for (ElasticIp eip : topology.elasticIps()) {
      ObservedAssociation o = s.observed().get(eip.allocationId());
      boolean held = o != null && o.isAssociated()
          && topology.ownerOf(o.privateIp().get()).map(s.self()::equals).orElse(false);
      p.sample("eipfailover_eip_held", "allocation_id=\"" + eip.allocationId() + "\",public_ip=\"" + eip.publicIp()
          + "\",home=\"" + eip.home() + "\"", held ? 1 : 0);
    }
    FailoverStatus.Counters c = s.counters();
    if (c != null) {
      p.counter("eipfailover_takeovers_total", "successful AssociateAddress calls by this node", c.takeovers());
      p.counter("eipfailover_takeover_failures_total", "failed AssociateAddress calls", c.takeoverFailures());
      p.counter("eipfailover_guard_denials_total", "takeovers refused by the split-brain guard", c.guardDenials());
      p.counter("eipfailover_describe_calls_total", "DescribeAddresses calls by the reconciler", c.describeCalls());
      p.counter("eipfailover_describe_failures_total", "failed DescribeAddresses calls", c.describeFailures());
      p.counter("eipfailover_budget_deferrals_total", "calls deferred by the EC2 call budget", c.budgetDeferrals());
      p.counter("eipfailover_local_pauses_total", "times this node noticed it had been paused", c.localPauses());
    }
    p.counter("eipfailover_failbacks_total", "own EIPs pulled back home", events.failbacks());
    p.counter("eipfailover_peers_dead_total", "peers declared dead", events.peersDead());
    p.header("eipfailover_failover_seconds", "summary", "takeover timeline durations by phase: failover = last"
        + " heartbeat to AssociateAddress answered, detection = last heartbeat to dead, reaction = dead to answered");
    events.durations().forEach((phase, sum) -> {
      p.sample("eipfailover_failover_seconds_sum", "phase=\"" + phase + "\"", sum.sumSeconds());
      p.sample("eipfailover_failover_seconds_count", "phase=\"" + phase + "\"", sum.count());
    });
    p.header("eipfailover_last_failover_seconds", "gauge", "the latest takeover's duration by phase");
    events.durations().forEach((phase, sum) ->
        p.sample("eipfailover_last_failover_seconds", "phase=\"" + phase + "\"", sum.lastSeconds()));
    p.header("eipfailover_ec2_calls_total", "counter", "EC2 API calls by operation");
    ec2.calls().forEach((op, n) -> p.sample("eipfailover_ec2_calls_total", "operation=\"" + op + "\"", n));
    p.header("eipfailover_ec2_errors_total", "counter", "failed EC2 API calls by operation and error code");
    ec2.errors().forEach((k, n) -> {
      String[] parts = k.split("\u0000", 2);
      p.sample("eipfailover_ec2_errors_total", "operation=\"" + parts[0] + "\",code=\"" + escape(parts[1]) + "\"", n);
    });
    heartbeats.ifPresent(h -> p.heartbeats(h));
    return p.out.toString();
  }

  private void heartbeats(UdpMembershipCounters h) {
    counter("eipfailover_heartbeats_sent_total", "heartbeat datagrams sent", h.sent());
    counter("eipfailover_heartbeat_send_errors_total", "sends the transport refused", h.sendErrors());
    counter("eipfailover_heartbeats_received_total", "datagrams received, valid or not", h.received());
    counter("eipfailover_heartbeats_accepted_total", "datagrams that passed every check", h.accepted());
    header("eipfailover_heartbeats_dropped_total", "counter", "datagrams dropped, by reason");
    for (Map.Entry<DropReason, Long> e : h.dropped().entrySet()) {
      sample("eipfailover_heartbeats_dropped_total", "reason=\"" + e.getKey().name().toLowerCase(Locale.ROOT) + "\"",
          e.getValue());
    }
    counter("eipfailover_heartbeat_suspicions_total", "times a peer became suspect", h.suspicions());
    counter("eipfailover_heartbeats_late_total", "heartbeats later than warntime", h.lateHeartbeats());
    counter("eipfailover_heartbeat_port_unreachable_total", "ICMP port-unreachable signals", h.portUnreachableSignals());
    counter("eipfailover_heartbeat_crash_link_connects_total", "TCP crash-detection links established to peers",
        h.crashSocketConnects());
    counter("eipfailover_heartbeat_tcp_crash_signals_total", "crash signals from lost TCP links", h.tcpCrashSignals());
    counter("eipfailover_heartbeat_fast_path_convictions_total", "peers declared dead by the crash fast path",
        h.fastPathConvictions());
    counter("eipfailover_heartbeat_pause_guards_total", "times this node's own loop stalled", h.pauseGuards());
  }

  private void gauge(String name, String help, double value) {
    header(name, "gauge", help);
    sample(name, "", value);
  }

  private void counter(String name, String help, double value) {
    header(name, "counter", help);
    sample(name, "", value);
  }

  private void header(String name, String type, String help) {
    out.append("# HELP ").append(name).append(' ').append(help).append('\n');
    out.append("# TYPE ").append(name).append(' ').append(type).append('\n');
  }

  private void sample(String name, String labels, double value) {
    out.append(name);
    if (!labels.isEmpty()) {
      out.append('{').append(labels).append('}');
    }
    out.append(' ');
    if (value == Math.rint(value) && Math.abs(value) < 1e15) {
      out.append((long) value);
    } else {
      out.append(value);
    }
    out.append('\n');
  }

  private static String escape(String s) {
    return s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
  }
}
