package io.eipfailover.benchmarks.harness;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * How much the harness runs, and what. {@code short} (about 17 minutes on 2 cores, 22 with JMH and
 * the fleet simulation): 5 repetitions per fault, six 0.5 s stalls one every 5 s, four 2 s stalls, a
 * 30 s jitter + loss soak, a 30 s idle window after 5 s, and for a setting whose file says {@code
 * short.scenarios} only those. {@code full} (hours): 100 repetitions per fault, 60 stalls of each
 * length (0.5 s ones every 10 s, as issue 18 measured them), 10-minute jitter soak, 120 s idle
 * window, every scenario for every setting. {@code smoke}: one of everything, briefly, for tests.
 * Immutable.
 *
 * @param mode {@code short}, {@code full} or {@code smoke}
 * @param outDir where the CSVs go
 * @param settings the setting labels (or files) to compare, in order
 * @param scenarios which scenarios and soaks to run (see {@link #ALL_SCENARIOS})
 * @param repetitions repetitions per fault
 * @param stalls500 number of 0.5 s stalls
 * @param stall500Spacing time from one 0.5 s stall's start to the next
 * @param stalls2s number of 2 s stalls (one every 8 s)
 * @param jitterSoak length of the jitter + loss soak
 * @param idleWarm settling time before the idle window
 * @param idleWindow length of the idle CPU window
 * @param seed seed of the link impairment and the EC2 fake
 */
public record HarnessSettings(String mode, Path outDir, List<String> settings, Set<String> scenarios,
    int repetitions, int stalls500, Duration stall500Spacing, int stalls2s, Duration jitterSoak, Duration idleWarm,
    Duration idleWindow, long seed) {
  /** Every scenario and measurement the harness knows, in the order they run; the default selection. */
  public static final List<String> ALL_SCENARIOS = List.of("kill9-hostup", "host-gone", "graceful", "idle",
      "stalls-500ms", "stalls-2s", "stall-ladder", "jitter-loss", "crash-in-jvm");
  /** The settings compared by default: ours, then keepalived's. */
  public static final List<String> DEFAULT_SETTINGS = List.of("udp-default", "udp-stall-immune",
      "udp-stall-immune-fast", "udp-aggressive", "keepalived-100ms", "keepalived-10ms");
  /** The stall ladder's steps in milliseconds. */
  public static final List<Long> LADDER = List.of(10L, 20L, 50L, 100L, 200L, 300L, 500L, 750L, 1000L, 1500L, 2000L,
      3000L);

  public HarnessSettings {
    settings = List.copyOf(settings);
    scenarios = Set.copyOf(scenarios);
  }

  /** Whether {@code scenario} is selected. */
  public boolean runs(String scenario) {
    return scenarios.contains(scenario);
  }

  /**
   * Whether {@code scenario} runs for {@code setting}: selected, and in the short run one of the
   * setting's {@link Setting#shortScenarios} when it names any.
   */
  public boolean runs(Setting setting, String scenario) {
    return runs(scenario) && (!mode.equals("short") || setting.shortScenarios().isEmpty()
        || setting.shortScenarios().contains(scenario));
  }

  /** {@code <short|full|smoke> <output-dir> [setting,setting...] [scenario,scenario...]}. */
  public static HarnessSettings parse(String[] args) {
    if (args.length < 2 || args.length > 4) {
      throw new IllegalArgumentException("usage: FailoverHarness <short|full|smoke> <output-dir> [settings]"
          + " [scenarios]; got " + args.length + " argument(s)");
    }
    List<String> settings = args.length > 2 ? list(args[2]) : DEFAULT_SETTINGS;
    if (settings.isEmpty()) {
      throw new IllegalArgumentException("settings must name at least one setting, was '" + args[2] + "'");
    }
    Set<String> scenarios = args.length > 3 ? scenarios(args[3], "scenarios") : new LinkedHashSet<>(ALL_SCENARIOS);
    Path out = Path.of(args[1]);
    return switch (args[0]) {
      case "short" -> new HarnessSettings("short", out, settings, scenarios, 5, 6, Duration.ofSeconds(5), 4,
          Duration.ofSeconds(30), Duration.ofSeconds(5), Duration.ofSeconds(30), 7);
      case "full" -> new HarnessSettings("full", out, settings, scenarios, 100, 60, Duration.ofSeconds(10), 60,
          Duration.ofMinutes(10), Duration.ofSeconds(60), Duration.ofSeconds(120), 7);
      case "smoke" -> new HarnessSettings("smoke", out, settings, scenarios, 1, 1, Duration.ofSeconds(5), 1,
          Duration.ofSeconds(5), Duration.ofSeconds(1), Duration.ofSeconds(2), 7);
      default -> throw new IllegalArgumentException("mode must be short, full or smoke, was '" + args[0] + "'");
    };
  }

  /**
   * The scenarios a comma list names, in its order; blanks are skipped.
   *
   * @param what what the list is, for the error ("scenarios", "x.properties: short.scenarios")
   * @throws IllegalArgumentException naming {@code what}, the list and the unknown scenario
   */
  static Set<String> scenarios(String csv, String what) {
    Set<String> out = new LinkedHashSet<>();
    for (String sc : list(csv)) {
      if (!ALL_SCENARIOS.contains(sc)) {
        throw new IllegalArgumentException(what + " must list scenarios of " + ALL_SCENARIOS + ", was '" + csv
            + "' ('" + sc + "')");
      }
      out.add(sc);
    }
    return out;
  }

  private static List<String> list(String csv) {
    List<String> out = new ArrayList<>();
    for (String s : csv.split(",")) {
      if (!s.isBlank()) {
        out.add(s.trim());
      }
    }
    return out;
  }
}
