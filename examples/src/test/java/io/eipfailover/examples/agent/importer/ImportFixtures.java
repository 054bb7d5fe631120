package io.eipfailover.examples.agent.importer;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;

/** The test inputs under {@code src/test/resources/import/}, copies to break, and a command runner. */
final class ImportFixtures {
  private ImportFixtures() {}

  /** The test resource directory {@code import/<name>}. */
  static Path resource(String name) {
    try {
      return Path.of(ImportFixtures.class.getResource("/import/" + name).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Copies {@code import/<name>} (a directory tree) to {@code to} and returns {@code to}. */
  static Path copy(String name, Path to) throws IOException {
    Path from = resource(name);
    try (Stream<Path> files = Files.walk(from)) {
      for (Path f : files.toList()) {
        Path target = to.resolve(from.relativize(f).toString());
        if (Files.isDirectory(f)) {
          Files.createDirectories(target);
        } else {
          Files.copy(f, target);
        }
      }
    }
    return to;
  }

  /** Replaces {@code from} by {@code to} in {@code file}, failing if it is not there. */
  static void edit(Path file, String from, String to) throws IOException {
    String text = Files.readString(file);
    assertTrue(text.contains(from), file + " has no '" + from + "'");
    Files.writeString(file, text.replace(from, to));
  }

  /** A run of {@code eipfailover-agent import ...} with what it printed. */
  record Run(int exit, String out, String err) {}

  static Run run(String hostname, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = ImportCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8), hostname, new Random(7));
    return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  /**
   * The lines of {@code file} that carry something (not blank, not only a comment, not only a
   * brace) and that no line of {@code report} covers: the importer must account for every one.
   */
  static List<String> unaccounted(ImportReport report, Path file, String commentChars) {
    Set<Integer> covered = new HashSet<>();
    List<ImportReport.Line> all = new ArrayList<>(report.mapped());
    all.addAll(report.unmapped());
    for (ImportReport.Line l : all) {
      if (!l.where().file().toAbsolutePath().normalize().equals(file.toAbsolutePath().normalize())) {
        continue;
      }
      if (l.text().startsWith("lines ")) {
        for (String range : l.text().substring(6).split(", ")) {
          String[] p = range.split("-");
          for (int n = Integer.parseInt(p[0]); n <= Integer.parseInt(p[p.length - 1]); n++) {
            covered.add(n);
          }
        }
      } else {
        covered.add(l.where().line());
      }
    }
    List<String> missing = new ArrayList<>();
    try {
      List<String> lines = Files.readAllLines(file);
      boolean continued = false;
      for (int i = 0; i < lines.size(); i++) {
        String t = lines.get(i).strip();
        boolean continuation = continued;
        continued = t.endsWith("\\");
        if (continuation || t.isEmpty() || commentChars.indexOf(t.charAt(0)) >= 0 || t.equals("}")
            || t.endsWith("{") && !t.startsWith("vrrp_")) {
          continue;
        }
        if (!covered.contains(i + 1)) {
          missing.add(file.getFileName() + ":" + (i + 1) + " " + t);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return missing;
  }
}
