package io.eipfailover.examples.agent;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The HMAC key file, the agent's equivalent of Heartbeat's {@code authkeys}. Format, one key per
 * line, {@code #} starts a comment:
 *
 * <pre>
 * # key-id secret
 * 2 6f1f0c0ee2b54a7d9c3e55c0a5d1f7aa
 * 1 previous-secret-still-accepted-during-rotation
 * </pre>
 *
 * The first key signs outgoing heartbeats; later keys are only accepted (key rotation). Key ids are
 * 0-255, secrets at least 16 characters (their UTF-8 bytes are the key). Like Heartbeat, the file is
 * refused when group or others have any permission on it: a readable key lets anyone on the host
 * forge heartbeats. On a file system without POSIX permissions the check cannot be made and the
 * file is refused too, so a key is never used unchecked.
 */
final class KeyFile {
  static final int MIN_SECRET_BYTES = 16;
  private static final Set<PosixFilePermission> GROUP_OR_OTHERS = EnumSet.of(
      PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE,
      PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

  private KeyFile() {}

  /**
   * The keys of a key file: the signing key's id, and every key by id (signing key included, in
   * file order). {@link #toString()} shows ids only.
   */
  record Keys(int primaryKeyId, Map<Integer, byte[]> keys) {
    Keys {
      keys = Collections.unmodifiableMap(new LinkedHashMap<>(keys));
    }

    @Override
    public String toString() {
      return "Keys{primary=" + primaryKeyId + ", ids=" + keys.keySet() + "}";
    }
  }

  /**
   * Reads and checks {@code file}.
   *
   * @throws IllegalArgumentException with a message naming {@code key} (the config key), the file
   *     and what is wrong with it
   */
  static Keys read(String key, Path file) {
    Set<PosixFilePermission> perms;
    List<String> lines;
    try {
      perms = Files.getPosixFilePermissions(file);
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (UnsupportedOperationException e) {
      throw new IllegalArgumentException(key + ": cannot check the permissions of '" + file
          + "' (no POSIX file system); keep the key file on a POSIX file system with mode 600", e);
    } catch (IOException e) {
      throw new IllegalArgumentException(key + ": cannot read '" + file + "': " + e, e);
    }
    Set<PosixFilePermission> loose = EnumSet.noneOf(PosixFilePermission.class);
    loose.addAll(perms);
    loose.retainAll(GROUP_OR_OTHERS);
    if (!loose.isEmpty()) {
      throw new IllegalArgumentException(key + ": '" + file + "' must not be accessible by group or others, was mode "
          + PosixFilePermissions.toString(perms) + "; run: chmod 600 " + file);
    }
    Map<Integer, byte[]> keys = new LinkedHashMap<>();
    Integer primary = null;
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      String where = key + ": '" + file + "' line " + (i + 1);
      String[] parts = line.split("\\s+", 2);
      int id;
      try {
        id = Integer.parseInt(parts[0]);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(where + ": key id must be an integer from 0 to 255, was '" + parts[0] + "'", e);
      }
      if (id < 0 || id > 255) {
        throw new IllegalArgumentException(where + ": key id must be an integer from 0 to 255, was '" + parts[0] + "'");
      }
      byte[] secret = parts.length < 2 ? new byte[0] : parts[1].strip().getBytes(StandardCharsets.UTF_8);
      if (secret.length < MIN_SECRET_BYTES) {
        throw new IllegalArgumentException(where + ": secret of key " + id + " must be at least " + MIN_SECRET_BYTES
            + " bytes, was " + secret.length + " bytes");
      }
      if (keys.putIfAbsent(id, secret) != null) {
        throw new IllegalArgumentException(where + ": duplicate key id " + id);
      }
      if (primary == null) {
        primary = id;
      }
    }
    if (primary == null) {
      throw new IllegalArgumentException(key + ": '" + file + "' holds no key; add a line such as '1 <secret of 16+ characters>'");
    }
    return new Keys(primary, keys);
  }
}
