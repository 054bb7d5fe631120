package io.eipfailover.examples.agent.importer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HexFormat;
import java.util.Random;

/**
 * Writes a fresh agent key file: one key, id 1, 32 random bytes as 64 hex characters, in a
 * directory of mode 700 and a file of mode 600 (the agent refuses anything looser). An existing
 * file is never overwritten: running the importer again, or on the next node with the same
 * {@code --out}, keeps the key every node must share. Stateless.
 */
final class NewKeyFile {
  private NewKeyFile() {}

  /**
   * Creates {@code file} unless it exists.
   *
   * @param random the source of the secret ({@link java.security.SecureRandom} outside tests)
   * @return true if a new key was written, false if {@code file} existed and was kept
   */
  static boolean create(Path file, Random random) throws IOException {
    if (Files.exists(file)) {
      return false;
    }
    Path dir = file.toAbsolutePath().getParent();
    if (!Files.isDirectory(dir)) {
      Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    }
    byte[] secret = new byte[32];
    random.nextBytes(secret);
    String text = "# eip-failover cluster key: the same file on every node, mode 600.\n"
        + "# Format: KEY-ID SECRET per line; the first line signs, later lines are still accepted (rotation).\n"
        + "1 " + HexFormat.of().formatHex(secret) + "\n";
    Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    Files.writeString(file, text, StandardCharsets.UTF_8);
    return true;
  }
}
