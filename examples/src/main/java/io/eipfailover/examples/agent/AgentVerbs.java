package io.eipfailover.examples.agent;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

/**
 * The agent's offline verbs: they read the configuration and touch no network, AWS or IMDS.
 *
 * <ul>
 *   <li>{@code ports --config FILE [--json]}: the ports a security group must open ({@link PortTable});
 *   <li>{@code check-config --config FILE}: parse and validate, exit 0 or 2 with every problem.
 * </ul>
 *
 * Stateless.
 */
final class AgentVerbs {
  static final List<String> VERBS = List.of("ports", "check-config");

  private AgentVerbs() {}

  /** Runs {@code args[0]} (one of {@link #VERBS}); returns the exit code. */
  static int run(String[] args, PrintStream out, PrintStream err) {
    String verb = args[0];
    Path config = null;
    boolean json = false;
    for (int i = 1; i < args.length; i++) {
      if (args[i].equals("--config") && i + 1 < args.length) {
        config = Path.of(args[++i]);
      } else if (args[i].equals("--json") && verb.equals("ports")) {
        json = true;
      } else {
        err.println("eipfailover-agent " + verb + ": unknown or incomplete argument '" + args[i] + "'");
        return usage(err, verb);
      }
    }
    if (config == null) {
      err.println("eipfailover-agent " + verb + ": --config FILE is required");
      return usage(err, verb);
    }
    AgentConfig cfg;
    try {
      cfg = AgentConfigParser.parse(config);
      if (verb.equals("check-config")) {
        out.println(config + ": valid");
        return 0;
      }
      List<PortTable.Rule> rules = PortTable.of(cfg);
      out.print(json ? PortTable.json(rules) + "\n" : PortTable.table(rules));
      return 0;
    } catch (AgentConfigException e) {
      err.println(config + ": " + e.getMessage());
      return 2;
    }
  }

  private static int usage(PrintStream s, String verb) {
    s.println("usage: eipfailover-agent " + verb + " --config FILE" + (verb.equals("ports") ? " [--json]" : ""));
    return 2;
  }
}
