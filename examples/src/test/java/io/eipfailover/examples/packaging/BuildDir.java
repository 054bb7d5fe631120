package io.eipfailover.examples.packaging;

import java.net.URISyntaxException;
import java.nio.file.Path;

/** The module's build directory (the parent of test-classes), honouring {@code -Deip.buildDir}. */
final class BuildDir {
  private BuildDir() {}

  static Path path() {
    try {
      return Path.of(BuildDir.class.getProtectionDomain().getCodeSource().getLocation().toURI()).getParent();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
