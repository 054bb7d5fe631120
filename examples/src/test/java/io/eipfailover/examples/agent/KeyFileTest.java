package io.eipfailover.examples.agent;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeyFileTest {
  @TempDir Path dir;

  private Path write(String text) throws IOException {
    Path f = dir.resolve("authkeys");
    Files.writeString(f, text);
    Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-------"));
    return f;
  }

  @Test
  void firstKeySignsLaterKeysAreAccepted() throws IOException {
    KeyFile.Keys keys = KeyFile.read("k", write("# rotation\n2 new-secret-0123456789\n\n1 old-secret-0123456789\n"));
    assertEquals(2, keys.primaryKeyId());
    assertEquals(List.of(2, 1), List.copyOf(keys.keys().keySet()));
    assertArrayEquals("old-secret-0123456789".getBytes(StandardCharsets.UTF_8), keys.keys().get(1));
    assertFalse(keys.toString().contains("secret"), keys.toString());
  }

  @Test
  void rejectsEachMalformedLine() throws IOException {
    assertMessage(write("x 0123456789abcdef\n"), "line 1", "'x'");
    assertMessage(write("256 0123456789abcdef\n"), "line 1", "'256'");
    assertMessage(write("# c\n1 short\n"), "line 2", "was 5 bytes");
    assertMessage(write("1\n"), "line 1", "was 0 bytes");
    assertMessage(write("1 0123456789abcdef\n1 0123456789abcdef\n"), "line 2", "duplicate key id 1");
    assertMessage(write("# nothing\n"), "holds no key");
    assertMessage(dir.resolve("absent"), "cannot read");
  }

  private static void assertMessage(Path f, String... fragments) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> KeyFile.read("membership.key-file", f));
    assertTrue(e.getMessage().startsWith("membership.key-file:"), e.getMessage());
    for (String s : fragments) {
      assertTrue(e.getMessage().contains(s), () -> "[" + s + "] not in " + e.getMessage());
    }
  }
}
