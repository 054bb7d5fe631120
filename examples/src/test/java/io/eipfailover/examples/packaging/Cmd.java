package io.eipfailover.examples.packaging;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a command for the packaging and end-to-end tests (no shell); output is stdout and stderr
 * merged, stdin closed. Stateless.
 */
public final class Cmd {
  private Cmd() {}

  /** What a command printed and returned. */
  public record Result(int exitCode, String output) {
    public boolean ok() {
      return exitCode == 0;
    }
  }

  static Result run(String... argv) {
    return run(120, List.of(argv));
  }

  /** Runs {@code argv}, waiting at most {@code timeoutSeconds}; exit code -1 when it could not run or timed out. */
  public static Result run(int timeoutSeconds, List<String> argv) {
    try {
      Process p = new ProcessBuilder(new java.util.ArrayList<>(argv)).redirectErrorStream(true).start();
      p.getOutputStream().close();
      byte[] out = p.getInputStream().readAllBytes();
      if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
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

  /** Runs and fails with the command and its output unless it exits 0. */
  static String ok(String... argv) {
    Result r = run(argv);
    if (!r.ok()) {
      throw new AssertionError("'" + String.join(" ", argv) + "' exited " + r.exitCode() + ":\n" + r.output());
    }
    return r.output();
  }

  static boolean available(String program) {
    return run("sh", "-c", "command -v " + program).ok();
  }
}
