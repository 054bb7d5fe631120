package io.eipfailover.examples.packaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;

/**
 * The agent's shaded jar holds main code and runtime dependencies only (issue 12 item 5): no test
 * class of ours, no EC2 fake, no WireMock, no demo. Runs after {@code package} (failsafe).
 */
class AgentJarIT {
  /** Prefixes of things that are test code or test-only dependencies. */
  private static final List<String> FORBIDDEN = List.of(
      "io/eipfailover/aws/testing/", "io/eipfailover/core/testing/", "io/eipfailover/examples/demo/",
      "io/eipfailover/examples/custom/", "io/eipfailover/examples/e2e/", "com/github/tomakehurst/", "wiremock/",
      "org/wiremock/", "org/junit/", "net/jqwik/", "logback-test.xml");

  static Path agentJar() {
    return BuildDir.path().resolve("eipfailover-agent.jar");
  }

  @Test
  void holdsNoTestClassNoFakeAndNoWireMock() throws IOException {
    Path jar = agentJar();
    assertTrue(Files.isRegularFile(jar), "built by `package`: " + jar);
    List<String> bad = new ArrayList<>();
    int ours = 0;
    try (JarFile j = new JarFile(jar.toFile())) {
      for (String name : j.stream().map(e -> e.getName()).toList()) {
        if (FORBIDDEN.stream().anyMatch(name::startsWith)) {
          bad.add(name);
          continue;
        }
        if (name.startsWith("io/eipfailover/") && name.endsWith(".class")) {
          ours++;
          // The same class on this test's class path must come from a main output, not a test one.
          URL origin = getClass().getClassLoader().getResource(name);
          if (origin == null || isTestOutput(origin.toString())) {
            bad.add(name + " (from " + origin + ")");
          }
        }
      }
      Manifest m = j.getManifest();
      assertEquals("io.eipfailover.examples.agent.AgentMain", m.getMainAttributes().getValue("Main-Class"));
    }
    assertEquals(List.of(), bad, "test code in " + jar);
    assertTrue(ours > 100, "the jar holds our main classes, found " + ours);
  }

  /** Whether a class-path location is test output: a test-classes directory or a {@code -tests.jar}. */
  static boolean isTestOutput(String url) {
    return url.contains("/test-classes/") || url.matches(".*-tests\\.jar!/.*");
  }

  @Test
  void recognisesTestOutputLocations() {
    assertTrue(isTestOutput("file:/w/examples/target/test-classes/io/eipfailover/X.class"));
    assertTrue(isTestOutput("jar:file:/m2/eipfailover-aws-0.1.0-SNAPSHOT-tests.jar!/io/eipfailover/aws/testing/Ec2Fake.class"));
    assertTrue(!isTestOutput("jar:file:/m2/eipfailover-aws-0.1.0-SNAPSHOT.jar!/io/eipfailover/aws/Ec2Clients.class"));
    assertTrue(!isTestOutput("file:/w/examples/target/classes/io/eipfailover/examples/agent/AgentMain.class"));
  }
}
