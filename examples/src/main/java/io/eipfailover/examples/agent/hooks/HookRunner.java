package io.eipfailover.examples.agent.hooks;

import com.google.common.base.Ticker;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Runs one hook: {@code /bin/sh -c COMMAND} with the call's environment added to the agent's, the
 * call's JSON on stdin, stdout and stderr merged and handed line by line to a consumer (at most
 * {@link #MAX_LINES}), and a time limit: a hook still running then is killed with everything it
 * started. Blocks the calling thread (a hook lane, never the failover loop). Thread-safe.
 */
final class HookRunner {
  static final int MAX_LINES = 200;

  /** How a run ended. */
  enum Result { OK, FAILED, TIMEOUT, ERROR }

  /** @param detail the exit code, the time limit, or why it could not start */
  record Outcome(Result result, Duration took, String detail) {}

  private final Ticker ticker;
  private final List<String> shell;

  /** @param shell the interpreter and its flag, {@code /bin/sh -c} */
  HookRunner(Ticker ticker, List<String> shell) {
    this.ticker = ticker;
    this.shell = List.copyOf(shell);
  }

  Outcome run(HookCall call, String command, Duration timeout, Consumer<String> output) {
    long start = ticker.read();
    ProcessBuilder pb = new ProcessBuilder(concat(command)).redirectErrorStream(true);
    pb.environment().putAll(call.environment());
    Process p;
    try {
      p = pb.start();
    } catch (IOException e) {
      return new Outcome(Result.ERROR, took(start), "could not start: " + e.getMessage());
    }
    Thread reader = new Thread(() -> drain(p, output), "eipfailover-hook-output");
    reader.setDaemon(true);
    reader.start();
    try (OutputStream in = p.getOutputStream()) {
      in.write(call.json().getBytes(StandardCharsets.UTF_8));
      in.write('\n');
    } catch (IOException e) {
      // the hook does not read its stdin and has already exited or closed it: fine
    }
    try {
      if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        kill(p);
        reader.join(1000);
        return new Outcome(Result.TIMEOUT, took(start), "still running after " + timeout.toMillis() + " ms, killed");
      }
      reader.join(1000);
    } catch (InterruptedException e) {
      kill(p);
      Thread.currentThread().interrupt();
      return new Outcome(Result.ERROR, took(start), "interrupted (agent stopping), killed");
    }
    int code = p.exitValue();
    return new Outcome(code == 0 ? Result.OK : Result.FAILED, took(start), "exit " + code);
  }

  private List<String> concat(String command) {
    java.util.ArrayList<String> argv = new java.util.ArrayList<>(shell);
    argv.add(command);
    return argv;
  }

  private static void drain(Process p, Consumer<String> output) {
    try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      int lines = 0;
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        if (++lines <= MAX_LINES) {
          output.accept(line);
        } else if (lines == MAX_LINES + 1) {
          output.accept("(more output dropped)");
        }
      }
    } catch (IOException e) {
      // the process was killed: its output ends here
    }
  }

  /** Kills the hook and everything it started (a shell's children outlive it otherwise). */
  private static void kill(Process p) {
    p.descendants().forEach(ProcessHandle::destroyForcibly);
    p.destroyForcibly();
    try {
      p.waitFor(1, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private Duration took(long start) {
    return Duration.ofNanos(ticker.read() - start);
  }
}
