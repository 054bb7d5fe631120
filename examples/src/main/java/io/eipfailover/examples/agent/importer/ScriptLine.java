package io.eipfailover.examples.agent.importer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One logical line of a shell script (backslash-continued lines joined) and where it starts.
 *
 * @param where the file and first physical line
 * @param text the joined text
 * @param lastLine the last physical line it spans
 */
record ScriptLine(Where where, String text, int lastLine) {
  /** The logical lines of {@code file}, blank and comment-only lines included (the caller skips them). */
  static List<ScriptLine> read(Path file) throws IOException {
    return split(file, Files.readAllLines(file, StandardCharsets.UTF_8), 1);
  }

  /** Logical lines of {@code lines}, numbered from {@code firstLine} in {@code file}. */
  static List<ScriptLine> split(Path file, List<String> lines, int firstLine) {
    List<ScriptLine> out = new ArrayList<>();
    StringBuilder joined = new StringBuilder();
    int start = -1;
    for (int k = 0; k < lines.size(); k++) {
      String l = lines.get(k);
      if (start < 0) {
        start = k;
      }
      if (l.endsWith("\\") && !l.strip().startsWith("#")) {
        joined.append(l, 0, l.length() - 1).append(' ');
        continue;
      }
      joined.append(l);
      out.add(new ScriptLine(new Where(file, firstLine + start), joined.toString(), firstLine + k));
      joined = new StringBuilder();
      start = -1;
    }
    if (start >= 0) {
      out.add(new ScriptLine(new Where(file, firstLine + start), joined.toString(), firstLine + lines.size() - 1));
    }
    return out;
  }

  /** Blank or only a comment. */
  boolean isComment() {
    String t = text.strip();
    return t.isEmpty() || t.startsWith("#");
  }
}
