package io.eipfailover.examples.agent;

import io.eipfailover.aws.PreflightReport.Finding;
import io.eipfailover.core.ClusterTopology;
import io.eipfailover.core.NodeId;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The preflight checks of this host, beside the AWS ones: every port the agent will listen on
 * can be bound (heartbeat UDP and its TCP crash link, or the JGroups transport; the status port on
 * 127.0.0.1), and every reachability-guard target answers a TCP connect. Each problem says how
 * to fix it. Binds and closes at once; connects with the guard's own time-out. Stateless.
 */
final class LocalPreflight {
  private LocalPreflight() {}

  static List<Finding> run(AgentConfig cfg, NodeId self, ClusterTopology topology) {
    List<Finding> out = new ArrayList<>();
    InetSocketAddress own = cfg.membership().addressOf(self, topology);
    if (cfg.membership().type() == AgentConfig.MembershipType.UDP) {
      out.add(bind("port:udp/" + own.getPort(), own, true, "membership.port / membership.address." + self));
      out.add(bind("port:tcp/" + own.getPort(), own, false,
          "membership.port / membership.address." + self + " (the crash-detection link)"));
    } else if (cfg.membership().jgroupsStackFile().isEmpty()) {
      out.add(bind("port:tcp/" + own.getPort(), own, false, "membership.port / membership.address." + self));
    }
    if (cfg.status().enabled() && cfg.status().port() != 0) {
      InetSocketAddress status = new InetSocketAddress(InetAddress.getLoopbackAddress(), cfg.status().port());
      out.add(bind("port:status/" + cfg.status().port(), status, false, "status.port"));
    }
    if (cfg.guards().kinds().contains(AgentConfig.GuardKind.REACHABILITY)) {
      for (InetSocketAddress target : cfg.guards().reachabilityTargets()) {
        out.add(answers(target, cfg.guards().reachabilityTimeout(), cfg.guards().anyOf() && cfg.guards().kinds().size() > 1));
      }
    }
    return out;
  }

  static Finding bind(String check, InetSocketAddress address, boolean udp, String setting) {
    String what = (udp ? "UDP " : "TCP ") + address.getAddress().getHostAddress() + ":" + address.getPort();
    try {
      if (udp) {
        new DatagramSocket(address).close();
      } else {
        try (ServerSocket s = new ServerSocket()) {
          s.bind(address);
        }
      }
      return new Finding(check, true, what + " can be bound", "");
    } catch (IOException | SecurityException e) {
      String msg = String.valueOf(e.getMessage());
      String fix;
      if (msg.contains("ermission denied") && address.getPort() < 1024) {
        fix = "ports below 1024 need CAP_NET_BIND_SERVICE: run the agent from the packaged unit (it grants it),"
            + " or set " + setting + " to a port >= 1024 on every node and in the security group";
      } else if (msg.contains("in use")) {
        fix = "another process holds it (is the agent already running? `ss -lnp sport = :" + address.getPort()
            + "`); stop it or choose another port in " + setting;
      } else if (msg.contains("assign requested address")) {
        fix = address.getAddress().getHostAddress() + " is not an address of this host: check " + setting
            + " and this node's home IP";
      } else {
        fix = "check " + setting;
      }
      return new Finding(check, false, "cannot bind " + what + ": " + msg, fix);
    }
  }

  static Finding answers(InetSocketAddress target, Duration timeout, boolean otherGuardsMayAllow) {
    String check = "guard-target:" + target.getAddress().getHostAddress() + ":" + target.getPort();
    try (Socket s = new Socket()) {
      s.connect(target, (int) Math.max(1, timeout.toMillis()));
      return new Finding(check, true, "answers a TCP connect within " + ConfigValues.human(timeout), "");
    } catch (IOException e) {
      return new Finding(check, false, "no TCP answer within " + ConfigValues.human(timeout) + ": " + e.getMessage()
          + (otherGuardsMayAllow ? "; while it does not answer, only the other guards (guard.combine=any) can allow a"
              + " takeover" : "; while it does not answer, the reachability guard denies every takeover"),
          "guard.reachability.targets: use a target every node reaches over TCP, such as the VPC's DNS resolver"
              + " (VPC base address + 2, port 53) or the EC2 API endpoint (port 443); check routes, security groups"
              + " and network ACLs (the subnet router at base + 1 answers no TCP)");
    }
  }
}
