package io.eipfailover.examples.e2e;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One process of the stage, started inside a network namespace with {@code ip netns exec}, which
 * execs the command in place, so {@link #pid()} is the program's own pid and signals reach it
 * directly. Its output goes to a log file (kept under the run directory for post-mortems). Only
 * this class signals the process, by its pid. Not thread-safe; the test thread owns it.
 */
final class StageProcess implements AutoCloseable {
  private final String name;
  private final Process process;
  private final Path log;

  private StageProcess(String name, Process process, Path log) {
    this.name = name;
    this.process = process;
    this.log = log;
  }

  /** Starts {@code argv} in namespace {@code ns} (null: this one), output appended to {@code log}. */
  static StageProcess start(String name, String ns, List<String> argv, Path log) throws IOException {
    List<String> cmd = new ArrayList<>(ns == null ? List.of() : List.of("ip", "netns", "exec", ns));
    cmd.addAll(argv);
    Files.writeString(log, "# " + String.join(" ", cmd) + "\n", StandardCharsets.UTF_8,
        java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
    return new StageProcess(name, p, log);
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

  Path log() {
    return log;
  }

  /** The log so far. */
  String output() {
    try {
      return Files.readString(log, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "";
    }
  }

  /** Writes a line to the process's stdin. */
  void send(String line) throws IOException {
    OutputStream in = process.getOutputStream();
    in.write((line + "\n").getBytes(StandardCharsets.UTF_8));
    in.flush();
  }

  /** Sends {@code signal} (KILL, TERM, STOP, CONT) to the process, by pid. */
  void signal(String signal) {
    if (process.isAlive()) {
      Sh.run("kill -" + signal + " " + process.pid());
    }
  }

  /** Waits up to {@code millis} for the exit; the exit code, or -1 if it still runs. */
  int waitFor(long millis) throws InterruptedException {
    return process.waitFor(millis, TimeUnit.MILLISECONDS) ? process.exitValue() : -1;
  }

  /** SIGCONT (in case it is stopped), SIGTERM, and SIGKILL if it has not exited after {@code graceMillis}. */
  void stop(long graceMillis) {
    if (!process.isAlive()) {
      return;
    }
    Sh.tryRun("kill -CONT " + process.pid());
    process.destroy();
    try {
      if (!process.waitFor(graceMillis, TimeUnit.MILLISECONDS)) {
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    stop(0);
  }

  @Override
  public String toString() {
    return name + "(pid " + process.pid() + ")";
  }
}
