package io.eipfailover.examples.agent.importer;

import io.eipfailover.examples.agent.AgentConfigException;
import io.eipfailover.examples.agent.AgentConfigParser;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

/**
 * {@code eipfailover-agent import heartbeat|keepalived [options] [NODE=]PATH...}: writes {@code
 * agent.properties} and, unless one exists, {@code keys/cluster.key} into {@code --out}, prints
 * what was mapped and what not, and checks the file with the agent's own parser. Exit codes: 0
 * written and accepted by the agent; 1 written, but keys are left to fill in or the agent rejects
 * it (each problem listed); 2 bad command line or unreadable input (file and line named), nothing
 * written.
 */
public final class ImportCommand {
  static final String KEY_FILE = "keys/cluster.key";

  private ImportCommand() {}

  /**
   * Runs the command.
   *
   * @param args the arguments after {@code import}
   * @param hostname this host's name ({@code uname -n}), for an input without {@code NODE=}
   * @param random the key's source ({@link java.security.SecureRandom} outside tests)
   * @return the exit code
   */
  public static int run(String[] args, PrintStream out, PrintStream err, String hostname, Random random) {
    if (args.length == 1 && args[0].equals("--help")) {
      usage(out, null);
      return 0;
    }
    if (args.length == 0 || !List.of("heartbeat", "keepalived").contains(args[0])) {
      return usage(err, args.length == 0 ? "import needs heartbeat or keepalived" : "unknown import source '"
          + args[0] + "' (heartbeat or keepalived)");
    }
    String kind = args[0];
    Path outDir = Path.of(".");
    String cluster = "eip-cluster";
    Optional<String> node = Optional.empty();
    int pingPort = 53;
    int servicePort = 80;
    Map<String, String> eips = new LinkedHashMap<>();
    List<ImportOptions.Input> inputs = new ArrayList<>();
    for (int i = 1; i < args.length; i++) {
      String a = args[i];
      if (a.startsWith("--") && !a.equals("--help") && i + 1 >= args.length) {
        return usage(err, a + " needs a value");
      }
      switch (a) {
        case "--out" -> outDir = Path.of(args[++i]);
        case "--cluster" -> cluster = args[++i];
        case "--node" -> node = Optional.of(args[++i]);
        case "--ping-port", "--service-port" -> {
          String v = args[++i];
          if (!v.matches("\\d{1,5}") || Integer.parseInt(v) < 1 || Integer.parseInt(v) > 65535) {
            return usage(err, a + " must be a port from 1 to 65535, was '" + v + "'");
          }
          if (a.equals("--ping-port")) {
            pingPort = Integer.parseInt(v);
          } else {
            servicePort = Integer.parseInt(v);
          }
        }
        case "--eip" -> {
          String v = args[++i];
          String[] p = v.split("=", 2);
          if (p.length != 2 || !p[0].startsWith("eipalloc-") || !Ipv4s.isPublic(p[1])) {
            return usage(err, "--eip must be ALLOCATION-ID=PUBLIC-IP such as eipalloc-0abc=203.0.113.10, was '"
                + v + "'");
          }
          eips.put(p[0], p[1]);
        }
        case "--help" -> {
          usage(out, null);
          return 0;
        }
        default -> {
          if (a.startsWith("--")) {
            return usage(err, "unknown option '" + a + "'");
          }
          inputs.add(ImportOptions.Input.parse(a));
        }
      }
    }
    if (inputs.isEmpty()) {
      return usage(err, "import " + kind + " needs " + (kind.equals("heartbeat") ? "a directory (/etc/ha.d)"
          : "a file (keepalived.conf)") + ", one per node as NODE=PATH");
    }
    ImportOptions options = new ImportOptions(inputs, cluster, node, pingPort, servicePort, eips, hostname);
    Path file = outDir.resolve("agent.properties");
    if (Files.exists(file)) {
      err.println("eipfailover-agent import: " + file + " exists; move it away or choose another --out");
      return 2;
    }
    ImportResult result;
    try {
      result = kind.equals("heartbeat") ? HeartbeatImporter.run(options) : KeepalivedImporter.run(options);
    } catch (ImportException e) {
      err.println("eipfailover-agent import " + kind + ": " + e.getMessage());
      return 2;
    }
    return write(result, outDir, file, out, err, random);
  }

  private static int write(ImportResult result, Path outDir, Path file, PrintStream out, PrintStream err,
      Random random) {
    boolean newKey;
    try {
      Files.createDirectories(outDir);
      newKey = NewKeyFile.create(outDir.resolve(KEY_FILE), random);
      result.draft().put("membership.key-file", KEY_FILE, (newKey ? "a new key" : "the existing key") + ", relative"
          + " to this file; the same file on every node (Heartbeat's authkeys and VRRP passwords are not carried"
          + " over: their digests are not the agent's HMAC-SHA256)");
      List<String> header = new ArrayList<>(result.header());
      header.add("Review it, then run on each node: eipfailover-agent --config <this file> --preflight");
      header.add("Every key: examples/README.md, \"Configuration reference\"; migration: docs/migrating.md");
      Files.writeString(file, result.draft().render(header), StandardCharsets.UTF_8);
    } catch (IOException e) {
      err.println("eipfailover-agent import: cannot write into " + outDir + ": " + e.getMessage());
      return 2;
    }
    out.print(result.report().render());
    out.println("wrote " + file + (newKey ? " and a new key " : ", keeping the key ") + outDir.resolve(KEY_FILE));
    if (newKey) {
      out.println("  key: the agent signs heartbeats with HMAC-SHA256 under this random 32-byte key; copy the same"
          + " file to every node (mode 600, owner eipfailover). To make one yourself: printf '1 %s\\n'"
          + " \"$(openssl rand -hex 32)\" > cluster.key && chmod 600 cluster.key");
    }
    List<Draft.Todo> todos = result.draft().todos();
    if (!todos.isEmpty()) {
      out.println("incomplete: fill in " + todos.size() + " key(s) marked TO FILL IN in " + file + ":");
      todos.forEach(t -> out.println("  " + t.key() + ": " + t.hint()));
      return 1;
    }
    try {
      AgentConfigParser.parse(file);
    } catch (AgentConfigException e) {
      out.println("the agent rejects the written file; fix these in " + file + ":");
      e.problems().forEach(p -> out.println("  " + p));
      return 1;
    }
    out.println("the agent accepts it; next, on each node: eipfailover-agent --config " + file + " --preflight");
    return 0;
  }

  /** This host's name as {@code uname -n} prints it (what Heartbeat's node lines match), or "". */
  public static String localHostname() {
    try {
      return Files.readString(Path.of("/proc/sys/kernel/hostname"), StandardCharsets.UTF_8).strip();
    } catch (IOException | RuntimeException e) {
      return Optional.ofNullable(System.getenv("HOSTNAME")).orElse("");
    }
  }

  private static int usage(PrintStream s, String problem) {
    if (problem != null) {
      s.println("eipfailover-agent import: " + problem);
    }
    s.println("usage: eipfailover-agent import heartbeat [options] [NODE=]DIR...   (each node's /etc/ha.d)");
    s.println("       eipfailover-agent import keepalived [options] [NODE=]FILE...  (each node's keepalived.conf)");
    s.println("  --out DIR          write DIR/agent.properties and DIR/" + KEY_FILE + " (default: .)");
    s.println("  --cluster NAME     cluster.name (default: eip-cluster)");
    s.println("  --node NAME        node.id of the file (default: the only input's node, else discover)");
    s.println("  --eip ALLOC=IP     the public IP of an EIP the scripts do not name (repeatable)");
    s.println("  --ping-port N      TCP port probed on Heartbeat ping nodes / pinged gateways (default: 53)");
    s.println("  --service-port N   HAProxy's port on the home IPs, for the peer-probe guard (default: 80)");
    s.println("An input without NODE= is this host's (uname -n).");
    return problem == null ? 0 : 2;
  }
}
