package io.eipfailover.benchmarks.fleet;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Fleet scale on virtual time (issue 17): the real failover of 16, 32 and 64 simulated nodes with
 * 16 EIPs each against EC2's documented account-wide buckets. Writes, in {@code <out-dir>}:
 *
 * <ul>
 *   <li>{@code fleet.csv}: one row per mass failover (8 nodes crash at once): time until every
 *       orphan is on a survivor against the floor {@code max(0, (orphans − 50) / 5)} s, associates
 *       per orphan, EIPs left unassociated, survivors above their share, throttled calls;
 *   <li>{@code fleet-nodes.csv}: per survivor of the first run of each size, its orphans and its
 *       successful and throttled associates, first and last success (no node starved);
 *   <li>{@code fleet-steady.csv}: the steady-state describe rate of healthy fleets, as a share of
 *       the non-mutating refill (20/s), with the library's default resync and without its
 *       stretch for large clusters.
 * </ul>
 *
 * <p>Usage: {@code FleetScale <short|full> <out-dir>}; short: 5 seeds per size and a 5-minute
 * steady window, full: 20 seeds and 20 minutes. Deterministic: a seed gives one run.
 */
public final class FleetScale {
  static final int[] SIZES = {16, 32, 64};

  private FleetScale() {}

  public static void main(String[] args) throws IOException {
    if (args.length != 2 || !(args[0].equals("short") || args[0].equals("full"))) {
      throw new IllegalArgumentException("usage: FleetScale <short|full> <out-dir>; got " + List.of(args));
    }
    boolean full = args[0].equals("full");
    Path out = Path.of(args[1]);
    Files.createDirectories(out);
    int seeds = full ? 20 : 5;
    Duration window = Duration.ofMinutes(full ? 20 : 5);
    List<MassFailover.Result> failovers = new ArrayList<>();
    for (int nodes : SIZES) {
      for (long seed = 1; seed <= seeds; seed++) {
        MassFailover.Result r = MassFailover.run(nodes, seed);
        System.out.println("fleet: " + FleetCsv.failover(r));
        failovers.add(r);
      }
    }
    List<SteadyDescribes.Result> steady = new ArrayList<>();
    for (int nodes : SIZES) {
      steady.add(print(SteadyDescribes.run(nodes, 1, window, 0)));
    }
    steady.add(print(SteadyDescribes.run(64, 1, window, Integer.MAX_VALUE)));
    write(out.resolve("fleet.csv"), FleetCsv.FAILOVER_HEADER, failovers.stream().map(FleetCsv::failover).toList());
    List<String> nodeRows = new ArrayList<>();
    for (int nodes : SIZES) {
      failovers.stream().filter(r -> r.nodes() == nodes).findFirst()
          .ifPresent(r -> r.perNode().forEach(n -> nodeRows.add(FleetCsv.node(r, n))));
    }
    write(out.resolve("fleet-nodes.csv"), FleetCsv.NODE_HEADER, nodeRows);
    write(out.resolve("fleet-steady.csv"), FleetCsv.STEADY_HEADER, steady.stream().map(FleetCsv::steady).toList());
    System.out.println(String.format(Locale.ROOT, "fleet: wrote %s (%d failovers, %d steady windows)", out,
        failovers.size(), steady.size()));
  }

  private static SteadyDescribes.Result print(SteadyDescribes.Result r) {
    System.out.println("fleet: " + FleetCsv.steady(r));
    return r;
  }

  private static void write(Path file, String header, List<String> rows) {
    try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8))) {
      w.println(header);
      rows.forEach(w::println);
    } catch (IOException e) {
      throw new UncheckedIOException("could not write " + file, e);
    }
  }
}
