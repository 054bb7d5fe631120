package io.eipfailover.benchmarks.report;

import io.eipfailover.benchmarks.harness.Setting;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The "how measured, and what limits the numbers" section of the summary. An explanation that
 * depends on data is printed only when that data is present, with the measured numbers in it.
 */
final class Notes {
  private Notes() {}

  static String render(Results r, boolean full) {
    StringBuilder md = new StringBuilder("\n## How this was measured, and what limits the numbers\n\n");
    md.append("- **Network.** Network namespaces joined by a Linux bridge: `lb-a` (10.98.0.11, reserved 10.98.0.21),"
        + " `lb-b` (10.98.0.12, reserved 10.98.0.22) and the VPC gateway 10.98.0.1, each on a veth pair. Heartbeats,"
        + " VRRP advertisements, ICMP, TCP resets and the EC2 calls all cross the kernel. The EC2 fake (WireMock,"
        + " from the `aws` test-jar) runs in the harness JVM on the host's loopback; `nsrelay.py` in the gateway"
        + " namespace is the only door to it (EC2 API and each node's IMDS) and logs nothing: the fake stamps every"
        + " call's arrival. Nothing routes out of the namespaces.\n");
    md.append("- **Daemons.** Ours: `java " + Setting.UNIT_JVM_FLAGS + " -jar eipfailover-agent.jar`"
        + " (the package launcher's flags, no class-data archive, the examples module's jar) with an explicit topology, UDP heartbeats on the private"
        + " IPs, the `reachability` guard on the gateway, no health check. keepalived: the distribution's package,"
        + " two VRRP instances (one per EIP, each node master of its own: active-active like our pair), unicast"
        + " VRRPv3 between the private IPs, default preemption, `-P -R -n` (VRRP only, no respawn, foreground).\n");
    md.append("- **Timing the takeover.** The moment the survivor's `AssociateAddress` for the victim's EIP reaches"
        + " the EC2 fake, for both daemons. keepalived's `notify` script first appends a microsecond timestamp and"
        + " the new state to a file (its decision: the *detection* column), then sends that `AssociateAddress` with"
        + " `curl` through the same relay. curl is the quickest call a script can make, so keepalived's numbers are"
        + " its best case: the classic recipe's AWS CLI adds a Python start-up to every takeover.\n");
    md.append("- **Faults**, always on `lb-b`, `lb-a` taking over. `kill -9`: SIGKILL of all the daemon's processes in"
        + " one `kill` (keepalived's VRRP child first: it asks for SIGTERM when its parent dies and would otherwise"
        + " leave gracefully); the host stays up, so its kernel answers (ICMP port unreachable, TCP reset). Host"
        + " gone: `lb-b`'s bridge port goes down, then the kill. Graceful: SIGTERM, what `systemctl stop` sends"
        + " (agent: standby hand-off; keepalived: priority-0 advertisement). Stalls: `stall.py` sends SIGSTOP to"
        + " all the daemon's processes and SIGCONT after the stall (measured lengths in `measures.csv`); a takeover"
        + " is an `AssociateAddress` by `lb-a` for `lb-b`'s EIP within the stall and 2 s after it. Stall ladder:"
        + " 10 ms to 3 s, one stall per step, stopping at the first takeover: one pass, so the threshold can move a"
        + " step between runs (where in the heartbeat or advert cycle the stall starts matters). After every fault the victim is"
        + " restarted and the pair waits until steady again (each in its role, both EIPs home).\n");
    md.append("- **Jitter and loss.** The pair runs on a fresh network where `lb-b` hangs on the bridge through"
        + " `jitterlink.py`: a TAP pair whose forwarder drops each frame with probability 1 % and delays the others"
        + " by 10–30 ms uniform, each independently (reordering included; this kernel has no `netem`). Every frame"
        + " between the nodes crosses it once, both ways.\n");
    md.append("- **Percentiles** are nearest-rank: with fewer than 100 repetitions p99 is the maximum. The " + (full
        ? "full run has 100 repetitions per fault." : "short run has 5 repetitions per fault, so its p99 is a"
        + " worst-of-5, not a tail estimate; `benchmarks/run.sh full` runs 100.") + "\n");
    md.append("- **Idle CPU and memory.** utime + stime from `/proc/<pid>/stat` over the idle window (10 ms ticks),"
        + " the last scenario of each setting (after the faults and the stall soaks, so that every JVM has run for"
        + " minutes; `measures.csv` says how long each daemon had run), after a warm-up, summed over the daemon's"
        + " processes; memory from `/proc/<pid>/status` (RSS, threads)"
        + " and `smaps_rollup` (PSS) at the end of the window. RSS counts shared pages once per process, so for"
        + " keepalived's two processes PSS is the fairer sum; for one JVM they differ by the shared libraries.\n");
    md.append(keepalivedStalls(r));
    md.append(keepalivedRace(r));
    md.append(cpuNote(r));
    md.append("- **Knobs that differ from the defaults** (none on the takeover path): fail-back delay 1 s (10 s),"
        + " flap-damping hold time 2 s (30 s), EC2 call time-out 2 s (5 s), health check `none` (no HAProxy here)."
        + " Each setting's own keys are in `settings.csv`.\n");
    md.append(jmhNotes(r));
    md.append("- **Machine.** 2 cores; the daemons, the relay, the EC2 fake and the harness share them, so scheduling"
        + " delays land in the tails. " + (full ? "" : "The short run's JMH settings (1 fork, 2 × 1 s warm-up, 3 ×"
        + " 1 s measurement) give wide error bars; the full run uses each class's own settings.") + "\n");
    return md.toString();
  }

  /** keepalived's master never re-runs its notify after a stall: the EIP stays with the backup. */
  private static String keepalivedStalls(Results r) {
    StringBuilder sb = new StringBuilder();
    for (String k : r.labels("keepalived")) {
      for (String kind : new String[] {"stalls-500ms", "stalls-2s"}) {
        OptionalDouble away = r.value(kind, k, "eip_left_away");
        OptionalDouble taken = r.value(kind, k, "stalls_with_takeover");
        if (away.isPresent() && taken.isPresent() && away.getAsDouble() > 0) {
          sb.append(String.format(Locale.ROOT, "%s%s %s: %.0f of %.0f", sb.length() == 0 ? "" : "; ", k, kind,
              away.getAsDouble(), r.value(kind, k, "stalls").orElse(0)));
        }
      }
    }
    if (sb.length() == 0) {
      return "";
    }
    return "- **keepalived leaves the EIP on the backup after a stall** (stalls after which `lb-b`'s EIP was not home"
        + " by the next one: " + sb + "). The stalled master never left MASTER, so when it resumes it out-prioritises"
        + " the backup, which steps down, and no `notify` runs on the master: the script is edge-triggered, EC2 keeps"
        + " the backup's association. Our reconciler compares EC2 with the plan and pulls the EIP home. The harness"
        + " puts the EIPs home at the fake before the next measurement (`Pair.settle`).\n";
  }

  /** keepalived's notify scripts run concurrently: two close transitions can reach EC2 in the wrong order. */
  private static String keepalivedRace(Results r) {
    StringBuilder sb = new StringBuilder();
    for (String k : r.labels("keepalived")) {
      OptionalDouble n = r.value("repairs", k, "eip_repairs_after_faults");
      if (n.isPresent() && n.getAsDouble() > 0) {
        sb.append(sb.length() == 0 ? "" : ", ").append(k).append(String.format(Locale.ROOT, " %.0f times",
            n.getAsDouble()));
      }
    }
    if (sb.length() == 0) {
      return "";
    }
    return "- **keepalived's notify scripts race** (" + sb + " in the fault repetitions and restarts): a node that"
        + " goes MASTER and back to BACKUP within milliseconds (a restarted node before it hears its peer, a backup"
        + " outbid right after taking over) starts two scripts at once, and their `AssociateAddress` calls can reach"
        + " EC2 in either order, leaving an EIP on the node that is not its VRRP master (keepalived issue #996's"
        + " out-of-order notifies). Nothing in keepalived notices; the harness puts the EIPs home before the next"
        + " repetition and counts it (`repairs` in `measures.csv`). Our agents needed no such repair by design.\n";
  }

  private static String cpuNote(Results r) {
    OptionalDouble ours = r.perNodeMax("idle", "udp-default", "cpu_percent_of_core");
    if (ours.isEmpty() || ours.getAsDouble() <= 0.2) {
      return "";
    }
    String floor = Metric.num(r.value("idle-jvm", "udp-default", "idle-jvm.cpu_percent_of_core"), "%.3f");
    return String.format(Locale.ROOT, "- **Idle CPU above 0.2 %%** (max %.2f %% of a core per agent; an idle JVM with"
        + " the same flags: %s %%). The agent's threads wake about 25 times a second (heartbeats sent and received"
        + " at 10 Hz, the reconciler's tick); removing the idle wake-ups is issue 18's item 2,"
        + " not the harness's.\n", ours.getAsDouble(), floor);
  }

  private static String jmhNotes(Results r) {
    StringBuilder md = new StringBuilder();
    Optional<Map<String, String>> balanced = r.jmh("PlacementBenchmark.placeAfterEightDeaths", "strategy=balanced");
    if (balanced.isPresent() && Double.parseDouble(balanced.get().get("score")) > 1000) {
      md.append(String.format(Locale.ROOT, "- **Balanced placement over 1 ms** (%s µs, %s B allocated per"
          + " placement) on this box; see the JMH error bar.\n", balanced.get().get("score"),
          balanced.get().get("alloc_bytes_per_op")));
    }
    Optional<Map<String, String>> home = r.jmh("PlacementBenchmark.placeAfterEightDeaths", "strategy=homeWithFailback");
    if (home.isPresent() && Double.parseDouble(home.get().get("score")) > 1000) {
      md.append(String.format(Locale.ROOT, "- **Home-with-fail-back placement over 1 ms** (%s µs ± %s, %s B allocated"
          + " per placement) on this box; see the JMH error bar.\n", home.get().get("score"), home.get().get("error"),
          home.get().get("alloc_bytes_per_op")));
    }
    md.append("- **Micro-benchmarks.** `ReconcilerPassBenchmark` runs a whole pass through the public"
        + " `EipFailover.reconcileNow()` (direct scheduler, in-memory EC2, dry run); the codec and detector"
        + " benchmarks reach the UDP module's internal classes through `InternalProbes` in its test-jar.\n");
    return md.toString();
  }
}
