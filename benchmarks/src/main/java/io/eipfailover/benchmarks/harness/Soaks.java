package io.eipfailover.benchmarks.harness;

import io.eipfailover.aws.testing.Ec2Fake;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Long-running measurements on a steady {@link Pair}: resources of an idle pair, takeovers under
 * periodic stalls of one daemon (SIGSTOP of all its processes, the host stays up), the stall ladder
 * (the longest stall survived without a takeover, for the frontier chart), and false takeovers on an
 * impaired link.
 */
final class Soaks {
  /** After a stall, how long a takeover still counts as caused by it. */
  static final Duration AFTER_STALL = Duration.ofSeconds(2);
  /** After the last stall (and {@link #AFTER_STALL}), how long the victim has to pull its EIP home. */
  static final Duration SETTLE_AFTER_LAST = Duration.ofSeconds(4);

  private final WallClock clock;
  private final Ec2Log log;
  private final Ec2Fake ec2;
  private final long ticksPerSecond;

  Soaks(WallClock clock, Ec2Log log, Ec2Fake ec2, long ticksPerSecond) {
    this.clock = clock;
    this.log = log;
    this.ec2 = ec2;
    this.ticksPerSecond = ticksPerSecond;
  }

  /**
   * CPU over {@code window} of an idle, steady pair after {@code warm} of settling (JVM start and
   * the first JIT work excluded), from {@code /proc/<pid>/stat}; resident (RSS) and proportional
   * (PSS) memory and threads at the end, summed over each daemon's processes; EC2 calls per node.
   * {@code idleJvm}, if given, is a JVM doing nothing with the agent's flags: the JVM's floor.
   */
  List<Measure> idle(Pair pair, String setting, Duration warm, Duration window, Proc idleJvm) throws IOException {
    clock.sleep(warm);
    List<String> names = new ArrayList<>(List.of(pair.survivor().id().value(), pair.victim().id().value()));
    List<List<Long>> pids = new ArrayList<>(List.of(pair.survivor().pids(), pair.victim().pids()));
    if (idleJvm != null) {
      names.add("idle-jvm");
      pids.add(List.of(idleJvm.pid()));
    }
    List<ProcStats.Snapshot> before = new ArrayList<>();
    for (List<Long> p : pids) {
      before.add(ProcStats.of(p));
    }
    String ages = ages(names, pids);
    long t0 = clock.micros();
    clock.sleep(window);
    long t1 = clock.micros();
    double seconds = (t1 - t0) / 1e6;
    String how = String.format(Locale.ROOT, "utime+stime from /proc over %.0f s idle after %d s warm-up (%s);"
        + " memory at the end, summed over the daemon's processes", seconds, warm.toSeconds(), ages);
    List<Measure> out = new ArrayList<>();
    for (int i = 0; i < names.size(); i++) {
      ProcStats.Snapshot after = ProcStats.of(pids.get(i));
      String kind = names.get(i).equals("idle-jvm") ? "idle-jvm" : "idle";
      double cpu = 100.0 * (after.cpuTicks() - before.get(i).cpuTicks()) / ticksPerSecond / seconds;
      String n = names.get(i) + ".";
      out.add(new Measure(kind, setting, n + "cpu_percent_of_core", cpu, "%", how + String.format(Locale.ROOT,
          " (%d ticks of 1/%d s)", after.cpuTicks() - before.get(i).cpuTicks(), ticksPerSecond)));
      out.add(new Measure(kind, setting, n + "rss_mb", after.rssKb() / 1024.0, "MB", how));
      out.add(new Measure(kind, setting, n + "pss_mb", after.pssKb() / 1024.0, "MB", how));
      out.add(new Measure(kind, setting, n + "threads", after.threads(), "threads", how));
      out.add(new Measure(kind, setting, n + "processes", after.processes(), "processes", how));
      if (kind.equals("idle")) {
        int describes = log.calls("DescribeAddresses", io.eipfailover.core.NodeId.of(names.get(i)), t0, t1).size();
        out.add(new Measure("steady-ec2", setting, n + "describes_per_30s", describes * 30.0 / seconds, "calls/30s",
            String.format(Locale.ROOT, "%d DescribeAddresses in %.0f s idle", describes, seconds)));
      }
    }
    return out;
  }

  /**
   * Stalls the victim {@code count} times for {@code stall}, one every {@code period}; both nodes are
   * otherwise healthy. Counts the survivor's takeovers (AssociateAddress of the victim's EIP), the
   * stalls followed by one, and the stalls after which the EIP had not come home by the next one
   * (for the last one: {@link #AFTER_STALL} + {@link #SETTLE_AFTER_LAST} after it).
   */
  List<Measure> stalls(Pair pair, String setting, String kind, Duration stall, Duration period, int count) {
    Daemon survivor = pair.survivor();
    Daemon victim = pair.victim();
    long t0 = clock.micros();
    int withTakeover = 0;
    int leftAway = 0;
    double shortest = Double.MAX_VALUE;
    double longest = 0;
    for (int i = 0; i < count; i++) {
      // Stall i ends at t0 + (i + 1) * period: a stall every period, the first after a quiet stretch.
      sleepUntil(t0 + (i + 1) * period.toNanos() / 1000 - stall.toNanos() / 1000);
      if (i > 0 && !PairLayout.isHome(ec2, victim.node())) {
        leftAway++;
      }
      Stall s = Stall.of(victim, stall.toMillis());
      shortest = Math.min(shortest, s.millis());
      longest = Math.max(longest, s.millis());
      clock.sleep(AFTER_STALL);
      if (!takeovers(survivor, victim, s.stoppedMicros(), clock.micros()).isEmpty()) {
        withTakeover++;
      }
    }
    clock.sleep(SETTLE_AFTER_LAST);
    if (!PairLayout.isHome(ec2, victim.node())) {
      leftAway++;
    }
    long t1 = clock.micros();
    int takeovers = takeovers(survivor, victim, t0, t1).size();
    String detail = String.format(Locale.ROOT, "%d SIGSTOPs of %d ms (measured %.0f–%.0f ms) of all of lb-b's"
        + " processes, one every %d s, host up", count, stall.toMillis(), shortest, longest, period.toSeconds());
    return List.of(
        new Measure(kind, setting, "takeovers", takeovers, "AssociateAddress calls", detail),
        new Measure(kind, setting, "stalls_with_takeover", withTakeover, "stalls", detail),
        new Measure(kind, setting, "stalls", count, "stalls", detail),
        new Measure(kind, setting, "eip_left_away", leftAway, "stalls", detail
            + "; stalls after which lb-b's EIP was not home by the next stall (or the end)"));
  }

  /**
   * Stalls the victim for each of {@code steps} (ascending) until one causes a takeover; the
   * longest stall before it is what the daemon survives. Waits for the pair to be steady before
   * each step ({@link Pair#settle}).
   */
  List<Measure> ladder(Pair pair, String setting, List<Long> steps) {
    List<Measure> out = new ArrayList<>();
    long survived = 0;
    String stopped = "no step caused a takeover";
    for (long step : steps) {
      if (!pair.settle(Duration.ofSeconds(30))) {
        stopped = "pair not steady before the " + step + " ms step" + pair.why();
        break;
      }
      Stall s = Stall.of(pair.victim(), step);
      clock.sleep(AFTER_STALL);
      int n = takeovers(pair.survivor(), pair.victim(), s.stoppedMicros(), clock.micros()).size();
      out.add(new Measure("stall-ladder", setting, "stall_" + step + "ms", n, "takeovers", String.format(Locale.ROOT,
          "one SIGSTOP of all of lb-b's processes, measured %.1f ms", s.millis())));
      if (n > 0) {
        stopped = "first takeover at the " + step + " ms step";
        break;
      }
      survived = step;
    }
    pair.settle(Duration.ofSeconds(30));
    out.add(new Measure("stall-ladder", setting, "longest_survived_ms", survived, "ms", "ladder " + steps
        + " ms, one stall each, stopping at the first takeover: " + stopped));
    return out;
  }

  private void sleepUntil(long micros) {
    long left = micros - clock.micros();
    if (left > 0) {
      clock.sleep(Duration.ofNanos(left * 1000));
    }
  }

  /** Leaves a steady pair on an impaired link for {@code duration}; every takeover and conviction is false. */
  List<Measure> link(Pair pair, String setting, Duration duration, String link) {
    int markA = pair.survivor().events().mark();
    int markB = pair.victim().events().mark();
    long t0 = clock.micros();
    clock.sleep(duration);
    long t1 = clock.micros();
    int takeovers = log.calls("AssociateAddress", null, t0, t1).size();
    long convictions = pair.survivor().events().since(markA).stream().filter(pair.survivor()::convictsPeer).count()
        + pair.victim().events().since(markB).stream().filter(pair.victim()::convictsPeer).count();
    String detail = String.format(Locale.ROOT, "%s for %.0f s, both daemons healthy", link, (t1 - t0) / 1e6);
    return List.of(new Measure("jitter-loss", setting, "takeovers", takeovers, "AssociateAddress calls", detail),
        new Measure("jitter-loss", setting, "convictions", convictions, "peer declared dead / VRRP master", detail));
  }

  private List<io.eipfailover.aws.testing.Ec2Call> takeovers(Daemon survivor, Daemon victim, long from, long to) {
    return log.calls("AssociateAddress", survivor.id(), from, to).stream()
        .filter(c -> victim.node().home().allocationId().equals(c.param("AllocationId"))).toList();
  }

  /** How long each daemon's first process has run, e.g. "lb-a up 412 s, lb-b up 230 s at the window's start". */
  private String ages(List<String> names, List<List<Long>> pids) {
    List<String> out = new ArrayList<>();
    Instant now = clock.clock().instant();
    for (int i = 0; i < names.size(); i++) {
      String name = names.get(i);
      pids.get(i).stream().findFirst().flatMap(ProcessHandle::of).flatMap(h -> h.info().startInstant())
          .ifPresent(start -> out.add(name + " up " + Duration.between(start, now).toSeconds() + " s"));
    }
    return String.join(", ", out) + " at the window's start";
  }
}
