package io.eipfailover.examples.agent.importer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Heartbeat's {@code authkeys}: {@code auth ID} (the signing key) and {@code ID METHOD [SECRET]}
 * lines, methods {@code crc}, {@code md5}, {@code sha1}. Checked for sense, then reported line by
 * line as not carried over (the agent signs with HMAC-SHA256 under keys of its own; a crc
 * "key" is no key at all). Secrets never appear in the report.
 */
final class Authkeys {
  private static final List<String> METHODS = List.of("crc", "md5", "sha1");

  private Authkeys() {}

  static void check(Path dir, ImportReport report) {
    Path file = dir.resolve("authkeys");
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new ImportException(file, "cannot read (" + e.getMessage() + ")");
    }
    Integer auth = null;
    Where authWhere = null;
    Map<Integer, String> methods = new HashMap<>();
    for (int i = 0; i < lines.size(); i++) {
      String body = lines.get(i).replaceAll("#.*$", "").strip();
      if (body.isEmpty()) {
        continue;
      }
      Where w = new Where(file, i + 1);
      String[] p = body.split("\\s+");
      if (p[0].equals("auth")) {
        if (p.length != 2 || !p[1].matches("\\d{1,2}")) {
          throw new ImportException(w, "auth must name one key id, as 'auth 1', was '" + body + "'");
        }
        auth = Integer.parseInt(p[1]);
        authWhere = w;
        report.unmapped(w, body, "not carried over: the first line of the new key file signs");
        continue;
      }
      if (!p[0].matches("\\d{1,2}") || p.length < 2 || !METHODS.contains(p[1])) {
        throw new ImportException(w, "must be 'auth ID' or 'ID crc|md5|sha1 [SECRET]', was '" + p[0]
            + (p.length > 1 ? " " + p[1] : "") + " ...'");
      }
      if (!p[1].equals("crc") && p.length < 3) {
        throw new ImportException(w, "key " + p[0] + " (" + p[1] + ") has no secret");
      }
      methods.put(Integer.parseInt(p[0]), p[1]);
      report.unmapped(w, p[0] + " " + p[1] + (p.length > 2 ? " <secret>" : ""), "not carried over: Heartbeat's "
          + p[1] + " digest is not the agent's HMAC-SHA256" + (p[1].equals("crc") ? " (and crc authenticates"
          + " nothing)" : "") + "; the new key file replaces it");
    }
    if (auth == null) {
      throw new ImportException(file, "has no 'auth ID' line (Heartbeat refuses to start without one)");
    }
    if (!methods.containsKey(auth)) {
      throw new ImportException(authWhere, "auth " + auth + " names no key line of this file (keys: "
          + methods.keySet() + ")");
    }
  }
}
