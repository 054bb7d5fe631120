package io.eipfailover.consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** What this project compiles is exactly the root README's embedding snippet. */
class ReadmeSnippetTest {
  @Test
  void theCompiledSnippetIsTheReadmes() throws IOException {
    List<String> source = Files.readAllLines(Path.of("src/main/java/io/eipfailover/consumer/ReadmeSnippet.java"));
    String compiled = source.subList(source.indexOf("    // SNIPPET-START") + 1, source.indexOf("    // SNIPPET-END"))
        .stream().map(l -> l.substring(4)).collect(Collectors.joining("\n"));
    String readme = Files.readString(Path.of("../README.md"));
    int start = readme.indexOf("```java\n") + "```java\n".length();
    String shown = readme.substring(start, readme.indexOf("```", start)).stripTrailing();
    assertEquals(shown, compiled);
  }
}
