package io.eipfailover.examples.agent.importer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * keepalived.conf's syntax (see {@code man keepalived.conf}): keywords with arguments, blocks in
 * braces, comments from {@code #} or {@code !} to the end of the line, single- or double-quoted
 * strings as one argument. Parsed into a tree of {@link Item}s; {@code include} is refused (the
 * importer reads one file per node). Stateless.
 */
final class KeepalivedConf {
  /**
   * One statement.
   *
   * @param children the block's statements, empty for a plain statement
   * @param block whether it had braces
   */
  record Item(Where where, String keyword, List<String> args, List<Item> children, boolean block) {
    String text() {
      return keyword + (args.isEmpty() ? "" : " " + String.join(" ", args)) + (block ? " { ... }" : "");
    }

    String arg(int i) {
      if (i >= args.size()) {
        throw new ImportException(where, keyword + " needs " + (i + 1) + " argument(s), was '" + text() + "'");
      }
      return args.get(i);
    }
  }

  private record Token(String text, int line, boolean quoted) {
    boolean is(String s) {
      return !quoted && text.equals(s);
    }
  }

  private final Path file;
  private final List<Token> tokens = new ArrayList<>();
  private int pos;

  private KeepalivedConf(Path file) {
    this.file = file;
  }

  static List<Item> parse(Path file) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new ImportException(file, "cannot read (" + e.getMessage() + ")");
    }
    KeepalivedConf p = new KeepalivedConf(file);
    for (int i = 0; i < lines.size(); i++) {
      p.tokenize(lines.get(i), i + 1);
    }
    return p.block(null);
  }

  private void tokenize(String line, int number) {
    int i = 0;
    while (i < line.length()) {
      char c = line.charAt(i);
      if (Character.isWhitespace(c)) {
        i++;
      } else if (c == '#' || c == '!') {
        return;
      } else if (c == '{' || c == '}') {
        tokens.add(new Token(String.valueOf(c), number, false));
        i++;
      } else if (c == '"' || c == '\'') {
        StringBuilder sb = new StringBuilder();
        int j = i + 1;
        while (j < line.length() && line.charAt(j) != c) {
          if (line.charAt(j) == '\\' && j + 1 < line.length()) {
            j++;
          }
          sb.append(line.charAt(j++));
        }
        if (j >= line.length()) {
          throw new ImportException(new Where(file, number), "unterminated " + c + " string");
        }
        tokens.add(new Token(sb.toString(), number, true));
        i = j + 1;
      } else {
        int j = i;
        while (j < line.length() && !Character.isWhitespace(line.charAt(j)) && "{}#!".indexOf(line.charAt(j)) < 0) {
          j++;
        }
        tokens.add(new Token(line.substring(i, j), number, false));
        i = j;
      }
    }
  }

  /** Statements until the closing brace of {@code opener} (or the end of the file at top level). */
  private List<Item> block(Item opener) {
    List<Item> items = new ArrayList<>();
    while (pos < tokens.size()) {
      Token t = tokens.get(pos);
      if (t.is("}")) {
        if (opener == null) {
          throw new ImportException(new Where(file, t.line()), "'}' closes no block");
        }
        pos++;
        return items;
      }
      if (t.is("{")) {
        throw new ImportException(new Where(file, t.line()), "'{' opens a block without a keyword");
      }
      pos++;
      List<String> args = new ArrayList<>();
      while (pos < tokens.size() && tokens.get(pos).line() == t.line() && !tokens.get(pos).is("{")
          && !tokens.get(pos).is("}")) {
        args.add(tokens.get(pos++).text());
      }
      Where where = new Where(file, t.line());
      if (t.text().startsWith("include")) {
        throw new ImportException(where, t.text() + ": the importer reads one file per node and does not follow"
            + " includes; give it the file holding the vrrp_instance blocks, with included parts pasted in");
      }
      if (pos < tokens.size() && tokens.get(pos).is("{")) {
        pos++;
        Item open = new Item(where, t.text(), args, List.of(), true);
        items.add(new Item(where, t.text(), List.copyOf(args), block(open), true));
      } else {
        items.add(new Item(where, t.text(), List.copyOf(args), List.of(), false));
      }
    }
    if (opener != null) {
      throw new ImportException(opener.where(), opener.keyword() + " { is never closed");
    }
    return items;
  }
}
