package io.eipfailover.benchmarks.harness;

import io.eipfailover.aws.testing.Ec2Fake;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The 16 agents of the real fleet run, each {@code java -Xms64m -Xmx128m -XX:+UseSerialGC -jar
 * eipfailover-agent.jar --config FILE} in its namespace (the jar and flags users run), with JGroups
 * membership. Follows each one's log: {@code started:}, the end of its start-up grace, and its
 * latest membership view (the reconciler logs each). Thread-safe.
 */
final class FleetAgents implements AutoCloseable {
  private final FleetLayout layout;
  private final FleetNetwork net;
  private final Path dir;
  private final Path jar;
  private final WallClock clock;
  /** The log events that start ("held") or end ("ready": the start-up grace, "lifted": another) a hold on takeovers. */
  private static final java.util.Set<String> HOLDS = java.util.Set.of("ready", "lifted", "held");

  private final Map<FleetLayout.Node, Proc> procs = new ConcurrentHashMap<>();
  private final Map<FleetLayout.Node, EventLog> logs = new ConcurrentHashMap<>();
  private final Map<FleetLayout.Node, Long> startedAt = new ConcurrentHashMap<>();

  FleetAgents(FleetLayout layout, FleetNetwork net, Path dir, Path jar, WallClock clock) throws IOException {
    this.clock = clock;
    this.layout = layout;
    this.net = net;
    this.dir = dir;
    this.jar = jar;
    Files.createDirectories(dir);
    Path keys = dir.resolve("authkeys");
    Files.writeString(keys, "1 bench-fleet-secret-0123456789abcdef\n", StandardCharsets.US_ASCII);
    Files.setPosixFilePermissions(keys, PosixFilePermissions.fromString("rw-------"));
    Files.writeString(dir.resolve("logback-bench.xml"), AgentDaemon.LOGBACK, StandardCharsets.UTF_8);
    for (FleetLayout.Node n : layout.nodes()) {
      StringBuilder sb = new StringBuilder("# written by the fleet run\n");
      layout.agentProperties(n).forEach((k, v) -> sb.append(k).append(" = ").append(v).append('\n'));
      Files.writeString(config(n), sb.toString(), StandardCharsets.UTF_8);
    }
  }

  private Path config(FleetLayout.Node n) {
    return dir.resolve("agent-" + n.id() + ".properties");
  }

  /** Starts {@code n}'s agent (a new incarnation; the previous one must be gone). */
  void start(FleetLayout.Node n) throws IOException {
    EventLog log = logs.computeIfAbsent(n, k -> new EventLog(clock));
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xms64m", "-Xmx128m", "-XX:+UseSerialGC", "-Daws.accessKeyId=" + n.id(),
        "-Daws.secretAccessKey=" + Ec2Fake.TEST_SECRET, "-Dlogback.configurationFile=" + dir.resolve("logback-bench.xml"),
        "-jar", jar.toString(), "--config", config(n).toString()));
    startedAt.put(n, clock.micros());
    procs.put(n, Proc.start("agent-" + n.id(), net.ns(n), cmd, dir.resolve("logs").resolve(n.id() + ".log"),
        line -> AgentDaemon.parse(line).ifPresent(log::add)));
  }

  /** SIGKILL, by pid, to every one of {@code nodes} first, then waits for each to be gone. */
  void kill9(List<FleetLayout.Node> nodes) {
    nodes.forEach(n -> procs.get(n).signal("KILL"));
    nodes.forEach(n -> procs.get(n).waitFor(5_000));
  }

  /**
   * Whether {@code n}'s agent runs, takes over from unreachable peers again (its start-up grace and
   * any later hold are over) and its latest view has every node ALIVE.
   */
  boolean steady(FleetLayout.Node n) {
    Proc p = procs.get(n);
    EventLog log = logs.get(n);
    long since = startedAt.getOrDefault(n, Long.MAX_VALUE);
    boolean holdOver = log.last(e -> e.micros() >= since && HOLDS.contains(e.kind()))
        .map(e -> !e.kind().equals("held")).orElse(false);
    if (p == null || !p.isAlive() || !holdOver) {
      return false;
    }
    return log.last(e -> e.kind().equals("view") && e.micros() >= since)
        .map(e -> alive(e.field("members")) == layout.nodes().size()).orElse(false);
  }

  /** The first view line of {@code n} after {@code fromMicros} in which {@code victim} is no longer ALIVE. */
  Optional<Long> noticed(FleetLayout.Node n, FleetLayout.Node victim, long fromMicros) {
    String alive = victim.id() + "=ALIVE";
    return logs.get(n).since(0).stream().filter(e -> e.kind().equals("view") && e.micros() >= fromMicros
        && !(" " + e.field("members") + " ").contains(" " + alive + " ")).findFirst().map(EventLine::micros);
  }

  private static int alive(String members) {
    int count = 0;
    for (String m : members.split(" ")) {
      count += m.endsWith("=ALIVE") ? 1 : 0;
    }
    return count;
  }

  /** Resident memory of every running agent, MB, by node. */
  Map<FleetLayout.Node, Double> rssMb() {
    Map<FleetLayout.Node, Double> out = new LinkedHashMap<>();
    procs.forEach((n, p) -> {
      if (p.isAlive()) {
        out.put(n, ProcStats.of(List.of(p.pid())).rssKb() / 1024.0);
      }
    });
    return out;
  }

  @Override
  public void close() {
    procs.values().forEach(p -> p.stop(3_000));
  }
}
