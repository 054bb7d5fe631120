package io.eipfailover.examples.e2e;

import io.eipfailover.aws.testing.Ec2Fake;
import io.eipfailover.aws.testing.FakeAssociation;
import io.eipfailover.core.testing.Await;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BooleanSupplier;

/**
 * The whole HAProxy-on-AWS picture on one machine (see {@code examples/e2e/README.md}): the
 * {@link StageNetwork}, the {@link Ec2Fake} with two tagged instances and their EIPs at home,
 * reached from the cloud namespace through {@link UnixRelay}s, the {@link DataPlane}, three node.js
 * backends, HAProxy and the installed {@code eipfailover-agent} on each load balancer, run as its
 * systemd unit would ({@link InstalledAgent}) behind a firewall opening what {@code ports} prints
 * ({@link StageFirewall}), and the client.
 * {@link #close()} (also run by a shutdown hook) stops every process and removes every namespace,
 * whatever state a failed test left. Not thread-safe: one test thread drives it.
 */
final class Stage implements AutoCloseable {
  static final String CLUSTER = "e2e";
  static final String EIP1 = "eipalloc-0e2e0000000000001";
  static final String EIP2 = "eipalloc-0e2e0000000000002";
  static final Map<String, String> PUBLIC_IPS = Map.of(EIP1, "203.0.113.10", EIP2, "203.0.113.20");
  static final Map<String, String> ENIS = Map.of("lb1", "eni-0e2e0000000000001", "lb2", "eni-0e2e0000000000002");
  static final int HEARTBEAT_PORT = 694;
  static final Path E2E_DIR = locateE2eDir();
  /** Every run id used in this JVM, to check that teardown left nothing behind. */
  static final List<String> RUN_IDS = new ArrayList<>();

  /**
   * @param guard the agent's {@code guard} value
   * @param jitterLink every VPC host is on the bridge through a {@code taplink.py} TAP link that
   *     delays each frame by {@code jitterMinMs..jitterMaxMs}
   * @param agents whether {@link #up} starts the agents (false: the case brings its own failover)
   * @param resyncInterval the agents' {@code failover.resync-interval}
   * @param udpProfile the agents' {@code membership.udp.profile}
   */
  record Options(String guard, Duration failbackDelay, boolean jitterLink, int jitterMinMs, int jitterMaxMs,
      boolean agents, Duration resyncInterval, String udpProfile) {
    static Options defaults() {
      return new Options("reachability", Duration.ofSeconds(3), false, 0, 0, true, Duration.ofSeconds(5), "default");
    }

    Options guard(String g) {
      return new Options(g, failbackDelay, jitterLink, jitterMinMs, jitterMaxMs, agents, resyncInterval, udpProfile);
    }

    Options jitter(int minMs, int maxMs) {
      return new Options(guard, failbackDelay, true, minMs, maxMs, agents, resyncInterval, udpProfile);
    }

    Options withoutAgents() {
      return new Options(guard, failbackDelay, jitterLink, jitterMinMs, jitterMaxMs, false, resyncInterval, udpProfile);
    }

    Options resync(Duration interval) {
      return new Options(guard, failbackDelay, jitterLink, jitterMinMs, jitterMaxMs, agents, interval, udpProfile);
    }

    Options udpProfile(String profile) {
      return new Options(guard, failbackDelay, jitterLink, jitterMinMs, jitterMaxMs, agents, resyncInterval, profile);
    }
  }

  final Options options;
  private final InstalledAgent installed;
  StageNetwork net;
  final Path runDir;
  final Ec2Fake fake;
  private final Path sockDir;
  private final List<UnixRelay> relays = new ArrayList<>();
  private final List<StageProcess> others = new ArrayList<>();
  private final Map<String, StageProcess> haproxy = new LinkedHashMap<>();
  private final Map<String, StageProcess> agents = new LinkedHashMap<>();
  private final Map<String, Integer> agentStarts = new LinkedHashMap<>();
  private DataPlane dataPlane;
  private StageProcess client;
  private final Thread hook;
  private boolean closed;

  private Stage(Options options, String runId) throws IOException {
    this.options = options;
    this.installed = InstalledAgent.read();
    this.runDir = Files.createDirectories(buildDir().resolve("e2e-runs").resolve(runId));
    this.sockDir = Files.createDirectories(Path.of("/tmp", "eipfailover-e2e-" + runId));
    this.hook = new Thread(this::close, "e2e-teardown-" + runId);
    this.fake = Ec2Fake.builder().anyAccessKey("e2e-not-a-secret").start();
    Runtime.getRuntime().addShutdownHook(hook);
  }

  /** Builds the stage and waits until both agents see each other and every EIP is at home. */
  static Stage up(Options options) throws Exception {
    String runId = String.format("%04x", ThreadLocalRandom.current().nextInt(0x10000));
    synchronized (RUN_IDS) {
      RUN_IDS.add(runId);
    }
    Stage s = new Stage(options, runId);
    try {
      s.build(runId);
      return s;
    } catch (Exception | AssertionError e) {
      s.close();
      throw e;
    }
  }

  private void build(String runId) throws Exception {
    net = StageNetwork.create(runId, runDir, options.jitterMinMs(), options.jitterLink() ? options.jitterMaxMs() : 0);
    seedFake();
    relays.add(UnixRelay.start(sockDir.resolve("ec2.sock"), fake.endpoint().getPort()));
    relays.add(UnixRelay.start(sockDir.resolve("imds1.sock"), fake.imds("i-0e2e0000000000001").endpoint().getPort()));
    relays.add(UnixRelay.start(sockDir.resolve("imds2.sock"), fake.imds("i-0e2e0000000000002").endpoint().getPort()));
    others.add(StageProcess.start("api-relay", net.ns("cloud"), List.of("node", script("relay.js"), "tcp",
        StageNetwork.GATEWAY, String.valueOf(StageNetwork.EC2_PORT), sockDir.resolve("ec2.sock").toString(),
        String.valueOf(StageNetwork.IMDS_PORT_BASE + 1), sockDir.resolve("imds1.sock").toString(),
        String.valueOf(StageNetwork.IMDS_PORT_BASE + 2), sockDir.resolve("imds2.sock").toString()),
        runDir.resolve("api-relay.log")));
    others.add(StageProcess.start("gateway", net.ns("cloud"), List.of("node", script("relay.js"), "listen",
        StageNetwork.GATEWAY, String.valueOf(StageNetwork.GATEWAY_PING_PORT)), runDir.resolve("gateway.log")));
    Map<String, String> eips = new LinkedHashMap<>();
    eips.put(EIP1, PUBLIC_IPS.get(EIP1));
    eips.put(EIP2, PUBLIC_IPS.get(EIP2));
    dataPlane = DataPlane.start(fake, net.ns("cloud"), eips);
    for (String web : List.of("web1", "web2", "web3")) {
      others.add(StageProcess.start(web, net.ns(web), List.of("node", script("web.js"), web,
          StageNetwork.HOSTS.get(web), "8080"), runDir.resolve(web + ".log")));
    }
    String shipped = Files.readString(InstalledAgent.ETC.resolve("agent.properties"));
    for (String lb : List.of("lb1", "lb2")) {
      Files.writeString(runDir.resolve("haproxy-" + lb + ".cfg"), StageConfigs.haproxy(lb));
      writeEtc(lb, StageConfigs.agent(shipped, options));
      startHaproxy(lb);
    }
    awaitOk("node.js backends and the EC2 relay answer", Duration.ofSeconds(10), () ->
        Sh.tryRun("ip netns exec " + net.ns("lb1") + " curl -s -m 1 -o /dev/null -w %{http_code} http://"
            + StageNetwork.GATEWAY + ":" + StageNetwork.EC2_PORT + "/").ok()
            && Sh.tryRun("ip netns exec " + net.ns("lb2") + " curl -s -f -m 1 http://10.99.0.31:8080/").ok());
    if (!options.agents()) {
      return;
    }
    for (String lb : List.of("lb1", "lb2")) {
      firewall(lb);
      startAgent(lb);
    }
    awaitSettled(Duration.ofSeconds(60));
    awaitOk("the TCP crash-detection links through the firewalls", Duration.ofSeconds(10),
        () -> metric("lb1", "eipfailover_heartbeat_crash_link_connects_total") > 0
            && metric("lb2", "eipfailover_heartbeat_crash_link_connects_total") > 0);
    for (String lb : List.of("lb1", "lb2")) {
      long dropped = StageFirewall.droppedFromVpc(net.ns(lb));
      if (dropped > 0) {
        throw new AssertionError(lb + "'s firewall (only what `ports` prints is open) dropped " + dropped
            + " packets from the VPC in steady state: the port table misses a port\n"
            + Sh.in(net.ns(lb), "iptables -L INPUT -v -n -x") + diagnostics());
      }
    }
  }

  /**
   * {@code lb}'s /etc/eipfailover as the package lays it out: the configuration (root, 0644), the
   * key directory (0700) and key file (0600) owned by the unit's user.
   */
  private void writeEtc(String lb, String config) throws IOException {
    writeEtc(lb, config, "1 e2e-secret-" + net.runId + "-0123456789abcdef\n");
  }

  private void writeEtc(String lb, String config, String keyText) throws IOException {
    Path etc = Files.createDirectories(etcDir(lb));
    Files.writeString(etc.resolve("agent.properties"), config);
    Path keys = Files.createDirectories(etc.resolve("keys"));
    Path key = keys.resolve("cluster.key");
    Files.writeString(key, keyText);
    String user = installed.user();
    Sh.run("chown " + user + ":" + user + " " + keys + " " + key);
    Files.setPosixFilePermissions(keys, PosixFilePermissions.fromString("rwx------"));
    Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));
  }

  /** {@code lb}'s /etc/eipfailover as its agent sees it (configuration, {@code keys/cluster.key}). */
  Path etcDir(String lb) {
    return runDir.resolve("etc-" + lb);
  }

  /** The instance role's stand-in: credentials naming the node, so the fake's call log tells callers apart. */
  private static Map<String, String> credentials(String lb) {
    return Map.of("AWS_ACCESS_KEY_ID", "AKIDE2E" + lb.toUpperCase(java.util.Locale.ROOT),
        "AWS_SECRET_ACCESS_KEY", "e2e-not-a-secret");
  }

  /** Default-deny inbound in {@code lb}'s namespace, opening what the installed agent's {@code ports --json} prints. */
  private void firewall(String lb) {
    List<String> args = new ArrayList<>(List.of("ports"));
    List<String> exec = installed.unit.execStart();
    args.addAll(exec.subList(1, exec.size()));
    args.add("--json");
    List<String> argv = new ArrayList<>(List.of("ip", "netns", "exec", net.ns(lb)));
    argv.addAll(installed.command(etcDir(lb), Map.of(), args));
    Sh.Result r = Sh.tryRun(argv);
    if (!r.ok()) {
      throw new AssertionError("`eipfailover-agent ports --json` as installed failed (" + r.exitCode() + "): " + r.output());
    }
    List<StageFirewall.PortRule> rules = StageFirewall.parse(r.output());
    List<String> cluster = List.of(StageNetwork.HOSTS.get("lb1"), StageNetwork.RESERVED.get("lb1"),
        StageNetwork.HOSTS.get("lb2"), StageNetwork.RESERVED.get("lb2"));
    StageFirewall.apply(net.ns(lb), rules, cluster, 80);
    try {
      Files.writeString(runDir.resolve("ports-" + lb + ".json"), r.output());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** A counter of {@code lb}'s /metrics, or -1 when the endpoint does not answer. */
  long metric(String lb, String name) {
    Sh.Result r = Sh.tryRun("ip netns exec " + net.ns(lb) + " curl -s -m 1 http://127.0.0.1:9777/metrics");
    if (!r.ok()) {
      return -1;
    }
    for (String line : r.output().split("\n")) {
      // Micrometer adds the common labels: name{cluster="...",self="..."} value
      if (line.startsWith(name + " ") || line.startsWith(name + "{")) {
        return (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1).trim());
      }
    }
    return -1;
  }

  private void seedFake() {
    for (int i = 1; i <= 2; i++) {
      String lb = "lb" + i;
      fake.addTaggedNode(CLUSTER, lb, "i-0e2e000000000000" + i, ENIS.get(lb), StageNetwork.HOSTS.get(lb),
          StageNetwork.RESERVED.get(lb));
    }
    fake.addTaggedAddress(CLUSTER, "lb1", EIP1, PUBLIC_IPS.get(EIP1));
    fake.addTaggedAddress(CLUSTER, "lb2", EIP2, PUBLIC_IPS.get(EIP2));
    fake.associate(EIP1, ENIS.get("lb1"), StageNetwork.HOSTS.get("lb1"));
    fake.associate(EIP2, ENIS.get("lb2"), StageNetwork.HOSTS.get("lb2"));
  }

  void startHaproxy(String lb) throws IOException {
    haproxy.put(lb, StageProcess.start("haproxy-" + lb, net.ns(lb), List.of("haproxy", "-db", "-f",
        runDir.resolve("haproxy-" + lb + ".cfg").toString()), runDir.resolve("haproxy-" + lb + ".log")));
  }

  StageProcess haproxy(String lb) {
    return haproxy.get(lb);
  }

  /** Starts {@code lb}'s agent as the installed unit runs it ({@link InstalledAgent}). */
  void startAgent(String lb) throws IOException {
    int n = agentStarts.merge(lb, 1, Integer::sum);
    agents.put(lb, StageProcess.start("agent-" + lb, net.ns(lb), installed.command(etcDir(lb), credentials(lb), List.of()),
        runDir.resolve("agent-" + lb + "-" + n + ".log")));
  }

  /**
   * Installs {@code dir}'s {@code agent.properties} and {@code keys/cluster.key} as {@code lb}'s
   * /etc/eipfailover (as an operator installs an imported configuration), puts up {@code lb}'s
   * firewall from what {@code ports} prints for it, and starts the agent as the unit does.
   */
  void startAgentWith(String lb, Path dir) throws IOException {
    writeEtc(lb, Files.readString(dir.resolve("agent.properties")), Files.readString(dir.resolve("keys/cluster.key")));
    firewall(lb);
    startAgent(lb);
  }

  /**
   * Runs {@code eipfailover-agent ARGS} as an operator on {@code lb} would: the installed launcher,
   * as root, in the node's namespace (its /etc/eipfailover is the agent's sandbox's, so not there).
   */
  Sh.Result operator(String lb, String... args) {
    List<String> argv = new ArrayList<>(List.of("ip", "netns", "exec", net.ns(lb), installed.unit.execStart().get(0)));
    argv.addAll(List.of(args));
    return Sh.tryRun(argv);
  }

  /** Exit codes the unit counts as a clean stop. */
  List<Integer> successExitCodes() {
    return installed.successExitCodes();
  }

  StageProcess agent(String lb) {
    return agents.get(lb);
  }

  /** The status JSON of {@code lb}'s agent (its endpoint binds the namespace's loopback), or "". */
  String status(String lb) {
    Sh.Result r = Sh.tryRun("ip netns exec " + net.ns(lb) + " curl -s -m 1 http://127.0.0.1:9777/status");
    return r.ok() ? r.output() : "";
  }

  /** Whether {@code lb}'s status shows {@code node} in {@code state}. */
  boolean sees(String lb, String node, String state) {
    return status(lb).matches("(?s).*\"" + node + "\"\\s*:\\s*\\{\\s*\"state\"\\s*:\\s*\"" + state + "\".*");
  }

  /** How long ago {@code lb}'s agent last accepted a heartbeat from {@code node} ({@code /status}); MAX_VALUE if unknown. */
  long lastHeardMillis(String lb, String node) {
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"" + node + "\"\\s*:\\s*\\{[^}]*\"lastHeardMs\"\\s*:\\s*(\\d+)")
        .matcher(status(lb));
    return m.find() ? Long.parseLong(m.group(1)) : Long.MAX_VALUE;
  }

  /** The node whose ENI holds {@code allocationId} according to EC2 (the fake's truth). */
  Optional<String> holder(String allocationId) {
    Optional<FakeAssociation> a = fake.association(allocationId);
    return a.flatMap(x -> ENIS.entrySet().stream().filter(e -> e.getValue().equals(x.networkInterfaceId()))
        .map(Map.Entry::getKey).findFirst());
  }

  boolean atHome() {
    return holder(EIP1).equals(Optional.of("lb1")) && holder(EIP2).equals(Optional.of("lb2"))
        && fake.association(EIP1).map(FakeAssociation::privateIp).equals(Optional.of(StageNetwork.HOSTS.get("lb1")))
        && fake.association(EIP2).map(FakeAssociation::privateIp).equals(Optional.of(StageNetwork.HOSTS.get("lb2")));
  }

  /** Waits until both agents see both nodes alive and every EIP is at home. */
  void awaitSteady(Duration timeout) {
    awaitOk("steady state (both agents see lb1 and lb2 ALIVE, EIPs at home)", timeout, () ->
        atHome() && sees("lb1", "lb1", "ALIVE") && sees("lb1", "lb2", "ALIVE") && sees("lb2", "lb2", "ALIVE")
            && sees("lb2", "lb1", "ALIVE"));
  }

  /**
   * {@link #awaitSteady}, and then that no AssociateAddress comes for a few seconds. The agents start
   * one after the other: one that ran alone past its initdead may take its peer's EIP just as the
   * two meet (its guard's answer can reach its loop before the view in which the peer is alive),
   * and the peer pulls it home a fail-back delay and a hold time later. Cases start from a placement
   * that has held still.
   */
  void awaitSettled(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      awaitSteady(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
      int associates = fake.calls("AssociateAddress").size();
      Sh.sleep(4000);
      if (atHome() && fake.calls("AssociateAddress").size() == associates) {
        return;
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("the placement did not settle within " + timeout.toSeconds() + " s\n" + diagnostics());
      }
    }
  }

  /** Waits until EC2 shows {@code allocationId} on {@code lb}; returns the wall-clock time it was seen. */
  long awaitHolder(String allocationId, String lb, Duration timeout) {
    awaitOk(allocationId + " held by " + lb, timeout, () -> holder(allocationId).equals(Optional.of(lb)));
    return System.currentTimeMillis();
  }

  void awaitOk(String what, Duration timeout, BooleanSupplier condition) {
    Await.until(what, timeout, condition, () -> "\n" + diagnostics());
  }

  /** Holders, data plane, statuses and the tails of the agents' logs, for failure messages. */
  String diagnostics() {
    StringBuilder sb = new StringBuilder("holders: EIP1=" + holder(EIP1) + " EIP2=" + holder(EIP2) + ", data plane "
        + dataPlane.current() + (dataPlane.lastError() == null ? "" : " (error " + dataPlane.lastError() + ")")
        + "\nrun directory (logs): " + runDir + "\n");
    for (String lb : agents.keySet()) {
      sb.append("status ").append(lb).append(": ").append(status(lb)).append('\n');
      String out = agents.get(lb).output();
      String[] lines = out.split("\n");
      sb.append("--- ").append(agents.get(lb).log().getFileName()).append(" (last lines)\n");
      for (int i = Math.max(0, lines.length - 15); i < lines.length; i++) {
        sb.append(lines[i]).append('\n');
      }
    }
    return sb.toString();
  }

  /** Starts the client: one request every {@code intervalMs} to each EIP, for at most {@code maxSeconds}. */
  void startClient(int intervalMs, int timeoutMs, int maxSeconds) throws IOException {
    client = StageProcess.start("client", net.ns("client"), List.of("node", script("client.js"),
        String.valueOf(intervalMs), String.valueOf(timeoutMs), String.valueOf(maxSeconds),
        PUBLIC_IPS.get(EIP1), PUBLIC_IPS.get(EIP2)), runDir.resolve("client-" + System.currentTimeMillis() + ".log"));
  }

  /** The client's results so far (flushed every 100 ms). */
  ClientLog clientSoFar() {
    return ClientLog.parse(client.output());
  }

  /** Stops the client (it drains in-flight requests) and returns every result. */
  ClientLog stopClient() throws Exception {
    client.send("stop");
    if (client.waitFor(5000) < 0) {
      client.stop(1000);
    }
    return ClientLog.parse(client.output());
  }

  DataPlane dataPlane() {
    return dataPlane;
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    List<StageProcess> all = new ArrayList<>();
    if (client != null) {
      all.add(client);
    }
    all.addAll(agents.values());
    all.addAll(haproxy.values());
    all.addAll(others);
    for (StageProcess p : all) {
      try {
        p.stop(0);
      } catch (RuntimeException e) {
        System.err.println("[e2e] stopping " + p + ": " + e);
      }
    }
    if (dataPlane != null) {
      dataPlane.close();
    }
    for (UnixRelay r : relays) {
      try {
        r.close();
      } catch (IOException e) {
        System.err.println("[e2e] closing relay: " + e);
      }
    }
    if (net != null) {
      net.close();
    }
    fake.close();
    try {
      Files.deleteIfExists(sockDir);
    } catch (IOException e) {
      System.err.println("[e2e] " + sockDir + " left behind: " + e);
    }
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException e) {
      // already shutting down: this is the hook
    }
  }

  static String script(String name) {
    return E2E_DIR.resolve(name).toString();
  }

  /** The module's build directory (the parent of test-classes), honouring -Deip.buildDir. */
  static Path buildDir() {
    try {
      return Path.of(Stage.class.getProtectionDomain().getCodeSource().getLocation().toURI()).getParent();
    } catch (java.net.URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Path locateE2eDir() {
    return buildDir().getParent().resolve("e2e");
  }

}
