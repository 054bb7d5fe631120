package io.eipfailover.examples.agent.importer;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A place in an input file, for reports and errors: {@code file:line} (line 1-based).
 *
 * @param file the file as the user named it (or as found under the directory they named)
 * @param line the line, from 1
 */
record Where(Path file, int line) implements Comparable<Where> {
  Where {
    Objects.requireNonNull(file, "file");
    if (line < 1) {
      throw new IllegalArgumentException("line must be >= 1, was " + line);
    }
  }

  @Override
  public int compareTo(Where o) {
    int c = file.toString().compareTo(o.file.toString());
    return c != 0 ? c : Integer.compare(line, o.line);
  }

  @Override
  public String toString() {
    return file + ":" + line;
  }
}
