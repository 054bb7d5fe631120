package io.eipfailover.examples.agent;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.Map;

/** A valid two-node configuration to mutate in tests, and a key file with mode 600. */
final class ConfigFixtures {
  private ConfigFixtures() {}

  static Map<String, String> validPair() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("cluster.name", "web-lb");
    m.put("node.id", "lb-a");
    m.put("topology.nodes", "lb-a,lb-b");
    m.put("topology.node.lb-a.eni", "eni-0a");
    m.put("topology.node.lb-a.home-ips", "10.0.1.10");
    m.put("topology.node.lb-a.reserved-ips", "10.0.1.11");
    m.put("topology.node.lb-b.eni", "eni-0b");
    m.put("topology.node.lb-b.home-ips", "10.0.2.10");
    m.put("topology.node.lb-b.reserved-ips", "10.0.2.11");
    m.put("topology.eip.eipalloc-0a.public-ip", "203.0.113.10");
    m.put("topology.eip.eipalloc-0a.home", "lb-a");
    m.put("topology.eip.eipalloc-0b.public-ip", "203.0.113.20");
    m.put("topology.eip.eipalloc-0b.home", "lb-b");
    m.put("membership.key-file", "authkeys");
    m.put("guard", "reachability");
    m.put("guard.reachability.targets", "10.0.0.1:443");
    m.put("health.check", "http");
    m.put("health.http.uri", "http://127.0.0.1:8080/haproxy-health");
    return m;
  }

  static String text(Map<String, String> m) {
    StringBuilder sb = new StringBuilder("# test config\n");
    m.forEach((k, v) -> sb.append(k).append(" = ").append(v).append('\n'));
    return sb.toString();
  }

  /** Writes {@code dir/authkeys} with one good key and mode 600. */
  static Path keyFile(Path dir) throws IOException {
    Path f = dir.resolve("authkeys");
    Files.writeString(f, "# id secret\n1 0123456789abcdef0123456789abcdef\n");
    Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-------"));
    return f;
  }
}
