package io.eipfailover.benchmarks.harness;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * How much the harness runs. {@code short}: 5 repetitions per scenario, 1-minute soaks, a 30 s
 * idle window (a few minutes in all). {@code full}: 100 repetitions, 10-minute soaks, a 120 s idle
 * window (hours). Immutable.
 *
 * @param mode {@code short}, {@code full} or {@code smoke} (1 repetition, 10 s soaks, for tests)
 * @param outDir where the CSVs go
 * @param profiles which membership profiles to run
 * @param repetitions repetitions per scenario
 * @param soak length of each false-takeover soak
 * @param idleWindow length of the idle CPU window
 * @param seed seed for the EC2 fake and the link impairments
 * @param scenarios which scenarios and soaks to run (see {@link #ALL_SCENARIOS})
 */
public record HarnessSettings(String mode, Path outDir, List<Profile> profiles, int repetitions, Duration soak,
    Duration idleWindow, long seed, Set<String> scenarios) {
  /** Every scenario and measurement the harness knows, the default selection. */
  public static final Set<String> ALL_SCENARIOS = Set.of("kill9-hostup", "kill9-hostdown", "sigstop", "standby",
      "kill9-after-failback", "idle", "soak-sigstop", "soak-jitter", "crash-in-jvm");

  /** Whether {@code scenario} is selected. */
  public boolean runs(String scenario) {
    return scenarios.contains(scenario);
  }

  /** {@code <short|full|smoke> <output-dir> [profile,profile...] [scenario,scenario...]}. */
  public static HarnessSettings parse(String[] args) {
    if (args.length < 2) {
      throw new IllegalArgumentException("usage: FailoverHarness <short|full|smoke> <output-dir> [profiles]; got "
          + args.length + " argument(s)");
    }
    List<Profile> profiles = new ArrayList<>();
    if (args.length > 2) {
      for (String p : args[2].split(",")) {
        profiles.add(Profile.parse(p.trim()));
      }
    } else {
      profiles.addAll(List.of(Profile.values()));
    }
    Set<String> scenarios = new TreeSet<>(ALL_SCENARIOS);
    if (args.length > 3) {
      scenarios.clear();
      for (String sc : args[3].split(",")) {
        if (!ALL_SCENARIOS.contains(sc.trim())) {
          throw new IllegalArgumentException("scenario must be one of " + new TreeSet<>(ALL_SCENARIOS) + ", was '"
              + sc.trim() + "'");
        }
        scenarios.add(sc.trim());
      }
    }
    Path out = Path.of(args[1]);
    return switch (args[0]) {
      case "short" -> new HarnessSettings("short", out, profiles, 5, Duration.ofMinutes(1), Duration.ofSeconds(30), 7, scenarios);
      case "full" -> new HarnessSettings("full", out, profiles, 100, Duration.ofMinutes(10), Duration.ofSeconds(120), 7, scenarios);
      case "smoke" -> new HarnessSettings("smoke", out, profiles, 1, Duration.ofSeconds(10), Duration.ofSeconds(2), 7, scenarios);
      default -> throw new IllegalArgumentException("mode must be short, full or smoke, was '" + args[0] + "'");
    };
  }
}
