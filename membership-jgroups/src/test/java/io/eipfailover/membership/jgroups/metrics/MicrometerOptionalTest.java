package io.eipfailover.membership.jgroups.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.eipfailover.core.testing.WithoutMicrometer;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Micrometer is optional: only the binder refers to it (the UDP module's test also runs a pair without it). */
class MicrometerOptionalTest {
  @Test
  void onlyTheMetricsPackageRefersToMicrometer() {
    assertEquals(List.of("io.eipfailover.membership.jgroups.metrics.JGroupsMembershipMetrics"),
        WithoutMicrometer.classesReferringToMicrometer(Path.of("target/classes")));
  }
}
