package io.eipfailover.examples.e2e;

import io.eipfailover.examples.packaging.Cmd;
import java.util.List;

/**
 * Runs short host commands ({@code ip}, {@code iptables}) for the stage and fails loudly with the
 * command and its output. Stateless and thread-safe.
 */
final class Sh {
  private Sh() {}

  /** The result of one command. */
  record Result(int exitCode, String output) {
    boolean ok() {
      return exitCode == 0;
    }
  }

  /** Runs {@code cmd} (split on spaces), throws unless it exits 0. */
  static String run(String cmd) {
    Result r = tryRun(cmd);
    if (!r.ok()) {
      throw new IllegalStateException("'" + cmd + "' exited " + r.exitCode() + ": " + r.output().strip());
    }
    return r.output();
  }

  /** Runs {@code cmd} in namespace {@code ns}, throws unless it exits 0. */
  static String in(String ns, String cmd) {
    return run("ip netns exec " + ns + " " + cmd);
  }

  /** Runs {@code cmd} (split on spaces), whatever its exit code; 10 s at most. */
  static Result tryRun(String cmd) {
    return tryRun(List.of(cmd.trim().split("\\s+")));
  }

  static Result tryRun(List<String> argv) {
    Cmd.Result r = Cmd.run(10, argv);
    return new Result(r.exitCode(), r.output());
  }

  /** Whether {@code program} runs at all ({@code program --version} or similar exits 0). */
  static boolean available(String versionCmd) {
    return tryRun(versionCmd).ok();
  }

  static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
