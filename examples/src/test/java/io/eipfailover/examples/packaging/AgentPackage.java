package io.eipfailover.examples.packaging;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The Debian package the build made: {@code target/eipfailover-agent_<version>_all.deb}. */
final class AgentPackage {
  static final String NAME = "eipfailover-agent";

  private AgentPackage() {}

  /** The one package in the build directory; fails when there is none or several. */
  static Path built() throws IOException {
    try (Stream<Path> s = Files.list(BuildDir.path())) {
      List<Path> debs = s.filter(p -> p.getFileName().toString().matches(NAME + "_.+_all\\.deb")).toList();
      if (debs.size() != 1) {
        throw new AssertionError("expected one " + NAME + "_<version>_all.deb in " + BuildDir.path() + ", found " + debs);
      }
      return debs.get(0);
    }
  }

  /** The deploy directory of the sources ({@code examples/deploy}). */
  static Path deploySources() {
    return BuildDir.path().getParent().resolve("deploy");
  }
}
