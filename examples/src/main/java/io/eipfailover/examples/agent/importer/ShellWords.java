package io.eipfailover.examples.agent.importer;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Splits one logical shell line into commands and words, the way {@code sh} would for the simple
 * scripts Heartbeat and keepalived run: quotes, backslashes, {@code #} comments, {@code $NAME},
 * {@code ${NAME}}, {@code ${NAME:-default}} and {@code $1..$9} expanded through {@link Vars};
 * {@code ;}, {@code &&}, {@code ||}, {@code |}, {@code &}, parentheses and redirections end a
 * command. Command substitutions ({@code $(...)}, backquotes) and unknown variables are never
 * guessed: the word keeps them verbatim and lists them as unresolved. Stateless.
 */
final class ShellWords {
  private static final String OPERATORS = ";&|()<>";

  /** Variable values, by name ({@code "1"} for the first argument). */
  @FunctionalInterface
  interface Vars {
    Optional<String> value(String name);
  }

  /**
   * One word after expansion.
   *
   * @param raw the word as written
   * @param text the expanded word; unresolved parts appear as written
   * @param unresolved what could not be expanded ({@code $ENI}, {@code $(curl ...)})
   */
  record Word(String raw, String text, List<String> unresolved) {
    Word {
      unresolved = List.copyOf(unresolved);
    }

    boolean resolved() {
      return unresolved.isEmpty();
    }
  }

  private final String line;
  private final Vars vars;
  private final List<List<Word>> commands = new ArrayList<>();
  private List<Word> command = new ArrayList<>();
  private StringBuilder text = new StringBuilder();
  private List<String> unresolved = new ArrayList<>();
  private int wordStart = -1;
  private int i;

  private ShellWords(String line, Vars vars) {
    this.line = line;
    this.vars = vars;
  }

  /** The commands of {@code line}, each a non-empty list of words. */
  static List<List<Word>> commands(String line, Vars vars) {
    ShellWords w = new ShellWords(line, vars);
    w.run();
    return w.commands;
  }

  private void run() {
    int n = line.length();
    while (i < n) {
      char c = line.charAt(i);
      if (Character.isWhitespace(c)) {
        endWord();
        i++;
      } else if (c == '#' && wordStart < 0) {
        break;
      } else if (OPERATORS.indexOf(c) >= 0) {
        endWord();
        endCommand();
        i++;
      } else {
        if (wordStart < 0) {
          wordStart = i;
        }
        wordChar(c);
      }
    }
    endWord();
    endCommand();
  }

  private void wordChar(char c) {
    int n = line.length();
    if (c == '\'') {
      int j = line.indexOf('\'', i + 1);
      j = j < 0 ? n : j;
      text.append(line, i + 1, j);
      i = Math.min(n, j + 1);
    } else if (c == '"') {
      i++;
      while (i < n && line.charAt(i) != '"') {
        char d = line.charAt(i);
        if (d == '\\' && i + 1 < n && "\"\\$`".indexOf(line.charAt(i + 1)) >= 0) {
          text.append(line.charAt(i + 1));
          i += 2;
        } else if (d == '$' || d == '`') {
          expansion();
        } else {
          text.append(d);
          i++;
        }
      }
      i = Math.min(n, i + 1);
    } else if (c == '\\') {
      if (i + 1 < n) {
        text.append(line.charAt(i + 1));
      }
      i += 2;
    } else if (c == '$' || c == '`') {
      expansion();
    } else {
      text.append(c);
      i++;
    }
  }

  /** At a {@code $} or backquote: expands what can be expanded, keeps the rest verbatim. */
  private void expansion() {
    int n = line.length();
    char c = line.charAt(i);
    if (c == '`') {
      int j = line.indexOf('`', i + 1);
      j = j < 0 ? n - 1 : j;
      keep(line.substring(i, j + 1));
      i = j + 1;
      return;
    }
    if (i + 1 >= n) {
      text.append('$');
      i++;
      return;
    }
    char d = line.charAt(i + 1);
    if (d == '(') {
      int j = closing(i + 1);
      keep(line.substring(i, j));
      i = j;
    } else if (d == '{') {
      int j = line.indexOf('}', i + 2);
      j = j < 0 ? n : j;
      String inner = line.substring(i + 2, j);
      i = Math.min(n, j + 1);
      int dash = inner.indexOf(":-");
      String name = dash >= 0 ? inner.substring(0, dash) : inner;
      Optional<String> v = name.matches("[A-Za-z_][A-Za-z0-9_]*|[0-9]") ? vars.value(name) : Optional.empty();
      if (v.isPresent()) {
        text.append(v.get());
      } else if (dash >= 0 && name.matches("[A-Za-z_][A-Za-z0-9_]*|[0-9]")) {
        text.append(inner.substring(dash + 2));
      } else {
        keep("${" + inner + "}");
      }
    } else if (Character.isDigit(d)) {
      i += 2;
      lookup(String.valueOf(d), "$" + d);
    } else if (Character.isLetter(d) || d == '_') {
      int j = i + 1;
      while (j < n && (Character.isLetterOrDigit(line.charAt(j)) || line.charAt(j) == '_')) {
        j++;
      }
      String name = line.substring(i + 1, j);
      i = j;
      lookup(name, "$" + name);
    } else if ("@*#?$!-".indexOf(d) >= 0) {
      keep(line.substring(i, i + 2));
      i += 2;
    } else {
      text.append('$');
      i++;
    }
  }

  private void lookup(String name, String written) {
    Optional<String> v = vars.value(name);
    if (v.isPresent()) {
      text.append(v.get());
    } else {
      keep(written);
    }
  }

  private void keep(String written) {
    text.append(written);
    unresolved.add(written);
  }

  /** The index just after the parenthesis closing the one at {@code open}. */
  private int closing(int open) {
    int depth = 0;
    for (int j = open; j < line.length(); j++) {
      char c = line.charAt(j);
      if (c == '(') {
        depth++;
      } else if (c == ')' && --depth == 0) {
        return j + 1;
      }
    }
    return line.length();
  }

  private void endWord() {
    if (wordStart >= 0) {
      command.add(new Word(line.substring(wordStart, Math.min(i, line.length())), text.toString(), unresolved));
      text = new StringBuilder();
      unresolved = new ArrayList<>();
      wordStart = -1;
    }
  }

  private void endCommand() {
    if (!command.isEmpty()) {
      commands.add(command);
      command = new ArrayList<>();
    }
  }
}
