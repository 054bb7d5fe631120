package io.eipfailover.benchmarks.harness;

import io.eipfailover.core.NodeId;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * One {@link NodeMain} JVM started by the harness: its event lines (collected by a reader thread,
 * stamped with the harness's receive time), its stdin for commands, signals by pid ({@code kill
 * -9} via {@link Process#destroyForcibly()}, {@code SIGSTOP}/{@code SIGCONT} via {@code kill}), and
 * its CPU time from {@code /proc/<pid>/stat}. Every other output line goes to a log file.
 * Thread-safe.
 */
final class NodeProcess implements AutoCloseable {
  private final NodeId id;
  private final Process process;
  private final WallClock clock;
  private final List<EventLine> events = new ArrayList<>();
  private final PrintWriter stdin;
  private final Thread reader;

  private NodeProcess(NodeId id, Process process, WallClock clock, Path log) throws IOException {
    this.id = id;
    this.process = process;
    this.clock = clock;
    this.stdin = new PrintWriter(new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8), true);
    Writer logWriter = Files.newBufferedWriter(log, StandardCharsets.UTF_8);
    this.reader = new Thread(() -> pump(logWriter), "harness-read-" + id);
    reader.setDaemon(true);
    reader.start();
  }

  /** The JVM flags of every agent (small heap, serial GC, C1 only: an agent is not a server). */
  static final List<String> JVM_FLAGS = List.of("-Xms64m", "-Xmx128m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
      "-Dorg.slf4j.simpleLogger.defaultLogLevel=info", "-Dorg.slf4j.simpleLogger.showDateTime=true");

  /** Starts {@code java <flags> -cp <classpath> NodeMain <options>}. */
  static NodeProcess start(NodeOptions options, String javaCommand, String classpath, Path logDir, WallClock clock)
      throws IOException {
    return start(options.self(), NodeMain.class.getName(), options.toArgs(), javaCommand, classpath, logDir, clock);
  }

  /** Starts {@code java <flags> -cp <classpath> <mainClass> <args>} under the name {@code id}. */
  static NodeProcess start(NodeId id, String mainClass, List<String> args, String javaCommand, String classpath,
      Path logDir, WallClock clock) throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add(javaCommand);
    cmd.addAll(JVM_FLAGS);
    cmd.addAll(List.of("-cp", classpath, mainClass));
    cmd.addAll(args);
    Files.createDirectories(logDir);
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    Path log = logDir.resolve(id + "-" + p.pid() + ".log");
    return new NodeProcess(id, p, clock, log);
  }

  private void pump(Writer log) {
    try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        log) {
      String line;
      while ((line = r.readLine()) != null) {
        long received = clock.micros();
        Optional<EventLine> e = EventLine.parse(line, received);
        log.write(line);
        log.write('\n');
        if (e.isPresent()) {
          synchronized (events) {
            events.add(e.get());
            events.notifyAll();
          }
        }
      }
    } catch (IOException e) {
      // the process died: its stdout closed
    }
  }

  NodeId id() {
    return id;
  }

  long pid() {
    return process.pid();
  }

  boolean isAlive() {
    return process.isAlive();
  }

  /** The number of event lines so far (a mark for {@link #await}). */
  int mark() {
    synchronized (events) {
      return events.size();
    }
  }

  /** A copy of the event lines from {@code mark} on. */
  List<EventLine> eventsSince(int mark) {
    synchronized (events) {
      return new ArrayList<>(events.subList(Math.min(mark, events.size()), events.size()));
    }
  }

  /** Waits until an event line at or after {@code mark} matches, up to {@code timeout}. */
  Optional<EventLine> await(int mark, Predicate<EventLine> match, Duration timeout) {
    long deadline = clock.micros() + timeout.toNanos() / 1000;
    synchronized (events) {
      int i = mark;
      while (true) {
        for (; i < events.size(); i++) {
          if (match.test(events.get(i))) {
            return Optional.of(events.get(i));
          }
        }
        long left = (deadline - clock.micros()) * 1000;
        if (left <= 0) {
          return Optional.empty();
        }
        try {
          TimeUnit.NANOSECONDS.timedWait(events, left);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return Optional.empty();
        }
      }
    }
  }

  /** Sends a command line to the node's stdin. */
  void command(String command) {
    stdin.println(command);
  }

  /** {@code kill -9}: {@link Process#destroyForcibly()} sends SIGKILL on Linux. */
  void kill() {
    process.destroyForcibly();
    try {
      process.waitFor(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Sends {@code signal} (STOP, CONT) with {@code kill}; waits for it to return. */
  void signal(String signal) {
    try {
      Process k = new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid())).inheritIO().start();
      if (!k.waitFor(5, TimeUnit.SECONDS) || k.exitValue() != 0) {
        throw new IllegalStateException("kill -" + signal + " " + process.pid() + " failed");
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot run kill -" + signal + ": " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted sending " + signal, e);
    }
  }

  /** Like {@link #signal} but ignores failures (the process may be gone already). */
  void signalQuietly(String signal) {
    if (process.isAlive()) {
      try {
        signal(signal);
      } catch (IllegalStateException e) {
        // best effort during clean-up
      }
    }
  }

  /** User + system CPU time of the process so far, in clock ticks (usually 10 ms), from /proc. */
  long cpuTicks() throws IOException {
    String stat = Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat"));
    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    // After "pid (comm) ": field 3 (state) is f[0], so utime (14) is f[11] and stime (15) f[12].
    return Long.parseLong(f[11]) + Long.parseLong(f[12]);
  }

  /** Asks the node to quit, then kills it if it has not within a second. */
  @Override
  public void close() {
    if (process.isAlive()) {
      command("quit");
      try {
        if (!process.waitFor(1, TimeUnit.SECONDS)) {
          kill();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        kill();
      }
    }
  }
}
