package io.eipfailover.benchmarks.harness;

import io.eipfailover.aws.testing.Ec2Fake;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Two daemons of one setting on a {@link BenchNetwork}: {@code lb-a} (the survivor in every
 * scenario) and {@code lb-b} (the victim, restarted after each kill). Knows when the pair is steady:
 * both running and able to take over, each in its normal role (sees its peer alive; for keepalived,
 * master of its own instance and backup of the other), both EIPs home at the EC2 fake.
 */
final class Pair implements AutoCloseable {
  private final Setting setting;
  private final Daemon a;
  private final Daemon b;
  private final Ec2Fake ec2;
  private final WallClock clock;
  private int repairs;

  private Pair(Setting setting, Daemon a, Daemon b, Ec2Fake ec2, WallClock clock) {
    this.setting = setting;
    this.a = a;
    this.b = b;
    this.ec2 = ec2;
    this.clock = clock;
  }

  /** Puts the EIPs home, starts both daemons and waits until steady; closes what it started on failure. */
  static Pair start(Setting setting, BenchNetwork net, Ec2Fake ec2, Path runDir, WallClock clock, Path agentJar)
      throws IOException {
    PairLayout.sendHome(ec2);
    Pair p = new Pair(setting, Daemon.create(setting, PairLayout.NODE_A, net, runDir, clock, agentJar),
        Daemon.create(setting, PairLayout.NODE_B, net, runDir, clock, agentJar), ec2, clock);
    try {
      p.a.start();
      p.b.start();
      if (!p.settle(Duration.ofSeconds(60))) {
        throw new IllegalStateException("pair " + setting.label() + " did not become steady within 60 s"
            + p.why() + "; see " + runDir.resolve("logs"));
      }
      return p;
    } catch (IOException | RuntimeException e) {
      p.close();
      throw e;
    }
  }

  Daemon survivor() {
    return a;
  }

  Daemon victim() {
    return b;
  }

  /** Starts a fresh victim (after a kill or a graceful stop); kills the old one if it still runs. */
  void restartVictim() throws IOException {
    if (b.running()) {
      b.kill9();
    }
    b.start();
  }

  /**
   * Waits up to {@code timeout} until steady; for keepalived, once both daemons have held their
   * normal roles for a second and only the EIPs are off, puts them home at the fake: its notify
   * scripts run concurrently, so two transitions close together (start-up, a stall) can reach EC2
   * in the wrong order, and a master that never left MASTER (a stall) never re-runs its script. Our
   * agents must converge on their own. False if not steady in time.
   */
  boolean settle(Duration timeout) {
    long deadline = clock.micros() + timeout.toNanos() / 1000;
    long rolesSince = Long.MAX_VALUE;
    while (clock.micros() < deadline) {
      if (awaitSteady(Duration.ofMillis(500))) {
        return true;
      }
      boolean roles = a.running() && b.running() && a.steadyRoles() && b.steadyRoles();
      rolesSince = roles ? Math.min(rolesSince, clock.micros()) : Long.MAX_VALUE;
      if (!setting.agent() && roles && clock.micros() - rolesSince > 1_000_000) {
        PairLayout.sendHome(ec2);
        repairs++;
        rolesSince = Long.MAX_VALUE;
      }
    }
    return false;
  }

  /** How often {@link #settle} put keepalived's EIPs home so far. */
  int repairs() {
    return repairs;
  }

  /** Waits until steady, then 300 ms more; false on timeout. */
  boolean awaitSteady(Duration timeout) {
    long deadline = clock.micros() + timeout.toNanos() / 1000;
    while (clock.micros() < deadline) {
      if (isSteady()) {
        clock.sleep(Duration.ofMillis(300));
        if (isSteady()) {
          return true;
        }
      }
      clock.sleep(Duration.ofMillis(20));
    }
    return false;
  }

  boolean isSteady() {
    return ready(a) && ready(b) && a.steadyRoles() && b.steadyRoles() && PairLayout.isHome(ec2, PairLayout.NODE_A)
        && PairLayout.isHome(ec2, PairLayout.NODE_B);
  }

  private static boolean ready(Daemon d) {
    return d.running() && d.readyMicros().isPresent();
  }

  /** What is not steady, for error messages. */
  String why() {
    return String.format(" (lb-a running %s ready %s roles %s, lb-b running %s ready %s roles %s, EIPs home %s/%s)",
        a.running(), a.readyMicros().isPresent(), a.steadyRoles(), b.running(), b.readyMicros().isPresent(),
        b.steadyRoles(), PairLayout.isHome(ec2, PairLayout.NODE_A), PairLayout.isHome(ec2, PairLayout.NODE_B));
  }

  @Override
  public void close() {
    a.close();
    b.close();
  }
}
