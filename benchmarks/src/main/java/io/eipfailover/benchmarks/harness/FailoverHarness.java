package io.eipfailover.benchmarks.harness;

import io.eipfailover.aws.testing.Ec2Fake;
import io.eipfailover.core.testing.LoopbackPorts;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The failover-time harness. Runs the EC2 fake in this process and pairs of {@link NodeMain} JVMs
 * on loopback, and writes {@code runs.csv} (one row per repetition) and {@code measures.csv} (CPU,
 * steady-state EC2 calls, false takeovers) into the output folder, node logs under {@code
 * ../tmp/<mode>/logs}.
 *
 * <p>Usage: {@code FailoverHarness <short|full> <output-dir> [profiles]}, profiles a comma list of
 * {@code udp-default,udp-aggressive,jgroups-default} (default all). Scenarios per profile: {@code
 * kill9-hostup} (crash fast path via ICMP), {@code kill9-hostdown} (UDP only: the survivor ignores
 * ICMP, as when the victim's host vanished), {@code sigstop}, {@code standby}; each repetition
 * first refreshes the survivor's EC2 observation (as its periodic resync would in a long-steady
 * pair). UDP default adds {@code kill9-after-failback} (at most 2 repetitions): the kill comes right
 * after the previous fail-back, without that refresh. Then, for UDP default: an idle window (CPU,
 * EC2 calls), a SIGSTOP soak, a jitter + loss soak and {@code crash-in-jvm} ({@link
 * CrashLinkLatency}: 4 × repetitions abrupt closes per crash path, inside this JVM).
 */
public final class FailoverHarness {
  private final HarnessSettings settings;
  private final WallClock clock;
  private final List<RunRecord> runs = new ArrayList<>();
  private final List<Measure> measures = new ArrayList<>();

  FailoverHarness(HarnessSettings settings, WallClock clock) {
    this.settings = settings;
    this.clock = clock;
  }

  public static void main(String[] args) throws IOException {
    HarnessSettings s = HarnessSettings.parse(args);
    new FailoverHarness(s, WallClock.system()).run();
  }

  /** Runs everything and writes the CSVs; returns the repetitions. */
  List<RunRecord> run() throws IOException {
    Files.createDirectories(settings.outDir());
    // Node logs go beside the results, under tmp/ (git-ignored): results/tmp/<mode>/logs.
    Path logs = settings.outDir().toAbsolutePath().resolveSibling("tmp").resolve(settings.mode()).resolve("logs");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String classpath = System.getProperty("java.class.path");
    try (Ec2Fake ec2 = Ec2Fake.start(clock.clock(), new Random(settings.seed()))) {
      PairLayout.seed(ec2);
      Ec2Log log = new Ec2Log(ec2, clock);
      Scenarios scenarios = new Scenarios(clock, log);
      Soaks soaks = new Soaks(clock, log, clockTicksPerSecond());
      for (Profile profile : settings.profiles()) {
        NodeOptions base = new NodeOptions(PairLayout.A, profile, LoopbackPorts.reserve(), LoopbackPorts.reserve(),
            ec2.endpoint(), 0, 0, 0, false, settings.seed());
        List<String> plain = profile == Profile.UDP_DEFAULT
            ? List.of("kill9-hostup", "sigstop", "standby", "kill9-after-failback")
            : List.of("kill9-hostup", "sigstop", "standby");
        plain = plain.stream().filter(settings::runs).toList();
        if (!plain.isEmpty()) {
          runScenarios(base, base.forNode(PairLayout.B), plain, ec2, scenarios, java, classpath, logs);
        }
        if (profile.udp() && settings.runs("kill9-hostdown")) {
          NodeOptions noIcmp = new NodeOptions(PairLayout.A, profile, LoopbackPorts.reserve(), LoopbackPorts.reserve(),
              ec2.endpoint(), 0, 0, 0, true, settings.seed());
          runScenarios(noIcmp, noIcmp.forNode(PairLayout.B), List.of("kill9-hostdown"), ec2, scenarios, java, classpath,
              logs);
        }
        if (profile == Profile.UDP_DEFAULT) {
          soak(base, ec2, soaks, java, classpath, logs);
          if (settings.runs("crash-in-jvm")) {
            measures.addAll(CrashLinkLatency.measure(profile.label(), 4 * settings.repetitions()));
          }
        }
      }
    }
    write();
    return runs;
  }

  private void runScenarios(NodeOptions a, NodeOptions b, List<String> names, Ec2Fake ec2, Scenarios scenarios,
      String java, String classpath, Path logs) throws IOException {
    Pair pair = Pair.start(a, b, ec2, clock, java, classpath, logs);
    try {
      for (String name : names) {
        Scenarios.Fault fault = switch (name) {
          case "kill9-hostup", "kill9-hostdown", "kill9-after-failback" -> Scenarios.Fault.KILL9;
          case "sigstop" -> Scenarios.Fault.SIGSTOP;
          case "standby" -> Scenarios.Fault.STANDBY;
          default -> throw new IllegalArgumentException("unknown scenario " + name);
        };
        boolean afterFailback = name.equals("kill9-after-failback");
        int reps = afterFailback ? Math.min(settings.repetitions(), 2) : settings.repetitions();
        for (int rep = 1; rep <= reps; rep++) {
          RunRecord r = scenarios.run(pair, a.profile().label(), name, fault, rep, !afterFailback,
              afterFailback ? Duration.ofSeconds(40) : Scenarios.TIMEOUT);
          runs.add(r);
          System.out.println("harness: " + r.toCsv());
          if (!r.ok() && r.note().contains("not steady")) {
            pair.close();
            pair = Pair.start(a, b, ec2, clock, java, classpath, logs);
          }
        }
      }
    } finally {
      pair.close();
    }
  }

  private void soak(NodeOptions base, Ec2Fake ec2, Soaks soaks, String java, String classpath, Path logs)
      throws IOException {
    String label = base.profile().label();
    if (settings.runs("idle") || settings.runs("soak-sigstop")) {
      try (Pair pair = Pair.start(base, base.forNode(PairLayout.B), ec2, clock, java, classpath, logs)) {
        if (settings.runs("idle")) {
          try (NodeProcess idleJvm = NodeProcess.start(io.eipfailover.core.NodeId.of("idle-jvm"),
              IdleJvmMain.class.getName(), List.of(), java, classpath, logs, clock)) {
            measures.addAll(soaks.idle(pair, label, Duration.ofSeconds(10), settings.idleWindow(), idleJvm));
          }
        }
        if (settings.runs("soak-sigstop")) {
          measures.addAll(soaks.sigstopSoak(pair, label, settings.soak(), Duration.ofMillis(500),
              Duration.ofSeconds(10)));
        }
      }
    }
    if (!settings.runs("soak-jitter")) {
      return;
    }
    URI endpoint = base.ec2();
    NodeOptions jitter = new NodeOptions(PairLayout.A, base.profile(), LoopbackPorts.reserve(), LoopbackPorts.reserve(),
        endpoint, 20, 10, 0.01, false, settings.seed());
    try (Pair pair = Pair.start(jitter, jitter.forNode(PairLayout.B), ec2, clock, java, classpath, logs)) {
      measures.addAll(soaks.linkSoak(pair, label, settings.soak(),
          "20 +- 10 ms uniform one-way delay and 1 % loss on every heartbeat, both directions (in-JVM transport"
              + " decorator)"));
    }
    measures.forEach(m -> System.out.println("harness: " + m.toCsv()));
  }

  private void write() throws IOException {
    try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(settings.outDir().resolve("runs.csv"),
        StandardCharsets.UTF_8))) {
      w.println(String.join(",", RunRecord.HEADER));
      runs.forEach(r -> w.println(r.toCsv()));
    }
    try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(settings.outDir().resolve("measures.csv"),
        StandardCharsets.UTF_8))) {
      w.println(String.join(",", Measure.HEADER));
      measures.forEach(m -> w.println(m.toCsv()));
    }
  }

  private static long clockTicksPerSecond() {
    try {
      Process p = new ProcessBuilder("getconf", "CLK_TCK").start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
      return p.waitFor() == 0 ? Long.parseLong(out) : 100;
    } catch (IOException | NumberFormatException e) {
      return 100;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 100;
    }
  }
}
