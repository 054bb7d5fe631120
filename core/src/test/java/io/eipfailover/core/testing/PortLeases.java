package io.eipfailover.core.testing;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.LongSupplier;

/**
 * Short leases on loopback ports, shared by every JVM on the machine (parallel builds, PIT's
 * minions, a harness and its agents), so two of them never hand out the same port in the seconds
 * between checking it free and the member binding it. A lease is a file created atomically in a
 * shared directory, named {@code <port>.<period>} (periods of {@value #PERIOD_MILLIS} ms); a port
 * with a lease file for this period or the previous one is left alone, so a lease lasts 15 to 30
 * s: long enough for an agent JVM to start on a loaded machine, short enough that PIT's minions,
 * rerunning loopback tests for every mutant, do not use up the range. After that the bound port
 * speaks for itself. Files older than that are deleted as new leases are taken.
 *
 * <p>Without a usable directory every lease is granted: the bind check alone remains. Not
 * thread-safe: {@link LoopbackPorts} serializes the calls.
 */
final class PortLeases {
  static final long PERIOD_MILLIS = 15_000;

  private final Path dir;
  private final LongSupplier wallMillis;
  private long sweptPeriod = Long.MIN_VALUE;

  /** Leases in {@code dir} (created if missing), timed by {@code wallMillis}. */
  PortLeases(Path dir, LongSupplier wallMillis) {
    this.dir = dir;
    this.wallMillis = wallMillis;
  }

  /** The machine-wide directory: {@code <java.io.tmpdir>/eipfailover-test-ports}. */
  static PortLeases shared() {
    return new PortLeases(Path.of(System.getProperty("java.io.tmpdir"), "eipfailover-test-ports"),
        System::currentTimeMillis);
  }

  /** Whether this JVM now holds a lease on {@code port} (false: another JVM leased it lately). */
  boolean tryLease(int port) {
    long period = wallMillis.getAsLong() / PERIOD_MILLIS;
    try {
      Files.createDirectories(dir);
      sweep(period);
      if (Files.exists(dir.resolve(port + "." + (period - 1)))) {
        return false;
      }
      Files.createFile(dir.resolve(port + "." + period));
      return true;
    } catch (FileAlreadyExistsException e) {
      return false;
    } catch (IOException | SecurityException e) {
      return true; // no shared directory here: fall back to the bind check alone
    }
  }

  /** Deletes lease files older than the previous period, once per period per JVM. */
  private void sweep(long period) throws IOException {
    if (sweptPeriod == period) {
      return;
    }
    sweptPeriod = period;
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
      for (Path f : files) {
        String name = f.getFileName().toString();
        int dot = name.lastIndexOf('.');
        try {
          if (dot > 0 && Long.parseLong(name.substring(dot + 1)) < period - 1) {
            Files.deleteIfExists(f);
          }
        } catch (NumberFormatException | IOException e) {
          // not ours, or another JVM deleted it first
        }
      }
    }
  }
}
