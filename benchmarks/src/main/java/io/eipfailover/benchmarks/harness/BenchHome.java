package io.eipfailover.benchmarks.harness;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the harness's files are: the benchmarks module's {@code net/} (the link, relay and stall
 * scripts) and {@code settings/} (one file per compared daemon setting), and the agent jar the
 * examples module builds. The system property {@code eip.bench.home} names the module folder;
 * otherwise {@code ./benchmarks} (run from the repository root, as {@code run.sh} does) or {@code .}
 * (the module, as the tests run). Stateless.
 */
final class BenchHome {
  private BenchHome() {}

  static Path dir() {
    String prop = System.getProperty("eip.bench.home");
    if (prop != null && !prop.isBlank()) {
      return Path.of(prop).toAbsolutePath();
    }
    for (Path p : new Path[] {Path.of("benchmarks"), Path.of(".")}) {
      if (Files.isRegularFile(p.resolve("net").resolve("nsrelay.py"))) {
        return p.toAbsolutePath().normalize();
      }
    }
    throw new IllegalStateException("cannot find the benchmarks module (net/nsrelay.py) from "
        + Path.of("").toAbsolutePath() + "; run from the repository root or set -Deip.bench.home");
  }

  /** The absolute path of a script in {@code net/}. */
  static String script(String name) {
    return dir().resolve("net").resolve(name).toString();
  }

  /**
   * The agent jar users run: the system property {@code eip.bench.agentJar} (run.sh and the build's
   * tests set it), else {@code ../examples/target/eipfailover-agent.jar} from the module folder.
   */
  static Path agentJar() {
    String prop = System.getProperty("eip.bench.agentJar");
    Path jar = prop != null && !prop.isBlank() ? Path.of(prop)
        : dir().resolveSibling("examples").resolve("target").resolve("eipfailover-agent.jar");
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException("agent jar " + jar.toAbsolutePath() + " is missing: build it with ./mvnw -B"
          + " -pl examples -am package -DskipTests (run.sh does)");
    }
    return jar.toAbsolutePath();
  }
}
