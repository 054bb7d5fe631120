package io.eipfailover.benchmarks.harness;

import io.eipfailover.core.runtime.Checks;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The bench's network, all of it inside network namespaces named {@code eb<run>-<host>}: {@code
 * vpc} holds only the bridge {@code br0}; {@code cloud} is the VPC gateway {@value
 * PairLayout#GATEWAY}, where {@code nsrelay.py} relays the EC2 API and each node's IMDS to the EC2
 * fake in the harness JVM; {@code a} and {@code b} are the two nodes ({@code lb-a}, {@code lb-b})
 * with their primary and reserved private IPs on {@code eth0}. Every host hangs on the bridge by a
 * veth pair, except that with a {@link LinkImpairment} {@code lb-b} hangs on it by {@code
 * jitterlink.py} (a TAP pair whose forwarder delays and drops frames), so every frame between the
 * nodes crosses the impaired link once. Nothing routes out: the only addresses are in 10.98.0.0/24
 * and no host interface, route or rule is touched. {@link #close()} stops what runs in the
 * namespaces (only ours: they exist for this run) and deletes them; idempotent.
 */
final class BenchNetwork implements AutoCloseable {
  /** Delay {@code meanMs ± jitterMs} (uniform) and loss in percent on lb-b's link, each frame independently. */
  record LinkImpairment(int meanMs, int jitterMs, double lossPercent, long seed) {
    LinkImpairment {
      Checks.nonNegative("meanMs", meanMs);
      Checks.range("jitterMs", jitterMs, 0, meanMs);
      Checks.require(lossPercent >= 0 && lossPercent < 100, "lossPercent must be in [0, 100), was %s", lossPercent);
    }

    String describe() {
      return String.format(java.util.Locale.ROOT, "%d ± %d ms uniform delay and %.1f %% loss on every frame to and"
          + " from lb-b (jitterlink.py TAP forwarder)", meanMs, jitterMs, lossPercent);
    }
  }

  private final String runId;
  private final Path logDir;
  private final Map<String, String> names = new LinkedHashMap<>();
  private final List<Proc> helpers = new ArrayList<>();
  private final Optional<LinkImpairment> impairment;
  private Proc link;
  private boolean closed;

  private BenchNetwork(String runId, Path logDir, Optional<LinkImpairment> impairment) {
    this.runId = runId;
    this.logDir = logDir;
    this.impairment = impairment;
  }

  /**
   * Builds the network and its relays to the fake; on failure tears down what was made and
   * rethrows.
   *
   * @param ec2Port the EC2 fake's port on the harness's loopback
   * @param imdsPorts each node's IMDS fake port on the harness's loopback, by node
   */
  static BenchNetwork create(String runId, Path logDir, Optional<LinkImpairment> impairment, int ec2Port,
      Map<PairLayout.Node, Integer> imdsPorts) {
    BenchNetwork n = new BenchNetwork(runId, logDir, impairment);
    try {
      n.build(ec2Port, imdsPorts);
      return n;
    } catch (RuntimeException | IOException e) {
      n.close();
      throw e instanceof RuntimeException r ? r : new IllegalStateException("network set-up failed: " + e, e);
    }
  }

  /** The namespace of {@code node}. */
  String ns(PairLayout.Node node) {
    return names.get(node.id().equals(PairLayout.A) ? "a" : "b");
  }

  /** The cloud namespace (gateway, relays). */
  String cloudNs() {
    return names.get("cloud");
  }

  private void build(int ec2Port, Map<PairLayout.Node, Integer> imdsPorts) throws IOException {
    for (String h : List.of("vpc", "cloud", "a", "b")) {
      String ns = "eb" + runId + "-" + h;
      Sh.run("ip netns add " + ns);
      names.put(h, ns);
      Sh.run("ip -n " + ns + " link set lo up");
    }
    String vpc = names.get("vpc");
    Sh.run("ip -n " + vpc + " link add br0 type bridge");
    Sh.run("ip -n " + vpc + " link set br0 up");
    attach("cloud", PairLayout.GATEWAY, false);
    attach("a", PairLayout.NODE_A.primaryIp(), false);
    attach("b", PairLayout.NODE_B.primaryIp(), impairment.isPresent());
    for (PairLayout.Node n : PairLayout.nodes()) {
      Sh.run("ip -n " + ns(n) + " addr add " + n.reservedIp() + "/24 dev eth0");
    }
    relay("ec2", PairLayout.EC2_PORT, ec2Port);
    for (PairLayout.Node n : PairLayout.nodes()) {
      relay("imds-" + n.id(), n.imdsPort(), imdsPorts.get(n));
    }
  }

  /** Hangs {@code host} on the bridge (veth, or the impaired TAP link) with {@code ip}/24 on its eth0. */
  private void attach(String host, String ip, boolean impaired) throws IOException {
    String vpc = names.get("vpc");
    String ns = names.get(host);
    if (impaired) {
      LinkImpairment li = impairment.orElseThrow();
      link = started("link-" + host, null, List.of("python3", BenchHome.script("jitterlink.py"), ns, "eth0", vpc,
          port(host), Integer.toString(li.meanMs()), Integer.toString(li.jitterMs()), Double.toString(li.lossPercent()),
          Long.toString(li.seed())));
    } else {
      Sh.run("ip -n " + vpc + " link add " + port(host) + " type veth peer name eth0 netns " + ns);
    }
    Sh.run("ip -n " + vpc + " link set " + port(host) + " master br0");
    Sh.run("ip -n " + vpc + " link set " + port(host) + " up");
    Sh.run("ip -n " + ns + " addr add " + ip + "/24 dev eth0");
    Sh.run("ip -n " + ns + " link set eth0 up");
  }

  private void relay(String name, int listenPort, int targetPort) throws IOException {
    started("relay-" + name, null, List.of("python3", BenchHome.script("nsrelay.py"), cloudNs(), PairLayout.GATEWAY,
        Integer.toString(listenPort), "127.0.0.1", Integer.toString(targetPort)));
  }

  /** Starts a helper script and waits (up to 5 s) for its "ready" line. */
  private Proc started(String name, String ns, List<String> argv) throws IOException {
    java.util.concurrent.CountDownLatch ready = new java.util.concurrent.CountDownLatch(1);
    Proc p = Proc.start(name, ns, argv, logDir.resolve(name + ".log"), line -> {
      if (line.startsWith("ready")) {
        ready.countDown();
      }
    });
    helpers.add(p);
    try {
      if (!ready.await(5, java.util.concurrent.TimeUnit.SECONDS)) {
        throw new IllegalStateException(name + " did not start within 5 s; see " + logDir.resolve(name + ".log"));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted starting " + name, e);
    }
    return p;
  }

  /** The bridge-side device of {@code host}'s link. */
  private String port(String host) {
    return (host.equals("b") && impairment.isPresent() ? "t-" : "v-") + host;
  }

  /** Takes {@code node}'s link to the bridge down or up: down, its host is gone for everyone else. */
  void link(PairLayout.Node node, boolean up) {
    String host = node.id().equals(PairLayout.A) ? "a" : "b";
    Sh.run("ip -n " + names.get("vpc") + " link set " + port(host) + (up ? " up" : " down"));
  }

  /** The impaired link's counters ("stats forwarded=N dropped=M"), read when the network closes. */
  Optional<String> linkStats() {
    if (link == null) {
      return Optional.empty();
    }
    link.stop(2_000);
    link.drain(1_000);
    return Optional.of(readLog(logDir.resolve(link.name() + ".log"))).flatMap(s -> s.lines()
        .filter(l -> l.startsWith("stats ")).reduce((x, y) -> y));
  }

  private static String readLog(Path p) {
    try {
      return java.nio.file.Files.readString(p);
    } catch (IOException e) {
      return "";
    }
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    helpers.forEach(h -> h.stop(1_000));
    removeNamespaces(names.values());
  }

  /** Kills what runs in {@code namespaces} (made for this run, so only ours) and deletes them. */
  static void removeNamespaces(java.util.Collection<String> namespaces) {
    for (String ns : namespaces) {
      for (String pid : Sh.tryRun("ip netns pids " + ns).output().trim().split("\\s+")) {
        if (pid.matches("\\d+")) {
          Sh.tryRun("kill -KILL " + pid); // only ours: the namespace was made for this run
        }
      }
    }
    for (String ns : namespaces) {
      Sh.tryRun("ip netns del " + ns);
    }
  }

  /** Namespaces of run {@code runId} still listed by {@code ip netns list}. */
  static List<String> leftovers(String runId) {
    List<String> out = new ArrayList<>();
    for (String line : Sh.tryRun("ip netns list").output().split("\n")) {
      String name = line.trim().split("\\s+")[0];
      if (name.startsWith("eb" + runId + "-")) {
        out.add(name);
      }
    }
    return out;
  }
}
