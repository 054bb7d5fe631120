package io.eipfailover.benchmarks.harness;

import io.eipfailover.core.NodeId;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * One failover daemon on one node of the bench network: our agent or keepalived. The harness
 * treats both alike: start it, kill it ({@code kill -9} of all its processes at once), stop and
 * continue it, stop it gracefully, read its processes' {@code /proc}, and read what it reported
 * ({@link EventLog}): when it convicted its peer, when it became able to take over. Not
 * thread-safe: the harness thread drives it (the event log is filled by reader threads).
 */
abstract class Daemon implements AutoCloseable {
  /** Numbers every start in this JVM, so each gets its own log file. */
  private static final AtomicInteger STARTS = new AtomicInteger();
  /** Which daemon. */
  enum Kind {
    AGENT,
    KEEPALIVED
  }

  protected final Setting setting;
  protected final PairLayout.Node node;
  protected final BenchNetwork net;
  protected final Path runDir;
  protected final WallClock clock;
  protected final EventLog events;
  private Proc proc;
  private long startMicros;

  protected Daemon(Setting setting, PairLayout.Node node, BenchNetwork net, Path runDir, WallClock clock) {
    this.setting = setting;
    this.node = node;
    this.net = net;
    this.runDir = runDir;
    this.clock = clock;
    this.events = new EventLog(clock);
  }

  /** Creates the daemon of {@code setting} for {@code node} (nothing runs yet). */
  static Daemon create(Setting setting, PairLayout.Node node, BenchNetwork net, Path runDir, WallClock clock,
      Path agentJar) throws IOException {
    return setting.agent() ? new AgentDaemon(setting, node, net, runDir, clock, agentJar)
        : new KeepalivedDaemon(setting, node, net, runDir, clock);
  }

  /** The command line that runs the daemon in the foreground. */
  protected abstract List<String> command();

  /** Handles one line of the daemon's output (its log). */
  protected abstract void onLine(String line);

  /** Whether {@code e} is this node convicting its peer (declaring it dead, or becoming VRRP master for it). */
  abstract boolean convictsPeer(EventLine e);

  /** When this start was running (its loop up), if it is. */
  abstract Optional<Long> runningMicros();

  /** When this start became able to take over, if it has. */
  abstract Optional<Long> readyMicros();

  /** Whether the daemon's latest reports show the normal steady roles (peer alive, own EIP's owner). */
  abstract boolean steadyRoles();

  /** Starts the daemon in its node's namespace; the start time is taken just before the exec. */
  void start() throws IOException {
    if (proc != null && proc.isAlive()) {
      throw new IllegalStateException(node.id() + " is already running: " + proc);
    }
    String name = node.id() + "-" + STARTS.incrementAndGet();
    startMicros = clock.micros();
    proc = Proc.start(name, net.ns(node), command(), runDir.resolve("logs").resolve(name + ".log"), this::onLine);
  }

  NodeId id() {
    return node.id();
  }

  PairLayout.Node node() {
    return node;
  }

  EventLog events() {
    return events;
  }

  /** Wall-clock microseconds just before the latest start's exec. */
  long startMicros() {
    return startMicros;
  }

  boolean running() {
    return proc != null && proc.isAlive();
  }

  /** The main process's pid. */
  protected long mainPid() {
    return proc.pid();
  }

  /**
   * Every process of the daemon now: its children first, then the main one. Signals go in this
   * order, because keepalived's VRRP child asks for SIGTERM when its parent dies
   * ({@code PR_SET_PDEATHSIG}); killing the parent first would let the child leave gracefully
   * (priority-0 advertisement) instead of crashing.
   */
  List<Long> pids() {
    if (!running()) {
      return List.of();
    }
    List<Long> all = new java.util.ArrayList<>(ProcStats.children(proc.pid()));
    all.add(proc.pid());
    return all;
  }

  /**
   * {@code kill -KILL} of all its processes in one command, then waits (up to 5 s) until all are
   * gone: keepalived refuses to start while its old VRRP child's pid still exists.
   */
  void kill9() {
    List<Long> pids = pids();
    signalAll("KILL");
    proc.waitFor(5_000);
    long deadline = clock.micros() + 5_000_000;
    while (pids.stream().anyMatch(p -> java.nio.file.Files.exists(Path.of("/proc", Long.toString(p))))
        && clock.micros() < deadline) {
      clock.sleep(java.time.Duration.ofMillis(5));
    }
  }

  /** Sends {@code signal} to all its processes in one {@code kill} command. */
  void signalAll(String signal) {
    List<Long> pids = pids();
    if (!pids.isEmpty()) {
      Sh.tryRun("kill -" + signal + " " + pids.stream().map(String::valueOf).collect(Collectors.joining(" ")));
    }
  }

  /** The graceful stop its service manager would do: SIGTERM to the main process (does not wait). */
  void terminate() {
    proc.signal("TERM");
  }

  /** Waits up to {@code millis} for the main process to exit. */
  boolean awaitExit(long millis) {
    return proc == null || proc.waitFor(millis);
  }

  @Override
  public void close() {
    if (proc != null) {
      proc.stop(3_000);
    }
  }
}
