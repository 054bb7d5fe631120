package io.eipfailover.benchmarks.harness;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * One process the harness started, optionally inside a network namespace with {@code ip netns
 * exec} (which execs the command in place, so {@link #pid()} is the program's own pid and signals
 * reach it directly). Its output goes line by line to a log file and to a consumer on a reader
 * thread. Only this class signals the process, by its pid. Thread-safe.
 */
final class Proc implements AutoCloseable {
  private final String name;
  private final Process process;
  private final Thread reader;

  private Proc(String name, Process process, Writer log, Consumer<String> lines) {
    this.name = name;
    this.process = process;
    this.reader = new Thread(() -> pump(log, lines), "harness-read-" + name);
    reader.setDaemon(true);
    reader.start();
  }

  /**
   * Starts {@code argv} in namespace {@code ns} (null: the harness's own), stdout and stderr to
   * {@code log} and, line by line, to {@code lines}.
   */
  static Proc start(String name, String ns, List<String> argv, Path log, Consumer<String> lines) throws IOException {
    List<String> cmd = new ArrayList<>(ns == null ? List.of() : List.of("ip", "netns", "exec", ns));
    cmd.addAll(argv);
    Files.createDirectories(log.getParent());
    Writer w = Files.newBufferedWriter(log, StandardCharsets.UTF_8);
    w.write("# " + String.join(" ", cmd) + "\n");
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    p.getOutputStream().close();
    return new Proc(name, p, w, lines);
  }

  private void pump(Writer log, Consumer<String> lines) {
    try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        log) {
      String line;
      while ((line = r.readLine()) != null) {
        log.write(line);
        log.write('\n');
        log.flush();
        lines.accept(line);
      }
    } catch (IOException e) {
      // the process ended and its output closed
    }
  }

  String name() {
    return name;
  }

  long pid() {
    return process.pid();
  }

  boolean isAlive() {
    return process.isAlive();
  }

  /** Sends {@code signal} (KILL, STOP, CONT, TERM) by pid; quietly nothing if it already exited. */
  void signal(String signal) {
    if (process.isAlive()) {
      Sh.tryRun("kill -" + signal + " " + process.pid());
    }
  }

  /** SIGKILL, then waits (up to 5 s) until it is gone. */
  void kill() {
    process.destroyForcibly();
    waitFor(5_000);
  }

  /** Waits up to {@code millis} for the exit; whether it exited. */
  boolean waitFor(long millis) {
    try {
      return process.waitFor(millis, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return !process.isAlive();
    }
  }

  /** Waits up to {@code millis} for the reader to see the end of the output (after an exit). */
  void drain(long millis) {
    try {
      reader.join(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * SIGCONT (it may be stopped), SIGTERM, and SIGKILL if it has not exited after {@code
   * graceMillis}. SIGTERM goes by {@code kill}, not {@link Process#destroy()}, which also closes our
   * end of its output and so loses what it prints while it exits.
   */
  void stop(long graceMillis) {
    if (!process.isAlive()) {
      return;
    }
    signal("CONT");
    signal("TERM");
    if (!waitFor(graceMillis)) {
      kill();
    }
  }

  @Override
  public void close() {
    stop(2_000);
  }

  @Override
  public String toString() {
    return name + "(pid " + process.pid() + ")";
  }
}
