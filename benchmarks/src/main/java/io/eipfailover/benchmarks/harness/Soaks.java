package io.eipfailover.benchmarks.harness;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Long-running measurements on a steady {@link Pair}: CPU and EC2 calls of an idle pair, and false
 * takeovers while both nodes are healthy but disturbed (periodic SIGSTOP of one, or an impaired
 * link set up when the pair was started).
 */
final class Soaks {
  private final WallClock clock;
  private final Ec2Log log;
  private final long clockTicksPerSecond;

  Soaks(WallClock clock, Ec2Log log, long clockTicksPerSecond) {
    this.clock = clock;
    this.log = log;
    this.clockTicksPerSecond = clockTicksPerSecond;
  }

  /**
   * CPU per agent over {@code window} of an idle, steady pair after {@code warm} of settling (JVM
   * start-up and JIT excluded), from {@code /proc/<pid>/stat} utime + stime, beside the same for
   * {@code idleJvm} (an {@link IdleJvmMain} with the agents' flags: the JVM's own floor); and the
   * EC2 calls each node made in the window.
   */
  List<Measure> idle(Pair pair, String profile, Duration warm, Duration window, NodeProcess idleJvm)
      throws IOException {
    clock.sleep(warm);
    NodeProcess[] nodes = {pair.survivor(), pair.victim(), idleJvm};
    long[] before = new long[3];
    for (int i = 0; i < 3; i++) {
      before[i] = nodes[i].cpuTicks();
    }
    long t0 = clock.micros();
    clock.sleep(window);
    long t1 = clock.micros();
    List<Measure> out = new ArrayList<>();
    double seconds = (t1 - t0) / 1e6;
    for (int i = 0; i < 3; i++) {
      long ticks = nodes[i].cpuTicks() - before[i];
      double cpuSeconds = ticks / (double) clockTicksPerSecond;
      out.add(new Measure(i == 2 ? "cpu-baseline" : "cpu", profile, nodes[i].id() + ".cpu_percent_of_core",
          100.0 * cpuSeconds / seconds, "%", String.format(java.util.Locale.ROOT, "%d clock ticks (1/%d s) of utime+stime over %.1f s idle, after %d s"
              + " warm-up", ticks, clockTicksPerSecond, seconds, warm.toSeconds())));
      if (i == 2) {
        continue;
      }
      int describes = log.calls("DescribeAddresses", nodes[i].id(), t0, t1).size();
      int all = log.calls(null, nodes[i].id(), t0, t1).size();
      out.add(new Measure("steady-ec2", profile, nodes[i].id() + ".describes_per_30s", describes * 30.0 / seconds,
          "calls/30s", String.format(java.util.Locale.ROOT, "%d DescribeAddresses (%d calls in all) in %.1f s idle",
              describes, all, seconds)));
    }
    return out;
  }

  /**
   * Pauses the victim with SIGSTOP for {@code pause} every {@code period} for {@code duration};
   * both nodes are otherwise healthy, so every AssociateAddress and every DEAD view is false.
   */
  List<Measure> sigstopSoak(Pair pair, String profile, Duration duration, Duration pause, Duration period) {
    int markA = pair.survivor().mark();
    int markB = pair.victim().mark();
    long t0 = clock.micros();
    long end = t0 + duration.toNanos() / 1000;
    int pauses = 0;
    while (clock.micros() + period.toNanos() / 1000 <= end + 1) {
      clock.sleep(period.minus(pause));
      pair.victim().signal("STOP");
      clock.sleep(pause);
      pair.victim().signal("CONT");
      pauses++;
    }
    clock.sleep(Duration.ofSeconds(3));
    return falseTakeovers("soak-sigstop", profile, pair, markA, markB, t0,
        String.format(java.util.Locale.ROOT, "%d SIGSTOPs of %d ms every %d s on lb-b over %.0f s", pauses,
            pause.toMillis(), period.toSeconds(), (clock.micros() - t0) / 1e6));
  }

  /** Leaves a pair started with an impaired link alone for {@code duration}, counting false takeovers. */
  List<Measure> linkSoak(Pair pair, String profile, Duration duration, String link) {
    int markA = pair.survivor().mark();
    int markB = pair.victim().mark();
    long t0 = clock.micros();
    clock.sleep(duration);
    return falseTakeovers("soak-jitter", profile, pair, markA, markB, t0,
        String.format(java.util.Locale.ROOT, "%s for %.0f s, both nodes healthy", link, (clock.micros() - t0) / 1e6));
  }

  private List<Measure> falseTakeovers(String kind, String profile, Pair pair, int markA, int markB, long t0,
      String detail) {
    long t1 = clock.micros();
    int associates = log.calls("AssociateAddress", null, t0, t1).size();
    long dead = pair.survivor().eventsSince(markA).stream().filter(e -> isView(e, "DEAD")).count()
        + pair.victim().eventsSince(markB).stream().filter(e -> isView(e, "DEAD")).count();
    long suspect = pair.survivor().eventsSince(markA).stream().filter(e -> isView(e, "SUSPECT")).count()
        + pair.victim().eventsSince(markB).stream().filter(e -> isView(e, "SUSPECT")).count();
    long late = pair.survivor().eventsSince(markA).stream().filter(e -> e.kind().equals("late")).count()
        + pair.victim().eventsSince(markB).stream().filter(e -> e.kind().equals("late")).count();
    return List.of(
        new Measure(kind, profile, "false_takeovers", associates, "AssociateAddress calls", detail),
        new Measure(kind, profile, "false_dead_views", dead, "views", detail),
        new Measure(kind, profile, "suspect_views", suspect, "views", detail),
        new Measure(kind, profile, "late_heartbeats", late, "reports", detail));
  }

  private static boolean isView(EventLine e, String state) {
    return e.kind().equals("view") && e.field("state").equals(state);
  }
}
