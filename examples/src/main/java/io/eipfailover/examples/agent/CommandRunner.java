package io.eipfailover.examples.agent;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs an OS command: the seam between the agent and {@code ip}, so tests record commands instead
 * of changing the host's addresses. Implementations are thread-safe.
 */
@FunctionalInterface
public interface CommandRunner {
  /** What a command printed and returned. */
  record Result(int exitCode, String output) {
    public boolean ok() {
      return exitCode == 0;
    }
  }

  /** Runs {@code argv} (no shell), waiting at most a few seconds. Never throws for a non-zero exit. */
  Result run(List<String> argv) throws IOException;

  /** The real runner: {@link ProcessBuilder}, stderr merged into the output, 10 s limit. */
  static CommandRunner system() {
    return argv -> {
      Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
      try (InputStream in = p.getInputStream()) {
        byte[] out = in.readAllBytes();
        if (!p.waitFor(10, TimeUnit.SECONDS)) {
          p.destroyForcibly();
          return new Result(-1, "timed out: " + String.join(" ", argv));
        }
        return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        p.destroyForcibly();
        throw new IOException("interrupted while running " + String.join(" ", argv), e);
      }
    };
  }
}
