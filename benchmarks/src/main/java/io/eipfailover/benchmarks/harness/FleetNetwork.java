package io.eipfailover.benchmarks.harness;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The real fleet run's network, all inside namespaces named {@code ef<run>-<host>}: {@code core}
 * holds a bridge, each AZ ({@code az1..az3}) a bridge of its own, hung on the core bridge by {@code
 * jitterlink.py} (a TAP pair whose forwarder delays every frame by {@code delayMs ± jitterMs}), so
 * traffic between AZs crosses two impaired links and traffic inside an AZ none. Every node ({@code
 * n01..n16}) hangs on its AZ's bridge by a veth pair with all its private IPs on {@code eth0};
 * {@code cloud} hangs on the core bridge with the gateway address, where {@code nsrelay.py} relays
 * the EC2 API and each node's IMDS to the fakes in the harness JVM. No route out: the only
 * addresses are in 10.98.0.0/16 and no host interface is touched. {@link #close()} stops what runs
 * in the namespaces (only ours) and deletes them; idempotent.
 */
final class FleetNetwork implements AutoCloseable {
  private final String prefix;
  private final Path logDir;
  private final Map<String, String> names = new LinkedHashMap<>();
  private final List<Proc> helpers = new ArrayList<>();
  private boolean closed;

  private FleetNetwork(String runId, Path logDir) {
    this.prefix = "ef" + runId + "-";
    this.logDir = logDir;
  }

  /** Builds it; on failure tears down what was made and rethrows. */
  static FleetNetwork create(String runId, Path logDir, FleetLayout layout, int delayMs, int jitterMs, int ec2Port,
      Map<FleetLayout.Node, Integer> imdsPorts) {
    FleetNetwork n = new FleetNetwork(runId, logDir);
    try {
      n.build(layout, delayMs, jitterMs, ec2Port, imdsPorts);
      return n;
    } catch (RuntimeException | IOException e) {
      n.close();
      throw e instanceof RuntimeException r ? r : new IllegalStateException("network set-up failed: " + e, e);
    }
  }

  /** The namespace of {@code node}. */
  String ns(FleetLayout.Node node) {
    return names.get(String.format("n%02d", node.index()));
  }

  private String add(String host) {
    String ns = prefix + host;
    Sh.run("ip netns add " + ns);
    names.put(host, ns);
    Sh.run("ip -n " + ns + " link set lo up");
    return ns;
  }

  private void build(FleetLayout layout, int delayMs, int jitterMs, int ec2Port, Map<FleetLayout.Node, Integer> imds)
      throws IOException {
    String core = add("core");
    bridge(core);
    for (int az = 1; az <= FleetLayout.AZS; az++) {
      String ns = add("az" + az);
      bridge(ns);
      started("link-az" + az, List.of("python3", BenchHome.script("jitterlink.py"), core, "t-az" + az, ns, "up0",
          Integer.toString(delayMs), Integer.toString(jitterMs), "0", Integer.toString(az)));
      enslave(core, "t-az" + az);
      enslave(ns, "up0");
    }
    String cloud = add("cloud");
    veth(core, "v-cloud", cloud, List.of(FleetLayout.GATEWAY));
    for (FleetLayout.Node n : layout.nodes()) {
      String ns = add(String.format("n%02d", n.index()));
      List<String> ips = new ArrayList<>(n.homeIps());
      ips.addAll(n.reservedIps());
      veth(names.get("az" + n.az()), String.format("v-n%02d", n.index()), ns, ips);
    }
    relay(cloud, "ec2", FleetLayout.EC2_PORT, ec2Port);
    for (FleetLayout.Node n : layout.nodes()) {
      relay(cloud, "imds-" + n.id(), n.imdsPort(), imds.get(n));
    }
  }

  private static void bridge(String ns) {
    Sh.run("ip -n " + ns + " link add br0 type bridge");
    Sh.run("ip -n " + ns + " link set br0 up");
  }

  private static void enslave(String ns, String dev) {
    Sh.run("ip -n " + ns + " link set " + dev + " master br0");
    Sh.run("ip -n " + ns + " link set " + dev + " up");
  }

  /** A veth from {@code bridgeNs}'s bridge ({@code port}) to {@code hostNs}'s eth0 with {@code ips}/16. */
  private static void veth(String bridgeNs, String port, String hostNs, List<String> ips) {
    Sh.run("ip -n " + bridgeNs + " link add " + port + " type veth peer name eth0 netns " + hostNs);
    enslave(bridgeNs, port);
    for (String ip : ips) {
      Sh.run("ip -n " + hostNs + " addr add " + ip + "/16 dev eth0");
    }
    Sh.run("ip -n " + hostNs + " link set eth0 up");
  }

  private void relay(String cloud, String name, int listenPort, int targetPort) throws IOException {
    started("relay-" + name, List.of("python3", BenchHome.script("nsrelay.py"), cloud, FleetLayout.GATEWAY,
        Integer.toString(listenPort), "127.0.0.1", Integer.toString(targetPort)));
  }

  /** Starts a helper script and waits (up to 10 s) for its "ready" line. */
  private void started(String name, List<String> argv) throws IOException {
    CountDownLatch ready = new CountDownLatch(1);
    Proc p = Proc.start(name, null, argv, logDir.resolve(name + ".log"), line -> {
      if (line.startsWith("ready")) {
        ready.countDown();
      }
    });
    helpers.add(p);
    try {
      if (!ready.await(10, TimeUnit.SECONDS)) {
        throw new IllegalStateException(name + " did not start within 10 s; see " + logDir.resolve(name + ".log"));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted starting " + name, e);
    }
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    helpers.forEach(h -> h.stop(1_000));
    BenchNetwork.removeNamespaces(names.values());
  }
}
