package io.eipfailover.examples.agent.importer;

import io.eipfailover.examples.agent.importer.ShellWords.Word;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One AWS CLI v1/v2 invocation in a script ({@code [VAR=v ...] [sudo|exec|timeout N] aws [global
 * options] SERVICE OPERATION [--name value | --name=value | --flag]...}), with its options by
 * name. Immutable.
 */
final class AwsCommand {
  private static final Set<String> WRAPPERS = Set.of("sudo", "exec", "command", "nohup", "env", "timeout", "time",
      "if", "elif", "then", "else", "do", "while", "until", "!");
  private static final Set<String> FLAGS = Set.of("--debug", "--no-verify-ssl", "--no-paginate", "--no-sign-request",
      "--no-cli-pager", "--allow-reassociation", "--no-allow-reassociation", "--dry-run", "--no-dry-run");

  private final Map<String, String> env;
  private final String service;
  private final String operation;
  private final Map<String, Word> options;
  private final ShellScript script;

  private AwsCommand(Map<String, String> env, String service, String operation, Map<String, Word> options,
      ShellScript script) {
    this.env = env;
    this.service = service;
    this.operation = operation;
    this.options = options;
    this.script = script;
  }

  /** The call, when {@code cmd} runs the AWS CLI with a service and an operation. */
  static Optional<AwsCommand> parse(List<Word> cmd, ShellScript script) {
    Map<String, String> env = new HashMap<>();
    int k = 0;
    while (k < cmd.size()) {
      String t = cmd.get(k).text();
      if (t.matches("[A-Za-z_][A-Za-z0-9_]*=.*")) {
        env.put(t.substring(0, t.indexOf('=')), t.substring(t.indexOf('=') + 1));
      } else if (!WRAPPERS.contains(t) && !t.matches("\\d+[smh]?") && !t.startsWith("-")) {
        break;
      }
      k++;
    }
    if (k >= cmd.size() || !ShellScript.basename(cmd.get(k).text()).equals("aws")) {
      return Optional.empty();
    }
    Map<String, Word> options = new LinkedHashMap<>();
    List<String> positional = new ArrayList<>();
    for (int i = k + 1; i < cmd.size(); i++) {
      Word w = cmd.get(i);
      String t = w.text();
      if (!t.startsWith("--")) {
        positional.add(t);
        continue;
      }
      String name = t.substring(2);
      int eq = name.indexOf('=');
      if (eq >= 0) {
        options.put(name.substring(0, eq), new Word(w.raw(), name.substring(eq + 1), w.unresolved()));
      } else if (FLAGS.contains(t) || i + 1 >= cmd.size() || cmd.get(i + 1).text().startsWith("--")) {
        options.put(name, new Word(w.raw(), "true", List.of()));
      } else {
        options.put(name, cmd.get(++i));
      }
    }
    if (positional.size() < 2) {
      return Optional.empty();
    }
    return Optional.of(new AwsCommand(env, positional.get(0), positional.get(1), options, script));
  }

  String service() {
    return service;
  }

  String operation() {
    return operation;
  }

  Optional<Word> option(String name) {
    return Optional.ofNullable(options.get(name));
  }

  /** The first of {@code names} set in the command's own environment prefix. */
  Optional<String> env(String... names) {
    for (String n : names) {
      if (env.containsKey(n)) {
        return Optional.of(env.get(n));
      }
    }
    return Optional.empty();
  }

  /** This {@code associate-address} call's targets, and why any is missing. */
  ScriptFindings.Association association(Where where, String text) {
    List<String> problems = new ArrayList<>();
    value("instance-id", problems);
    return new ScriptFindings.Association(where, text, value("allocation-id", problems),
        value("network-interface-id", problems), value("private-ip-address", problems),
        options.containsKey("instance-id"), value("public-ip", problems), problems);
  }

  private Optional<String> value(String name, List<String> problems) {
    Word w = options.get(name);
    if (w == null) {
      return Optional.empty();
    }
    if (!w.resolved()) {
      problems.add("--" + name + " " + w.raw() + ": " + String.join("; ", w.unresolved().stream().map(script::why)
          .toList()));
      return Optional.empty();
    }
    return Optional.of(w.text());
  }

  /** Why an EC2 operation other than {@code associate-address} is not carried over. */
  static String whyNotMapped(String operation) {
    if (operation.equals("disassociate-address")) {
      return "aws ec2 disassociate-address: the agent never disassociates (that opens a gap; AssociateAddress with"
          + " reassociation moves an EIP in one call)";
    }
    if (operation.startsWith("describe-")) {
      return "aws ec2 " + operation + ": a read; the agent describes the EIPs itself";
    }
    if (operation.equals("assign-private-ip-addresses") || operation.equals("unassign-private-ip-addresses")) {
      return "aws ec2 " + operation + ": assign the reserved IPs once and list them in"
          + " topology.node.<id>.reserved-ips";
    }
    return "aws ec2 " + operation + ": not an EIP move; the agent does not run it (a hook can)";
  }
}
