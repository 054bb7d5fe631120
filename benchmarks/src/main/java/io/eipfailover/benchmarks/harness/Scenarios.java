package io.eipfailover.benchmarks.harness;

import io.eipfailover.aws.testing.Ec2Call;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The failover scenarios, one repetition each, on a steady {@link Pair}: the fault hits {@code
 * lb-b}; the harness times when {@code lb-a} convicted it (detection) and when {@code lb-a}'s
 * AssociateAddress for {@code lb-b}'s EIP reached the EC2 fake, counts {@code lb-a}'s EC2 calls in
 * the {@link #WINDOW} after the fault, then restarts the victim and times that restart too (exec →
 * able to take over, exec → its EIP pulled home) until the pair is steady again.
 */
final class Scenarios {
  /**
   * Our survivor's calls counted per failover: from the fault to this much later (covers the
   * confirming describe); the victim is restarted after it.
   */
  static final Duration WINDOW = Duration.ofSeconds(2);
  /** How long a repetition waits for detection and takeover. */
  static final Duration TIMEOUT = Duration.ofSeconds(10);
  private static final Duration RECOVERY = Duration.ofSeconds(40);

  /** What a scenario does to the victim. */
  enum Fault {
    /** {@code kill -9} of all the daemon's processes; the host stays up (its kernel answers). */
    KILL9_HOST_UP("kill9-hostup"),
    /** The victim's link goes down, then {@code kill -9}: the host is gone, nothing answers. */
    HOST_GONE("host-gone"),
    /** SIGTERM, the service manager's stop: the daemon hands over (agent: standby; keepalived: priority 0). */
    GRACEFUL("graceful");

    final String scenario;

    Fault(String scenario) {
      this.scenario = scenario;
    }
  }

  private final WallClock clock;
  private final Ec2Log log;
  private final BenchNetwork net;

  Scenarios(WallClock clock, Ec2Log log, BenchNetwork net) {
    this.clock = clock;
    this.log = log;
    this.net = net;
  }

  /**
   * Runs one repetition; never throws for a failed repetition (it is recorded as not ok).
   *
   * @return the fault's record, then the victim's restart record
   */
  List<RunRecord> run(Pair pair, String setting, Fault fault, int rep) throws IOException {
    Daemon survivor = pair.survivor();
    Daemon victim = pair.victim();
    int mark = survivor.events().mark();
    long t0 = clock.micros();
    switch (fault) {
      case KILL9_HOST_UP -> victim.kill9();
      case HOST_GONE -> {
        net.link(victim.node(), false);
        victim.kill9();
      }
      case GRACEFUL -> victim.terminate();
    }
    Predicate<EventLine> detects = fault == Fault.GRACEFUL
        ? e -> survivor.convictsPeer(e) || AgentDaemon.peerStandby(e) : survivor::convictsPeer;
    Optional<EventLine> detected = survivor.events().await(mark, detects, TIMEOUT);
    Optional<Ec2Call> associate = log.awaitAssociate(survivor.id(), victim.node().home(), t0, TIMEOUT);
    // Our survivor's EC2 calls are counted over the window; keepalived's script makes one per MASTER.
    long windowEnd = survivor instanceof AgentDaemon ? t0 + WINDOW.toNanos() / 1000
        : associate.map(c -> EventLine.micros(c.time()) + 1).orElse(t0);
    long wait = windowEnd - clock.micros();
    if (wait > 0) {
      clock.sleep(Duration.ofNanos(wait * 1000));
    }
    List<Ec2Call> byMe = log.calls(null, survivor.id(), t0, windowEnd);
    int describes = count(byMe, "DescribeAddresses");
    int associates = count(byMe, "AssociateAddress");
    int disassociates = log.calls("DisassociateAddress", null, t0, windowEnd).size();
    int others = byMe.size() - describes - associates - count(byMe, "DisassociateAddress");
    boolean exited = victim.awaitExit(25_000);
    if (fault == Fault.HOST_GONE) {
      net.link(victim.node(), true);
    }
    pair.restartVictim();
    boolean recovered = pair.settle(RECOVERY);
    StringBuilder note = new StringBuilder();
    if (detected.isEmpty()) {
      note.append("no conviction within ").append(TIMEOUT.toSeconds()).append(" s; ");
    }
    if (associate.isEmpty()) {
      note.append("no AssociateAddress within ").append(TIMEOUT.toSeconds()).append(" s; ");
    }
    if (!exited) {
      note.append("victim still running 25 s after the fault (killed); ");
    }
    if (!recovered) {
      note.append("pair not steady ").append(RECOVERY.toSeconds()).append(" s after the restart").append(pair.why())
          .append("; ");
    }
    RunRecord failover = new RunRecord(setting, fault.scenario, rep, t0, millis(detected.map(EventLine::micros), t0),
        millis(associate.map(c -> EventLine.micros(c.time())), t0), Double.NaN, describes, associates, disassociates,
        others,
        detected.isPresent() && associate.isPresent() && recovered, note.toString().trim());
    return List.of(failover, restartRecord(pair, setting, rep, recovered));
  }

  /** The victim's latest start: exec → running, → able to take over, → its EIP pulled home. */
  private RunRecord restartRecord(Pair pair, String setting, int rep, boolean recovered) {
    Daemon victim = pair.victim();
    long exec = victim.startMicros();
    Optional<Long> running = victim.runningMicros();
    Optional<Long> ready = victim.readyMicros();
    Optional<Long> home = log.calls("AssociateAddress", victim.id(), exec, Long.MAX_VALUE).stream()
        .filter(c -> victim.node().home().allocationId().equals(c.param("AllocationId"))).findFirst()
        .map(c -> EventLine.micros(c.time()));
    String note = (ready.isEmpty() ? "never able to take over; " : "")
        + (home.isEmpty() ? "EIP not pulled home; " : "");
    return new RunRecord(setting, "restart", rep, exec, millis(running, exec), millis(home, exec), millis(ready, exec),
        0, 0, 0, 0, recovered && ready.isPresent() && home.isPresent(), note.trim());
  }

  private static double millis(Optional<Long> micros, long t0) {
    return micros.map(m -> (m - t0) / 1000.0).orElse(Double.NaN);
  }

  private static int count(List<Ec2Call> calls, String action) {
    return (int) calls.stream().filter(c -> c.action().equals(action)).count();
  }
}
