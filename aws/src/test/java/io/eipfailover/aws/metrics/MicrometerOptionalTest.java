package io.eipfailover.aws.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.eipfailover.core.testing.WithoutMicrometer;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Micrometer is optional: only the interceptor refers to it (the consumer project runs without it). */
class MicrometerOptionalTest {
  @Test
  void onlyTheMetricsPackageRefersToMicrometer() {
    assertEquals(List.of("io.eipfailover.aws.metrics.Ec2Metrics", "io.eipfailover.aws.metrics.Ec2Metrics$Started"),
        WithoutMicrometer.classesReferringToMicrometer(Path.of("target/classes")));
  }
}
