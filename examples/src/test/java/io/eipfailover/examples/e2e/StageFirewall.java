package io.eipfailover.examples.e2e;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A load balancer's packet filter as its security group would be: inbound default-deny, with
 * loopback, answers to what the node opened (stateful, as security groups are), HAProxy's public
 * service port, and exactly the {@code cluster} rules that {@code eipfailover-agent ports --json}
 * prints, from the cluster's own addresses. A last, counted DROP catches anything else from the
 * VPC, so a port the table forgot shows up as a count instead of a silent fallback. Stateless.
 */
final class StageFirewall {
  private static final Pattern RULE = Pattern.compile(
      "\\{\"protocol\":\"(udp|tcp)\",\"port\":(\\d+),\"to_port\":(\\d+),\"scope\":\"(cluster|local)\",\"purpose\":\"[^\"]*\"}");
  static final String VPC = "10.99.0.0/24";

  private StageFirewall() {}

  /** One rule of {@code ports --json}. */
  record PortRule(String protocol, int port, int toPort, String scope) {}

  static List<PortRule> parse(String json) {
    if (!json.strip().startsWith("{\"rules\":[")) {
      throw new AssertionError("ports --json printed no rule list: " + json);
    }
    List<PortRule> out = new ArrayList<>();
    Matcher m = RULE.matcher(json);
    while (m.find()) {
      out.add(new PortRule(m.group(1), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)), m.group(4)));
    }
    if (out.isEmpty()) {
      throw new AssertionError("ports --json printed no rule the stage can read: " + json);
    }
    return out;
  }

  /** Installs the filter in namespace {@code ns}; {@code clusterIps} are every address of every node. */
  static void apply(String ns, List<PortRule> rules, List<String> clusterIps, int servicePort) {
    Sh.in(ns, "iptables -A INPUT -i lo -j ACCEPT");
    Sh.in(ns, "iptables -A INPUT -m conntrack --ctstate ESTABLISHED,RELATED -j ACCEPT");
    for (PortRule r : rules) {
      if (!r.scope().equals("cluster")) {
        continue;
      }
      String ports = r.port() == r.toPort() ? String.valueOf(r.port()) : r.port() + ":" + r.toPort();
      for (String ip : clusterIps) {
        Sh.in(ns, "iptables -A INPUT -p " + r.protocol() + " -s " + ip + " --dport " + ports + " -j ACCEPT");
      }
    }
    Sh.in(ns, "iptables -A INPUT -p tcp --dport " + servicePort + " -j ACCEPT");
    Sh.in(ns, "iptables -A INPUT -s " + VPC + " -j DROP");
    Sh.in(ns, "iptables -P INPUT DROP");
  }

  /** Packets from the VPC that the filter dropped because no rule opened them. */
  static long droppedFromVpc(String ns) {
    for (String line : Sh.in(ns, "iptables -L INPUT -v -n -x").split("\n")) {
      String[] f = line.trim().split("\\s+");
      // pkts bytes target prot opt in out source destination (prot is "all" or "0" by iptables version)
      if (f.length >= 9 && f[2].equals("DROP") && f[7].equals(VPC)) {
        return Long.parseLong(f[0]);
      }
    }
    throw new AssertionError("the filter's last DROP from " + VPC + " is missing in " + ns);
  }
}
