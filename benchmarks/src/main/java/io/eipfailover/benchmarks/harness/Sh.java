package io.eipfailover.benchmarks.harness;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs short host commands ({@code ip}, {@code iptables}, {@code kill}) for the harness and fails
 * loudly with the command and its output. Stateless and thread-safe.
 */
final class Sh {
  private Sh() {}

  /** The result of one command. */
  record Result(int exitCode, String output) {
    boolean ok() {
      return exitCode == 0;
    }
  }

  /** Runs {@code cmd} (split on spaces); throws unless it exits 0; returns its output. */
  static String run(String cmd) {
    Result r = tryRun(cmd);
    if (!r.ok()) {
      throw new IllegalStateException("'" + cmd + "' exited " + r.exitCode() + ": " + r.output().strip());
    }
    return r.output();
  }

  /** Runs {@code cmd} (split on spaces), whatever its exit code; 10 s at most. */
  static Result tryRun(String cmd) {
    return tryRun(List.of(cmd.trim().split("\\s+")));
  }

  /** Runs {@code argv}, whatever its exit code; 10 s at most. */
  static Result tryRun(List<String> argv) {
    try {
      Process p = new ProcessBuilder(new ArrayList<>(argv)).redirectErrorStream(true).start();
      p.getOutputStream().close();
      byte[] out = p.getInputStream().readAllBytes();
      if (!p.waitFor(10, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return new Result(-1, "timed out: " + String.join(" ", argv));
      }
      return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    } catch (IOException e) {
      return new Result(-1, e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted running " + argv, e);
    }
  }

  /** Whether {@code versionCmd} (a program's version or list command) exits 0. */
  static boolean available(String versionCmd) {
    return tryRun(versionCmd).ok();
  }
}
