package io.eipfailover.core.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PortLeasesTest {
  private static final long PERIOD = PortLeases.PERIOD_MILLIS;

  @TempDir Path dir;
  private final AtomicLong now = new AtomicLong(100 * PERIOD + PERIOD / 2);

  @Test
  void aPortIsLeasedOnceAcrossJvmsUntilItsLeaseIsAPeriodOld() {
    PortLeases one = new PortLeases(dir.resolve("leases"), now::get);
    PortLeases other = new PortLeases(dir.resolve("leases"), now::get); // another JVM, same directory
    assertTrue(one.tryLease(20_000));
    assertFalse(other.tryLease(20_000), "leased this period");
    assertFalse(one.tryLease(20_000), "not twice by the same JVM either");
    assertTrue(other.tryLease(20_128), "other ports are unaffected");
    now.addAndGet(PERIOD);
    assertFalse(other.tryLease(20_000), "leased in the previous period");
    now.addAndGet(PERIOD);
    assertTrue(other.tryLease(20_000), "a lease lasts one to two periods");
  }

  @Test
  void oldLeaseFilesAreDeletedAsNewLeasesAreTaken() throws Exception {
    Path leases = dir.resolve("leases");
    PortLeases one = new PortLeases(leases, now::get);
    one.tryLease(20_000);
    one.tryLease(20_128);
    now.addAndGet(3 * PERIOD);
    PortLeases later = new PortLeases(leases, now::get);
    assertTrue(later.tryLease(20_256));
    try (Stream<Path> files = Files.list(leases)) {
      assertEquals(java.util.List.of("20256.103"), files.map(f -> f.getFileName().toString()).toList());
    }
  }

  @Test
  void withoutAUsableDirectoryEveryLeaseIsGranted() throws Exception {
    Path notADirectory = Files.writeString(dir.resolve("file"), "x");
    PortLeases leases = new PortLeases(notADirectory.resolve("leases"), now::get);
    assertTrue(leases.tryLease(20_000));
    assertTrue(leases.tryLease(20_000), "no shared state: the bind check alone decides");
  }
}
