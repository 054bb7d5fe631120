package io.eipfailover.examples.agent.importer;

import java.nio.file.Path;

/**
 * An input the importer cannot read: a missing file, an unknown directive, a reference to an
 * undeclared node, two inputs that disagree. The message starts with the file (and line) so the
 * operator can go straight to it; the command exits 2.
 */
final class ImportException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  ImportException(Where where, String message) {
    super(where + ": " + message);
  }

  ImportException(Path file, String message) {
    super(file + ": " + message);
  }
}
