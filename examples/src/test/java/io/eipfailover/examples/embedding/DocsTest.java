package io.eipfailover.examples.embedding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.eipfailover.examples.agent.AgentConfigException;
import io.eipfailover.examples.agent.AgentConfigParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The documentation stays true to the code it shows. */
class DocsTest {
  @Test
  void readmeEmbeddingSnippetIsTheCompiledExample() throws IOException {
    String source = Files.readString(Path.of("src/main/java/io/eipfailover/examples/embedding/EmbeddingExample.java"));
    String between = source.substring(source.indexOf("// SNIPPET-START\n") + "// SNIPPET-START\n".length(),
        source.indexOf("    // SNIPPET-END"));
    List<String> compiled = between.lines().map(l -> l.startsWith("    ") ? l.substring(4) : l).toList();
    String sections = Files.readString(Path.of("../README.md"));
    int start = sections.indexOf("```java\n") + "```java\n".length();
    List<String> shown = sections.substring(start, sections.indexOf("```", start)).lines().toList();
    assertEquals(compiled, shown, "the root README.md must show EmbeddingExample's SNIPPET lines verbatim");
    assertTrue(compiled.size() >= 10 && compiled.size() <= 20, "about 15 lines, was " + compiled.size());
  }

  /** Every key in the configuration reference is one the parser knows (not reported as unknown). */
  @Test
  void configurationReferenceListsOnlyKeysTheParserKnows(@TempDir Path dir) throws IOException {
    String readme = Files.readString(Path.of("README.md"));
    String table = readme.substring(readme.indexOf("## Configuration reference"));
    Matcher m = Pattern.compile("(?m)^\\| `([a-z][a-z0-9.<>-]*)`(?: / `([a-z][a-z0-9.<>-]*)`)? \\|").matcher(table);
    List<String> keys = new ArrayList<>();
    while (m.find()) {
      keys.add(m.group(1));
      if (m.group(2) != null) {
        keys.add(m.group(2));
      }
    }
    assertTrue(keys.size() > 40, "found " + keys);
    for (String key : keys) {
      String concrete = key.replace("<id>", "lb-a").replace("<allocation-id>", "eipalloc-0a");
      try {
        AgentConfigParser.parse(concrete + " = x\n", dir);
      } catch (AgentConfigException e) {
        assertFalse(e.problems().stream().anyMatch(p -> p.startsWith(concrete + ": unknown key")),
            key + " is documented but unknown to the parser: " + e.problems());
      }
    }
  }
}
