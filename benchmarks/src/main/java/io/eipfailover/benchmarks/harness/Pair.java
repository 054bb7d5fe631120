package io.eipfailover.benchmarks.harness;

import io.eipfailover.aws.testing.Ec2Fake;
import io.eipfailover.core.NodeId;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A running pair of node processes for one profile and impairment set: {@code lb-a} (the survivor
 * in every scenario) and {@code lb-b} (the victim, restarted after each kill). Knows when the pair
 * is steady: both alive, each sees the other ALIVE, both EIPs home at the EC2 fake.
 */
final class Pair implements AutoCloseable {
  /** The reconciler's default start-up grace plus a margin. */
  static final Duration STARTUP_GRACE_MARGIN = Duration.ofSeconds(3);

  private final NodeOptions optionsA;
  private final NodeOptions optionsB;
  private final Ec2Fake ec2;
  private final WallClock clock;
  private final String java;
  private final String classpath;
  private final Path logDir;
  private NodeProcess a;
  private NodeProcess b;

  private Pair(NodeOptions optionsA, NodeOptions optionsB, Ec2Fake ec2, WallClock clock, String java, String classpath,
      Path logDir) {
    this.optionsA = optionsA;
    this.optionsB = optionsB;
    this.ec2 = ec2;
    this.clock = clock;
    this.java = java;
    this.classpath = classpath;
    this.logDir = logDir;
  }

  /** Puts the EIPs home, clears the call log, starts both nodes and waits until steady. */
  static Pair start(NodeOptions optionsA, NodeOptions optionsB, Ec2Fake ec2, WallClock clock, String java,
      String classpath, Path logDir) throws IOException {
    PairLayout.sendHome(ec2);
    ec2.clearCalls();
    Pair p = new Pair(optionsA, optionsB, ec2, clock, java, classpath, logDir);
    p.a = NodeProcess.start(optionsA, java, classpath, logDir, clock);
    p.b = NodeProcess.start(optionsB, java, classpath, logDir, clock);
    if (!p.awaitSteady(Duration.ofSeconds(60))) {
      p.close();
      throw new IllegalStateException("pair " + optionsA.profile().label() + " did not become steady within 60 s; see "
          + logDir);
    }
    // The reconciler's start-up grace (2 s, Heartbeat's initdead) blocks takeovers right after start.
    clock.sleep(STARTUP_GRACE_MARGIN);
    return p;
  }

  NodeProcess survivor() {
    return a;
  }

  NodeProcess victim() {
    return b;
  }

  /** Starts a fresh victim process (after a kill). */
  void restartVictim() throws IOException {
    if (b.isAlive()) {
      b.kill();
    }
    b = NodeProcess.start(optionsB, java, classpath, logDir, clock);
  }

  /** The last state {@code observer} printed for its peer, if any. */
  static Optional<String> lastPeerState(NodeProcess observer) {
    List<EventLine> all = observer.eventsSince(0);
    for (int i = all.size() - 1; i >= 0; i--) {
      if (all.get(i).kind().equals("view")) {
        return Optional.of(all.get(i).field("state"));
      }
    }
    return Optional.empty();
  }

  /** Waits until steady, then half a second more; false on timeout. */
  boolean awaitSteady(Duration timeout) {
    long deadline = clock.micros() + timeout.toNanos() / 1000;
    while (clock.micros() < deadline) {
      if (isSteady()) {
        clock.sleep(Duration.ofMillis(500));
        if (isSteady()) {
          return true;
        }
      }
      clock.sleep(Duration.ofMillis(50));
    }
    return false;
  }

  private boolean isSteady() {
    return a.isAlive() && b.isAlive() && hasReady(a) && hasReady(b)
        && lastPeerState(a).equals(Optional.of("ALIVE")) && lastPeerState(b).equals(Optional.of("ALIVE"))
        && PairLayout.isHome(ec2, PairLayout.EIP_A) && PairLayout.isHome(ec2, PairLayout.EIP_B);
  }

  private static boolean hasReady(NodeProcess p) {
    return p.eventsSince(0).stream().anyMatch(e -> e.kind().equals("ready"));
  }

  /** The victim's id. */
  NodeId victimId() {
    return optionsB.self();
  }

  @Override
  public void close() {
    if (a != null) {
      a.close();
    }
    if (b != null) {
      b.signalQuietly("CONT");
      b.close();
    }
  }
}
