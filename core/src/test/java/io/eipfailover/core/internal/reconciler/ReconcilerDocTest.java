package io.eipfailover.core.internal.reconciler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * {@code docs/reconciler.md} documents every input and effect of the step, and nothing else: the
 * first column of its "Inputs" and "Effects" tables names exactly the permitted subclasses of
 * {@link Input} and {@link Effect}.
 */
class ReconcilerDocTest {
  private static final Pattern ROW = Pattern.compile("^\\| `(\\w+)` \\|");

  private static List<String> doc() throws IOException {
    Path doc = Path.of("..", "docs", "reconciler.md");
    assertTrue(Files.exists(doc), "docs/reconciler.md not found from " + Path.of("").toAbsolutePath());
    return Files.readAllLines(doc);
  }

  /** The names in the first column of the table under the heading {@code ## <section>}. */
  static Set<String> tableNames(List<String> lines, String section) {
    Set<String> names = new TreeSet<>();
    boolean in = false;
    for (String line : lines) {
      if (line.startsWith("## ")) {
        in = line.equals("## " + section);
        continue;
      }
      Matcher m = ROW.matcher(line);
      if (in && m.find()) {
        names.add(m.group(1));
      }
    }
    return names;
  }

  private static Set<String> permitted(Class<?> sealed) {
    return Arrays.stream(sealed.getPermittedSubclasses()).map(Class::getSimpleName)
        .collect(Collectors.toCollection(TreeSet::new));
  }

  @Test
  void theInputTableNamesEveryInputAndNothingElse() throws IOException {
    assertEquals(permitted(Input.class), tableNames(doc(), "Inputs"));
  }

  @Test
  void theEffectTableNamesEveryEffectAndNothingElse() throws IOException {
    assertEquals(permitted(Effect.class), tableNames(doc(), "Effects"));
  }

  @Test
  void theTableReaderSeesOnlyItsOwnSection() {
    List<String> lines = List.of("## Inputs", "| input | x |", "|---|---|", "| `Started` | y |", "## Effects",
        "| `Describe` | z |", "text | `NotARow` |");
    assertEquals(Set.of("Started"), tableNames(lines, "Inputs"));
    assertEquals(Set.of("Describe"), tableNames(lines, "Effects"));
  }
}
