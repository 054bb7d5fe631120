package io.eipfailover.benchmarks.report;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The "how measured, and why a target was missed" section of the summary. Each explanation is
 * printed only when the data it explains is present, with the measured numbers in it.
 */
final class Notes {
  private Notes() {}

  static String render(Results r, boolean full) {
    StringBuilder md = new StringBuilder("\n## How this was measured, and what limits the numbers\n\n");
    md.append("- **Set-up.** Two agents (`lb-a`, `lb-b`), each its own JVM (`NodeMain`: real membership, real AWS SDK"
        + " binding, real `EipFailover`), on loopback; the EC2 fake (WireMock, from the `aws` test-jar) runs in the"
        + " harness JVM and logs the arrival time of every call. The fault always hits `lb-b`; `lb-a` takes over."
        + " Times are wall-clock microseconds (`Clock`, comparable across processes on one machine), from just"
        + " before the fault is injected: SIGKILL via `Process.destroyForcibly()`, SIGSTOP/SIGCONT by running"
        + " `kill` (its few ms of process start count as detection time), standby as a command on the agent's"
        + " stdin.\n");
    md.append("- **Percentiles** are nearest-rank: with fewer than 100 repetitions p99 is the maximum. The short run"
        + " has 5 repetitions per scenario" + (full ? "" : " (the full run has 100)") + ", so its p99 is a"
        + " worst-of-5, not a tail estimate.\n");
    md.append("- **Host up vs host gone.** On loopback a killed agent's port answers ICMP port-unreachable, which"
        + " drives the UDP crash fast path (`kill9-hostup`). A vanished host answers nothing; `kill9-hostdown`"
        + " emulates it by making the survivor's transport ignore ICMP (in-JVM decorator), so the deadline detector"
        + " decides.\n");
    Stats fast = Stats.of(Results.column(r.runs("udp-default", "kill9-hostup"), "detection_ms"));
    if (fast.n() > 0 && fast.p99() > 50) {
      md.append(String.format(Locale.ROOT, "- **Crash fast path over 50 ms** (p99 %s ms): the ICMP error only comes"
          + " back in reply to a datagram, and the membership sends one per keepalive (100 ms), so detection waits"
          + " for the next heartbeat (uniform 0–100 ms after the kill) plus the confirmation probes. Meeting 50 ms"
          + " needs a probe soon after a suspicious silence or a shorter keepalive, not a faster machine.\n",
          Stats.ms(fast.p99())));
    }
    List<Map<String, String>> stale = r.runs("udp-default", "kill9-after-failback");
    if (!stale.isEmpty()) {
      Stats s = Stats.of(Results.column(stale, "associate_ms"));
      md.append(String.format(Locale.ROOT, "- **Stale observation after a fail-back (a reconciler finding).**"
          + " `kill9-after-failback` kills `lb-b` right after it pulled its EIP home, without first making `lb-a`"
          + " describe EC2: `lb-a` detected the death at once but sent `AssociateAddress` only after %s ms (max %s"
          + " ms). The reconciler plans on its cached describe and describes only before acting, on its 30 s resync"
          + " or after its own takeover; a view change alone never refreshes the cache. So a node that lost an EIP"
          + " to a fail-back still believes it holds it, plans nothing when the peer dies again, and waits for the"
          + " resync. The same stale cache keeps a node resuming from standby or a pause from pulling its EIP home"
          + " for up to 30 s. Every other scenario therefore first sends `reconcile` (`EipFailover.reconcileNow()`)"
          + " to the survivor, as its periodic resync would have in a long-steady pair, and again to the victim"
          + " after undoing a SIGSTOP or standby. Fix belongs in core (describe when a view change makes an EIP's"
          + " holder unreachable, or when the plan changes).\n", Stats.ms(s.p50()), Stats.ms(s.max())));
    }
    List<Map<String, String>> cpu = r.measures().stream().filter(m -> m.get("kind").equals("cpu")).toList();
    Optional<Map<String, String>> floor = r.measures().stream().filter(m -> m.get("kind").equals("cpu-baseline"))
        .findFirst();
    double maxCpu = cpu.stream().mapToDouble(m -> Double.parseDouble(m.get("value"))).max().orElse(0);
    if (maxCpu > 0.1) {
      md.append(String.format(Locale.ROOT, "- **Idle CPU above 0.1 %%** (max %.3f %% of a core per agent%s). An idle"
          + " agent wakes about 25 times a second: the UDP loop sends a heartbeat every 100 ms and receives the"
          + " peer's (20 wake-ups, inherent to the 100 ms default profile), the reconciler ticks every 250 ms and"
          + " plans once a second, the health check runs once a second. The window starts 10 s after JVM start,"
          + " while the JIT is still compiling: the lead measured the same pair at 0.43-0.50 %% with a 60 s"
          + " warm-up. On this shared, loaded 2-core box every wake-up also pays scheduling and cache misses. What"
          + " is left is the cost of ~25 JVM thread wake-ups a second; 0.1 %% would need a slower heartbeat"
          + " (fewer wake-ups) or batching the reconciler tick into the UDP loop's wake-ups.\n", maxCpu,
          floor.map(f -> String.format(Locale.ROOT, "; an idle JVM with the agents' flags: %.3f %%",
              Double.parseDouble(f.get("value")))).orElse("")));
    }
    md.append("- **Knobs that differ from the defaults** (none on the takeover path): fail-back delay 1 s (10 s),"
        + " flap-damping hold time 2 s (30 s), SDK call / attempt timeouts 2 s / 1 s; guard: `reachability` of the"
        + " fake's TCP port (the stand-in for a gateway ping node). Each pair waits 3 s after becoming steady so the"
        + " reconciler's 2 s start-up grace has passed.\n");
    md.append("- **Jitter and loss.** This kernel has no `netem`, and network namespaces were not used: the link is"
        + " impaired in-JVM by a `DatagramTransport` decorator around the real NIO transport on both agents (each"
        + " heartbeat dropped with probability 1 %, otherwise delayed 20 ± 10 ms uniform, so reordering happens).\n");
    Optional<Map<String, String>> balanced = r.jmh("PlacementBenchmark.placeAfterEightDeaths", "strategy=balanced");
    if (balanced.isPresent() && Double.parseDouble(balanced.get().get("score")) > 1000) {
      md.append(String.format(Locale.ROOT, "- **Balanced placement is slow at scale** (%s µs, %s B allocated per"
          + " placement): `Rendezvous.rank` hashes inside the sort comparator (MurmurHash3 with a fresh `Hasher`"
          + " per comparison: O(n log n) hashes per orphan instead of n), and every EIP rebuilds its candidate list"
          + " from `ClusterTopology.nodeIds()` (a copy per call). Computing each node's weight once per EIP before"
          + " sorting should bring it near the home strategy.\n", balanced.get().get("score"),
          balanced.get().get("alloc_bytes_per_op")));
    }
    Optional<Map<String, String>> home = r.jmh("PlacementBenchmark.placeAfterEightDeaths",
        "strategy=homeWithFailback");
    if (home.isPresent() && Double.parseDouble(home.get().get("score")) > 1000) {
      md.append(String.format(Locale.ROOT, "- **Home-with-fail-back placement over 1 ms** (%s µs ± %s, %s B"
          + " allocated per placement; steady state %s B): every EIP's decision copies the node list"
          + " (`ClusterTopology.nodeIds()`) and builds its candidate ring, about 600 B of garbage per EIP even when"
          + " nothing moves, so at 1,024 EIPs each placement makes the young GC work. On this loaded box the"
          + " average is dominated by outlier iterations (see the error bar); caching the node list in the topology"
          + " and walking the ring lazily would remove most of the allocation.\n", home.get().get("score"),
          home.get().get("error"),
          home.get().get("alloc_bytes_per_op"), r.jmh("PlacementBenchmark.placeSteadyState",
              "strategy=homeWithFailback").map(x -> x.get("alloc_bytes_per_op")).orElse("?")));
    }
    Optional<Map<String, String>> hmac = r.jmh("CodecBenchmark.baselineTwoHmacs", "");
    Optional<Map<String, String>> exchange = r.jmh("HeartbeatExchangeBenchmark.exchange", "");
    if (hmac.isPresent() && exchange.isPresent() && !hmac.get().get("alloc_bytes_per_op").isEmpty()
        && Double.parseDouble(exchange.get().get("alloc_bytes_per_op")) / 2 > 64) {
      md.append(String.format(Locale.ROOT, "- **Allocation per heartbeat** (%.0f B): the codec reuses its buffers,"
          + " but the JDK's `HmacSHA256` allocates on every `doFinal` (the raw two-MAC baseline allocates %s B), and"
          + " a heartbeat needs two MACs (sign, verify). Reaching ≤ 64 B needs an HMAC that finishes into a caller"
          + " buffer without allocating (for instance HMAC built on two reused SHA-256 `MessageDigest`s with the"
          + " padded keys precomputed, digesting with `digest(byte[], int, int)`), not a protocol change.\n", Double.parseDouble(exchange.get().get("alloc_bytes_per_op")) / 2,
          hmac.get().get("alloc_bytes_per_op")));
    }
    md.append("- **Reconciler planning step.** `IntentPlanner` is package-private, so `ReconcilerPassBenchmark` runs a"
        + " whole pass through the public `EipFailover.reconcileNow()` (direct scheduler, in-memory EC2, dry run):"
        + " describe + placement + intents + guard + status snapshot; `placementOnly` and `baselineDescribe` beside"
        + " it separate the parts. The codec and detector benchmarks call the module-internal classes through"
        + " `InternalProbes` in membership-udp's test-jar, with no API change and no class of ours in its package.\n");
    md.append("- **Machine.** 2 cores; the agents, the EC2 fake, the harness and (for JMH) the forked benchmark JVM"
        + " share them, so scheduling delays land in the tails. " + (full ? "" : "The short run's JMH settings"
        + " (1 fork, 2 × 1 s warm-up, 5 × 1 s measurement) give wide error bars; the full run uses each class's own"
        + " settings.") + " CPU time comes from `/proc/<pid>/stat` in 10 ms ticks, so a 30 s window resolves"
        + " about 0.03 % of a core.\n");
    return md.toString();
  }
}
