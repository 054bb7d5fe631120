package io.eipfailover.benchmarks.harness;

import io.eipfailover.aws.testing.Ec2Call;
import io.eipfailover.aws.testing.Ec2Fake;
import io.eipfailover.aws.testing.Ec2Throttling;
import io.eipfailover.core.ElasticIp;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;

/**
 * Issue 17's real run: 16 agents (the agent jar, JGroups membership, each its own JVM) in network
 * namespaces grouped into three "AZs" with a few milliseconds between them ({@link FleetNetwork}),
 * the EC2 fake in this JVM with EC2's token buckets (the mutating one scaled down to {@value
 * #MUTATING_BUCKET} tokens, so 16 orphans overflow it as 128 overflow the real 50), then 4 agents
 * killed at once with SIGKILL, {@code reps} times (the victims restarted and the EIPs home again in
 * between). Per repetition: when survivors noticed, when the first and the last orphan's {@code
 * AssociateAddress} succeeded at the fake, how many successful calls each orphan got, refused calls,
 * the machine's load and the agents' memory. Writes {@code fleet-real.csv} in {@code <out-dir>}.
 *
 * <p>Usage (root, from the repository root, agent jar built): {@code FleetRealRun <out-dir> [reps]
 * [delayMs]}; see {@code benchmarks/run-fleet-real.sh}.
 */
public final class FleetRealRun {
  static final int MUTATING_BUCKET = 10;
  static final String HEADER = "rep,agents,killed,orphans,azs,link_delay_ms,mutating_bucket,floor_ms,"
      + "kill_to_first_noticed_ms,kill_to_first_associate_ms,kill_to_all_ms,orphans_rehomed_once,"
      + "max_ok_per_orphan,throttled_associates,describes,load_before,load_after,agents_rss_mb_max";

  private FleetRealRun() {}

  public static void main(String[] args) throws IOException {
    if (args.length < 1 || args.length > 3) {
      throw new IllegalArgumentException("usage: FleetRealRun <out-dir> [reps] [delayMs]; got " + List.of(args));
    }
    Path out = Path.of(args[0]);
    int reps = args.length > 1 ? Integer.parseInt(args[1]) : 3;
    int delayMs = args.length > 2 ? Integer.parseInt(args[2]) : 2;
    Files.createDirectories(out);
    WallClock clock = WallClock.system();
    String runId = Long.toHexString(System.nanoTime() & 0xffff);
    Path runDir = out.toAbsolutePath().resolveSibling("tmp").resolve("fleet-real");
    List<String> rows = new ArrayList<>();
    FleetLayout layout = new FleetLayout();
    Ec2Throttling buckets = Ec2Throttling.documented().with(Ec2Throttling.Limit.MUTATING, MUTATING_BUCKET, 5);
    try (Ec2Fake ec2 = Ec2Fake.builder().clock(clock.clock()).random(new Random(17)).throttling(buckets).start()) {
      layout.seed(ec2);
      Map<FleetLayout.Node, Integer> imds = new LinkedHashMap<>();
      layout.nodes().forEach(n -> imds.put(n, ec2.imds(n.instance()).endpoint().getPort()));
      try (FleetNetwork net = FleetNetwork.create(runId, runDir, layout, delayMs, delayMs / 2, ec2.endpoint().getPort(),
          imds); FleetAgents agents = new FleetAgents(layout, net, runDir, BenchHome.agentJar(), clock)) {
        for (FleetLayout.Node n : layout.nodes()) {
          agents.start(n);
        }
        for (int rep = 1; rep <= reps; rep++) {
          awaitSteady(layout, agents, ec2, clock, Duration.ofMinutes(5));
          String row = repetition(rep, layout, agents, ec2, clock, delayMs);
          System.out.println("fleet-real: " + row);
          rows.add(row);
          for (FleetLayout.Node v : layout.victims()) {
            agents.start(v);
          }
        }
      }
    }
    try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(out.resolve("fleet-real.csv"), StandardCharsets.UTF_8))) {
      w.println(HEADER);
      rows.forEach(w::println);
    }
    System.out.println("fleet-real: wrote " + out.resolve("fleet-real.csv"));
  }

  /** Waits until every agent is steady and every EIP is home. */
  private static void awaitSteady(FleetLayout layout, FleetAgents agents, Ec2Fake ec2, WallClock clock, Duration max) {
    long deadline = clock.micros() + max.toNanos() / 1000;
    while (clock.micros() < deadline) {
      if (layout.nodes().stream().allMatch(agents::steady) && layout.allHome(ec2)) {
        clock.sleep(Duration.ofSeconds(3));
        if (layout.nodes().stream().allMatch(agents::steady) && layout.allHome(ec2)) {
          return;
        }
      }
      clock.sleep(Duration.ofMillis(200));
    }
    List<String> not = layout.nodes().stream().filter(n -> !agents.steady(n)).map(n -> n.id().value()).toList();
    throw new IllegalStateException("the fleet did not become steady within " + max + ": not steady " + not
        + ", all EIPs home " + layout.allHome(ec2));
  }

  private static String repetition(int rep, FleetLayout layout, FleetAgents agents, Ec2Fake ec2, WallClock clock,
      int delayMs) {
    String loadBefore = load();
    Set<String> orphans = new HashSet<>();
    layout.victims().forEach(v -> v.eips().forEach(e -> orphans.add(e.allocationId())));
    Set<String> victims = new HashSet<>();
    layout.victims().forEach(v -> victims.add(v.eni()));
    int from = ec2.calls().size();
    long kill = clock.micros();
    agents.kill9(layout.victims());
    long deadline = kill + 60_000_000L;
    while (clock.micros() < deadline && !onSurvivors(layout, ec2, orphans, victims)) {
      clock.sleep(Duration.ofMillis(20));
    }
    clock.sleep(Duration.ofSeconds(5));
    List<Ec2Call> calls = ec2.calls().subList(from, ec2.calls().size());
    Map<String, Integer> okPerOrphan = new HashMap<>();
    long first = Long.MAX_VALUE;
    long last = Long.MIN_VALUE;
    int throttled = 0;
    int describes = 0;
    for (Ec2Call c : calls) {
      if (c.dryRun()) {
        continue;
      }
      if (c.action().equals("DescribeAddresses")) {
        describes++;
      } else if (c.action().equals("AssociateAddress")) {
        throttled += c.errorCode().equals("RequestLimitExceeded") ? 1 : 0;
        String id = c.param("AllocationId");
        if (c.succeeded() && orphans.contains(id)) {
          okPerOrphan.merge(id, 1, Integer::sum);
          long t = EventLine.micros(c.time());
          first = Math.min(first, t);
          last = Math.max(last, t);
        }
      }
    }
    long noticed = Long.MAX_VALUE;
    for (FleetLayout.Node n : layout.nodes().subList(FleetLayout.KILLED, layout.nodes().size())) {
      for (FleetLayout.Node v : layout.victims()) {
        Optional<Long> t = agents.noticed(n, v, kill);
        if (t.isPresent()) {
          noticed = Math.min(noticed, t.get());
        }
      }
    }
    boolean complete = onSurvivors(layout, ec2, orphans, victims);
    int once = (int) orphans.stream().filter(o -> okPerOrphan.getOrDefault(o, 0) == 1).count();
    int maxOk = okPerOrphan.values().stream().mapToInt(Integer::intValue).max().orElse(0);
    double floorMs = Math.max(0, (orphans.size() - MUTATING_BUCKET) / 5.0) * 1000;
    double rss = agents.rssMb().values().stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
    return String.format(Locale.ROOT, "%d,%d,%d,%d,%d,%d,%d,%.0f,%s,%s,%s,%d,%d,%d,%d,%s,%s,%.1f", rep,
        FleetLayout.NODES, FleetLayout.KILLED, orphans.size(), FleetLayout.AZS, delayMs, MUTATING_BUCKET, floorMs,
        ms(noticed, kill), ms(first, kill), complete ? ms(last, kill) : "", once, maxOk, throttled, describes,
        loadBefore, load(), rss);
  }

  /** Whether every orphan is on an ENI other than the victims'. */
  private static boolean onSurvivors(FleetLayout layout, Ec2Fake ec2, Set<String> orphans, Set<String> victimEnis) {
    for (ElasticIp e : layout.eips()) {
      if (orphans.contains(e.allocationId())) {
        boolean ok = ec2.association(e.allocationId()).map(a -> !victimEnis.contains(a.networkInterfaceId()))
            .orElse(false);
        if (!ok) {
          return false;
        }
      }
    }
    return true;
  }

  private static String ms(long micros, long from) {
    return micros == Long.MAX_VALUE || micros == Long.MIN_VALUE ? ""
        : String.format(Locale.ROOT, "%.1f", (micros - from) / 1000.0);
  }

  /** The 1-minute load average, as {@code /proc/loadavg} has it. */
  private static String load() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+")[0];
    } catch (IOException e) {
      return "";
    }
  }
}
