package io.eipfailover.benchmarks.harness;

import io.eipfailover.aws.testing.Ec2Fake;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

/**
 * The failover harness, side by side: for each compared {@link Setting} (our agent with a profile,
 * keepalived with an advert interval) it builds a {@link BenchNetwork}, starts the pair in it and
 * runs the same faults on {@code lb-b} — {@code kill -9} with the host up, the host gone (link down
 * + kill), a graceful stop, periodic stalls, the stall ladder, and last an idle window (CPU, memory,
 * threads) — then rebuilds the network with lb-b behind the impaired link for the jitter + loss
 * soak. The EC2 fake runs in this JVM and times every takeover. Writes {@code runs.csv} and {@code
 * measures.csv} into the output folder; configurations and daemon logs go under {@code
 * ../tmp/<mode>/}.
 *
 * <p>Usage: {@code FailoverHarness <short|full|smoke> <output-dir> [settings] [scenarios]}, settings
 * a comma list of names in {@code benchmarks/settings/} (default {@link
 * HarnessSettings#DEFAULT_SETTINGS}), scenarios a comma list of {@link
 * HarnessSettings#ALL_SCENARIOS}. Needs root (network namespaces), python3, /dev/net/tun, and
 * keepalived for its settings, and the agent jar ({@link BenchHome#agentJar()}).
 */
public final class FailoverHarness {
  private static final List<Scenarios.Fault> FAULTS = List.of(Scenarios.Fault.KILL9_HOST_UP,
      Scenarios.Fault.HOST_GONE, Scenarios.Fault.GRACEFUL);

  private final HarnessSettings settings;
  private final WallClock clock;
  private final List<RunRecord> runs = new ArrayList<>();
  private final List<Measure> measures = new ArrayList<>();
  private final String runId = String.format("%04x", new Random().nextInt(0x10000));
  private final List<AutoCloseable> open = new ArrayList<>();
  private final java.util.concurrent.atomic.AtomicInteger networks = new java.util.concurrent.atomic.AtomicInteger();

  private final java.io.PrintStream progress;

  /** @param progress where each result line is printed as it comes (the tests pass a null stream) */
  FailoverHarness(HarnessSettings settings, WallClock clock, java.io.PrintStream progress) {
    this.settings = settings;
    this.clock = clock;
    this.progress = progress;
  }

  public static void main(String[] args) throws IOException {
    new FailoverHarness(HarnessSettings.parse(args), WallClock.system(), System.out).run();
  }

  /** Runs everything and writes the CSVs; returns the repetitions. */
  List<RunRecord> run() throws IOException {
    List<Setting> compared = new ArrayList<>();
    for (String name : settings.settings()) {
      compared.add(Setting.load(BenchHome.dir().resolve("settings"), name));
    }
    Files.createDirectories(settings.outDir());
    Path tmp = settings.outDir().toAbsolutePath().resolveSibling("tmp").resolve(settings.mode());
    Path agentJar = compared.stream().anyMatch(Setting::agent)
        ? BenchHome.agentJar() : null;
    Thread hook = new Thread(this::closeOpen, "harness-cleanup");
    Runtime.getRuntime().addShutdownHook(hook);
    try (Ec2Fake ec2 = Ec2Fake.start(clock.clock(), new Random(settings.seed()))) {
      PairLayout.seed(ec2);
      Ec2Log log = new Ec2Log(ec2, clock);
      for (Setting s : compared) {
        Path runDir = tmp.resolve(s.label());
        progress.println("harness: " + s.label() + " (" + s.title() + ")");
        plain(s, ec2, log, runDir, agentJar);
        if (settings.runs(s, "jitter-loss")) {
          jitter(s, ec2, log, runDir, agentJar);
        }
      }
      if (settings.runs("crash-in-jvm")) {
        progress.println("harness: crash-in-jvm (UDP crash paths inside this JVM)");
        measures.addAll(CrashLinkLatency.measure("udp-default", 4 * settings.repetitions()));
      }
    } finally {
      closeOpen();
      Runtime.getRuntime().removeShutdownHook(hook);
      write(compared);
    }
    List<String> left = BenchNetwork.leftovers(runId);
    if (!left.isEmpty()) {
      throw new IllegalStateException("network namespaces left behind: " + left);
    }
    return runs;
  }

  /** Every scenario on plain veth links, one pair (restarted if a repetition leaves it unsteady). */
  private void plain(Setting s, Ec2Fake ec2, Ec2Log log, Path runDir, Path agentJar) throws IOException {
    List<Scenarios.Fault> faults = FAULTS.stream().filter(f -> settings.runs(s, f.scenario)).toList();
    boolean soaks = settings.runs(s, "idle") || settings.runs(s, "stalls-500ms") || settings.runs(s, "stalls-2s")
        || settings.runs(s, "stall-ladder");
    if (faults.isEmpty() && !soaks) {
      return;
    }
    BenchNetwork net = opened(network(ec2, runDir, Optional.empty()));
    Pair pair = opened(Pair.start(s, net, ec2, runDir, clock, agentJar));
    int repairs = 0;
    try {
      Scenarios scenarios = new Scenarios(clock, log, net);
      for (Scenarios.Fault f : faults) {
        long t0 = clock.micros();
        for (int rep = 1; rep <= settings.repetitions(); rep++) {
          for (RunRecord r : scenarios.run(pair, s.label(), f, rep)) {
            runs.add(r);
            progress.println("harness: " + r.toCsv());
          }
          if (!pair.isSteady() && !pair.settle(Duration.ofSeconds(5))) {
            repairs += pair.repairs();
            close(pair);
            pair = opened(Pair.start(s, net, ec2, runDir, clock, agentJar));
          }
        }
        took(s, f.scenario, t0);
      }
      if (!faults.isEmpty()) {
        add(List.of(repairs(s, "after_faults", repairs + pair.repairs())));
      }
      repairs = -pair.repairs();
      Soaks soak = new Soaks(clock, log, ec2, ProcStats.clockTicksPerSecond());
      long t0 = clock.micros();
      if (settings.runs(s, "stalls-500ms")) {
        pair.settle(Duration.ofSeconds(30));
        add(soak.stalls(pair, s.label(), "stalls-500ms", Duration.ofMillis(500), settings.stall500Spacing(),
            settings.stalls500()));
        t0 = took(s, "stalls-500ms", t0);
      }
      if (settings.runs(s, "stalls-2s")) {
        pair.settle(Duration.ofSeconds(30));
        add(soak.stalls(pair, s.label(), "stalls-2s", Duration.ofSeconds(2), Duration.ofSeconds(8),
            settings.stalls2s()));
        t0 = took(s, "stalls-2s", t0);
      }
      if (settings.runs(s, "stall-ladder")) {
        add(soak.ladder(pair, s.label(), HarnessSettings.LADDER));
        t0 = took(s, "stall-ladder", t0);
      }
      if (settings.runs(s, "idle")) {
        // Last, so that the window measures running daemons, not the JIT warming up a JVM the faults
        // just restarted: by now lb-b's agent has run through the stall soaks (minutes).
        pair.settle(Duration.ofSeconds(30));
        add(idle(s, soak, pair, runDir));
        took(s, "idle", t0);
      }
      if (soaks) {
        pair.settle(Duration.ofSeconds(30));
        add(List.of(repairs(s, "after_stalls", repairs + pair.repairs())));
      }
    } finally {
      close(pair);
      close(net);
    }
  }

  /** How often the harness put keepalived's EIPs home (always 0 for ours: it must converge alone). */
  private static Measure repairs(Setting s, String when, int n) {
    return new Measure("repairs", s.label(), "eip_repairs_" + when, n, "times", "the harness put both EIPs home at"
        + " the fake because the daemons held their normal roles for a second with an EIP misplaced (keepalived's"
        + " notify scripts are edge-triggered and run concurrently); never done for our agent");
  }

  /** Prints how long a phase took (for the run's budget); returns now. */
  private long took(Setting s, String phase, long t0) {
    long now = clock.micros();
    progress.printf(java.util.Locale.ROOT, "harness: %s %s took %.0f s%n", s.label(), phase, (now - t0) / 1e6);
    return now;
  }

  private List<Measure> idle(Setting s, Soaks soak, Pair pair, Path runDir) throws IOException {
    if (!s.agent()) {
      return soak.idle(pair, s.label(), settings.idleWarm(), settings.idleWindow(), null);
    }
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
    cmd.addAll(s.jvm());
    cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), IdleJvmMain.class.getName()));
    try (Proc jvm = Proc.start("idle-jvm", null, cmd, runDir.resolve("logs").resolve("idle-jvm.log"), l -> { })) {
      return soak.idle(pair, s.label(), settings.idleWarm(), settings.idleWindow(), jvm);
    }
  }

  /** The jitter + loss soak: a fresh network with lb-b behind the impaired link, a fresh pair. */
  private void jitter(Setting s, Ec2Fake ec2, Ec2Log log, Path runDir, Path agentJar) throws IOException {
    long t0 = clock.micros();
    BenchNetwork.LinkImpairment li = new BenchNetwork.LinkImpairment(20, 10, 1.0, settings.seed());
    BenchNetwork net = opened(network(ec2, runDir, Optional.of(li)));
    try (Pair pair = opened(Pair.start(s, net, ec2, runDir, clock, agentJar))) {
      Soaks soak = new Soaks(clock, log, ec2, ProcStats.clockTicksPerSecond());
      add(soak.link(pair, s.label(), settings.jitterSoak(), li.describe()));
    } finally {
      Optional<String> stats = net.linkStats();
      close(net);
      stats.ifPresent(st -> progress.println("harness: " + s.label() + " jitter link " + st));
      stats.ifPresent(st -> add(List.of(new Measure("jitter-loss", s.label(), "link_frames_dropped",
          Double.parseDouble(st.replaceFirst(".*dropped=(\\d+).*", "$1")), "frames", "jitterlink.py: " + st))));
      took(s, "jitter-loss", t0);
    }
  }

  private BenchNetwork network(Ec2Fake ec2, Path runDir, Optional<BenchNetwork.LinkImpairment> li) {
    Map<PairLayout.Node, Integer> imds = new LinkedHashMap<>();
    for (PairLayout.Node n : PairLayout.nodes()) {
      imds.put(n, ec2.imds(n.instance()).endpoint().getPort());
    }
    return BenchNetwork.create(runId, runDir.resolve("logs").resolve("net-" + networks.incrementAndGet()), li,
        ec2.endpoint().getPort(), imds);
  }

  private void add(List<Measure> ms) {
    measures.addAll(ms);
    ms.forEach(m -> progress.println("harness: " + m.toCsv()));
  }

  private synchronized <T extends AutoCloseable> T opened(T resource) {
    open.add(resource);
    return resource;
  }

  private synchronized void close(AutoCloseable resource) {
    open.remove(resource);
    try {
      resource.close();
    } catch (Exception e) {
      System.err.println("harness: closing " + resource + " failed: " + e);
    }
  }

  /** Closes pairs before networks (newest first), also from the shutdown hook on Ctrl-C. */
  private synchronized void closeOpen() {
    for (int i = open.size() - 1; i >= 0; i--) {
      close(open.get(i));
    }
  }

  private void write(List<Setting> compared) throws IOException {
    try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(settings.outDir().resolve("settings.csv"),
        StandardCharsets.UTF_8))) {
      w.println("setting,daemon,title,configuration");
      for (Setting s : compared) {
        String conf = s.agent() ? String.join(" ", s.jvm()) + "; " + s.agentProperties()
            : "advert_int " + s.advertSeconds() + " s";
        w.println(String.join(",", s.label(), s.daemon().name().toLowerCase(java.util.Locale.ROOT),
            '"' + s.title().replace('"', '\'') + '"', '"' + conf.replace('"', '\'') + '"'));
      }
    }
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
}
