package io.eipfailover.benchmarks.harness;

import io.eipfailover.aws.testing.Ec2Call;
import io.eipfailover.core.NodeId;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The failover scenarios, one repetition each, on a steady {@link Pair}: the fault hits {@code
 * lb-b}, and the harness measures when {@code lb-a}'s membership shows it (detection) and when
 * {@code lb-a}'s AssociateAddress for {@code lb-b}'s EIP reaches the EC2 fake, then counts
 * {@code lb-a}'s EC2 calls in the {@link #WINDOW} after the fault, undoes the fault and waits until
 * the pair is steady again (EIP back home: fail-back).
 */
final class Scenarios {
  /** Calls counted per failover: from the fault to this much later (covers the confirming describe). */
  static final Duration WINDOW = Duration.ofSeconds(3);
  /** How long a repetition waits for detection and takeover. */
  static final Duration TIMEOUT = Duration.ofSeconds(10);
  private static final Duration RECOVERY = Duration.ofSeconds(40);

  private final WallClock clock;
  private final Ec2Log log;

  Scenarios(WallClock clock, Ec2Log log) {
    this.clock = clock;
    this.log = log;
  }

  /** What a scenario does to the victim, and how it is undone. */
  enum Fault {
    KILL9("DEAD"),
    SIGSTOP("DEAD"),
    STANDBY("STANDBY");

    final String detectedState;

    Fault(String detectedState) {
      this.detectedState = detectedState;
    }
  }

  /**
   * Runs one repetition; never throws for a failed repetition (it is recorded as not ok).
   *
   * @param refresh first make the survivor describe EC2 ({@code reconcileNow()}), as it would have
   *     on its periodic resync in a long-steady pair; without it, the fault hits right after the
   *     previous repetition's fail-back, while the survivor's cached observation may still be stale
   * @param timeout how long to wait for detection and for the AssociateAddress
   */
  RunRecord run(Pair pair, String profile, String scenario, Fault fault, int rep, boolean refresh, Duration timeout)
      throws IOException {
    NodeProcess survivor = pair.survivor();
    NodeProcess victim = pair.victim();
    NodeId victimId = pair.victimId();
    if (refresh) {
      survivor.command("reconcile");
      clock.sleep(Duration.ofMillis(500));
    }
    int mark = survivor.mark();
    long t0 = clock.micros();
    switch (fault) {
      case KILL9 -> victim.kill();
      case SIGSTOP -> victim.signal("STOP");
      case STANDBY -> victim.command("standby");
    }
    Optional<EventLine> detected = survivor.await(mark,
        e -> e.kind().equals("view") && e.field("peer").equals(victimId.value())
            && e.field("state").equals(fault.detectedState), timeout);
    Optional<Ec2Call> associate = log.awaitAssociate(survivor.id(), PairLayout.EIP_B, t0, timeout);
    long windowEnd = t0 + WINDOW.toNanos() / 1000;
    long wait = windowEnd - clock.micros();
    if (wait > 0) {
      clock.sleep(Duration.ofNanos(wait * 1000));
    }
    List<Ec2Call> byMe = log.calls(null, survivor.id(), t0, windowEnd);
    int describes = count(byMe, "DescribeAddresses");
    int associates = count(byMe, "AssociateAddress");
    int disassociates = log.calls("DisassociateAddress", null, t0, windowEnd).size();
    int others = byMe.size() - describes - associates - count(byMe, "DisassociateAddress");
    switch (fault) {
      case KILL9 -> pair.restartVictim();
      case SIGSTOP -> victim.signal("CONT");
      case STANDBY -> victim.command("resume");
    }
    if (fault != Fault.KILL9) {
      // Recovery is not measured; without a describe the resumed node would wait for its next
      // resync (up to 30 s) to notice that its EIP moved (see the summary's notes).
      clock.sleep(Duration.ofMillis(300));
      pair.victim().command("reconcile");
    }
    boolean recovered = pair.awaitSteady(RECOVERY);
    StringBuilder note = new StringBuilder();
    if (detected.isEmpty()) {
      note.append("no ").append(fault.detectedState).append(" view within ").append(timeout.toSeconds()).append(" s; ");
    }
    if (associate.isEmpty()) {
      note.append("no AssociateAddress within ").append(timeout.toSeconds()).append(" s; ");
    }
    if (!recovered) {
      note.append("pair not steady ").append(RECOVERY.toSeconds()).append(" s after the fault was undone; ");
    }
    double detection = detected.map(e -> (e.micros() - t0) / 1000.0).orElse(Double.NaN);
    double assoc = associate.map(c -> (EventLine.micros(c.time()) - t0) / 1000.0).orElse(Double.NaN);
    return new RunRecord(profile, scenario, rep, t0, detection, assoc, describes, associates, disassociates, others,
        detected.isPresent() && associate.isPresent() && recovered, note.toString().trim());
  }

  private static int count(List<Ec2Call> calls, String action) {
    return (int) calls.stream().filter(c -> c.action().equals(action)).count();
  }
}
