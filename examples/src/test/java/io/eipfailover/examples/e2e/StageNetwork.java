package io.eipfailover.examples.e2e;

import io.eipfailover.core.testing.Await;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The stage's network, all of it inside network namespaces named {@code e2e<run>-<host>}: a
 * {@code vpc} namespace holding only the bridge {@code br0}; hosts {@code cloud} (the VPC gateway
 * 10.99.0.1, the EC2 API and IMDS relays, the Elastic IP data plane), {@code lb1}/{@code lb2}
 * (primary 10.99.0.11/12, reserved 10.99.0.21/22), {@code web1..3} (10.99.0.31..33) on the bridge
 * by veth pairs, or, for the jitter case, by {@code taplink.py} TAP links that delay every frame;
 * {@code client} (10.99.2.2) behind {@code cloud} on its own link. Nothing routes
 * out: the only routes are to the namespaces' own subnets, the EIP range 203.0.113.0/24 (client →
 * cloud, unreachable in cloud unless DNAT-ed) and IMDS 169.254.169.254 (lb → cloud). No host
 * interface, route or rule is touched. {@link #close()} kills what still runs in the namespaces
 * (only ours: they exist for this run) and deletes them; idempotent.
 */
final class StageNetwork implements AutoCloseable {
  static final String GATEWAY = "10.99.0.1";
  static final int EC2_PORT = 8080;
  /** The port the gateway answers TCP on, for the agents' reachability guard. */
  static final int GATEWAY_PING_PORT = 7000;
  static final int IMDS_PORT_BASE = 9000;
  static final Map<String, String> HOSTS = Map.of("cloud", GATEWAY, "lb1", "10.99.0.11", "lb2", "10.99.0.12",
      "web1", "10.99.0.31", "web2", "10.99.0.32", "web3", "10.99.0.33");
  static final Map<String, String> RESERVED = Map.of("lb1", "10.99.0.21", "lb2", "10.99.0.22");

  final String runId;
  private final java.nio.file.Path logDir;
  private final int jitterMinMs;
  private final int jitterMaxMs;
  private final List<StageProcess> links = new ArrayList<>();
  private final List<String> created = new ArrayList<>();
  private final Map<String, String> names = new LinkedHashMap<>();

  private StageNetwork(String runId, java.nio.file.Path logDir, int jitterMinMs, int jitterMaxMs) {
    this.runId = runId;
    this.logDir = logDir;
    this.jitterMinMs = jitterMinMs;
    this.jitterMaxMs = jitterMaxMs;
  }

  /**
   * Builds the network; on failure tears down what was made and rethrows.
   *
   * @param jitterMaxMs 0 for plain veth links; otherwise every VPC host hangs on the bridge by a
   *     TAP link delaying each frame by {@code jitterMinMs..jitterMaxMs}
   */
  static StageNetwork create(String runId, java.nio.file.Path logDir, int jitterMinMs, int jitterMaxMs) {
    StageNetwork n = new StageNetwork(runId, logDir, jitterMinMs, jitterMaxMs);
    try {
      n.build();
      return n;
    } catch (RuntimeException e) {
      n.close();
      throw e;
    }
  }

  /** The namespace name of {@code host}. */
  String ns(String host) {
    String name = names.get(host);
    if (name == null) {
      throw new IllegalArgumentException("host must be one of " + names.keySet() + ", was '" + host + "'");
    }
    return name;
  }

  private void build() {
    for (String h : List.of("vpc", "cloud", "client", "lb1", "lb2", "web1", "web2", "web3")) {
      String ns = "e2e" + runId + "-" + h;
      names.put(h, ns);
      Sh.run("ip netns add " + ns);
      created.add(ns);
      Sh.run("ip -n " + ns + " link set lo up");
    }
    String vpc = ns("vpc");
    Sh.run("ip -n " + vpc + " link add br0 type bridge");
    Sh.run("ip -n " + vpc + " link set br0 up");
    for (String h : List.of("cloud", "lb1", "lb2", "web1", "web2", "web3")) {
      String ns = ns(h);
      if (jitterMaxMs > 0) {
        tapLink(h);
      } else {
        Sh.run("ip -n " + vpc + " link add v-" + h + " type veth peer name eth0 netns " + ns);
      }
      Sh.run("ip -n " + vpc + " link set " + port(h) + " master br0");
      Sh.run("ip -n " + vpc + " link set " + port(h) + " up");
      Sh.run("ip -n " + ns + " addr add " + HOSTS.get(h) + "/24 dev eth0");
      Sh.run("ip -n " + ns + " link set eth0 up");
    }
    String cloud = ns("cloud");
    String client = ns("client");
    Sh.run("ip -n " + cloud + " link add eth1 type veth peer name eth0 netns " + client);
    Sh.run("ip -n " + cloud + " addr add 10.99.2.1/24 dev eth1");
    Sh.run("ip -n " + cloud + " link set eth1 up");
    Sh.run("ip -n " + client + " addr add 10.99.2.2/24 dev eth0");
    Sh.run("ip -n " + client + " link set eth0 up");
    Sh.run("ip -n " + client + " route add 203.0.113.0/24 via 10.99.2.1");
    Sh.run("ip -n " + cloud + " route add unreachable 203.0.113.0/24");
    Sh.in(cloud, "sysctl -q -w net.ipv4.ip_forward=1");
    int i = 1;
    for (String lb : List.of("lb1", "lb2")) {
      String ns = ns(lb);
      // The reserved IP is not configured here: the agent adds it (provision.os-addresses, with the
      // unit's CAP_NET_ADMIN). HAProxy binds it before that, as on a host where it may come later.
      Sh.in(ns, "sysctl -q -w net.ipv4.ip_nonlocal_bind=1");
      Sh.run("ip -n " + ns + " route add 10.99.2.0/24 via " + GATEWAY);
      Sh.run("ip -n " + ns + " route add 169.254.169.254/32 via " + GATEWAY);
      // IMDS at its well-known address, answered by this instance's fake IMDS through cloud.
      Sh.in(ns, "iptables -t nat -A OUTPUT -d 169.254.169.254/32 -p tcp --dport 80 -j DNAT --to-destination "
          + GATEWAY + ":" + (IMDS_PORT_BASE + i));
      i++;
    }
  }

  /** The bridge port of {@code host}'s link. */
  private String port(String host) {
    return (jitterMaxMs > 0 ? "t-" : "v-") + host;
  }

  /** Starts taplink.py between {@code host}'s eth0 and bridge port t-host, waits for both devices. */
  private void tapLink(String host) {
    try {
      StageProcess p = StageProcess.start("link-" + host, null, List.of("python3", Stage.script("taplink.py"),
          ns(host), "eth0", ns("vpc"), port(host), String.valueOf(jitterMinMs), String.valueOf(jitterMaxMs)),
          logDir.resolve("link-" + host + ".log"));
      links.add(p);
      Await.until("taplink for " + host + " ready", Duration.ofSeconds(5), () -> {
        if (!p.isAlive()) {
          throw new IllegalStateException("taplink for " + host + " exited: " + p.output());
        }
        return p.output().contains("ready");
      }, p::output);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** Drops heartbeats (UDP {@code port}) between {@code lb} and {@code peerIp}, both ways, at {@code lb}. */
  void dropHeartbeats(String lb, String peerIp, int port, boolean on) {
    String op = on ? "-I" : "-D";
    Sh.in(ns(lb), "iptables " + op + " INPUT -p udp -s " + peerIp + " --dport " + port + " -j DROP");
    Sh.in(ns(lb), "iptables " + op + " OUTPUT -p udp -d " + peerIp + " --dport " + port + " -j DROP");
  }

  /**
   * Isolates {@code lb} from everything on the VPC except the EC2 API (TCP to the gateway's API
   * port): peers, the gateway's ping port, clients and backends are dropped both ways.
   */
  void isolateExceptApi(String lb, boolean on) {
    String op = on ? "-I" : "-D";
    String ns = ns(lb);
    // -I inserts at the top, so insert the DROP first and the ACCEPT above it.
    Sh.in(ns, "iptables " + op + " OUTPUT -o eth0 -j DROP");
    Sh.in(ns, "iptables " + op + " OUTPUT -o eth0 -p tcp -d " + GATEWAY + " --dport " + EC2_PORT + " -j ACCEPT");
    Sh.in(ns, "iptables " + op + " INPUT -i eth0 -j DROP");
    Sh.in(ns, "iptables " + op + " INPUT -i eth0 -p tcp -s " + GATEWAY + " --sport " + EC2_PORT + " -j ACCEPT");
  }

  /** Takes {@code host}'s link to the VPC bridge down (or up again). */
  void link(String host, boolean up) {
    Sh.run("ip -n " + ns("vpc") + " link set " + port(host) + (up ? " up" : " down"));
  }

  /** Random loss of {@code percent} % of the packets each VPC host receives from the VPC (on/off). */
  void loss(double percent, boolean on) {
    String op = on ? "-I" : "-D";
    String p = String.valueOf(percent / 100.0);
    for (String h : List.of("cloud", "lb1", "lb2", "web1", "web2", "web3")) {
      Sh.in(ns(h), "iptables " + op + " INPUT -i eth0 -m statistic --mode random --probability " + p + " -j DROP");
    }
    Sh.in(ns("cloud"), "iptables " + op + " FORWARD -i eth0 -m statistic --mode random --probability " + p + " -j DROP");
  }

  @Override
  public synchronized void close() {
    links.forEach(l -> l.stop(0));
    links.clear();
    for (String ns : created) {
      for (String pid : Sh.tryRun("ip netns pids " + ns).output().trim().split("\\s+")) {
        if (pid.matches("\\d+")) {
          Sh.tryRun("kill -KILL " + pid);
        }
      }
    }
    for (String ns : created) {
      Sh.tryRun("ip netns del " + ns);
    }
    created.clear();
  }

  /** Whether any namespace of run {@code runId} is still listed by {@code ip netns list}. */
  static List<String> leftovers(String runId) {
    List<String> out = new ArrayList<>();
    for (String line : Sh.tryRun("ip netns list").output().split("\n")) {
      String name = line.trim().split("\\s+")[0];
      if (name.startsWith("e2e" + runId + "-")) {
        out.add(name);
      }
    }
    return out;
  }
}
