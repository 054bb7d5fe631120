package io.eipfailover.examples.agent.importer;

import io.eipfailover.examples.agent.importer.ScriptFindings.Check;
import io.eipfailover.examples.agent.importer.ScriptFindings.CheckKind;
import java.util.List;
import java.util.Optional;

/**
 * Recognises the check commands keepalived {@code vrrp_script}s and resource scripts use: an HTTP
 * GET ({@code curl}, {@code wget}), a TCP connect ({@code nc -z}), a ping of the gateway
 * ({@code ping}, {@code fping}, {@code arping}) and process liveness ({@code killall -0},
 * {@code pidof}, {@code pgrep}, {@code systemctl is-active}). Stateless.
 */
final class CheckCommands {
  private CheckCommands() {}

  /** Adds the check {@code words} make to {@code f}; false when they make none. */
  static boolean recognise(List<String> words, ScriptLine l, ScriptFindings f) {
    int k = 0;
    while (k < words.size() && List.of("if", "!", "then", "exec", "sudo", "timeout").contains(words.get(k))
        || k < words.size() && words.get(k).matches("\\d+")) {
      k++;
    }
    if (k >= words.size()) {
      return false;
    }
    List<String> w = words.subList(k, words.size());
    String cmd = ShellScript.basename(w.get(0));
    Optional<Check> check = switch (cmd) {
      case "curl", "wget" -> w.stream().filter(a -> a.startsWith("http://") || a.startsWith("https://")).findFirst()
          .map(u -> new Check(l.where(), l.text(), CheckKind.HTTP, u));
      case "nc", "ncat", "netcat" -> operands(w).size() >= 2
          ? Optional.of(new Check(l.where(), l.text(), CheckKind.TCP,
              operands(w).get(operands(w).size() - 2) + ":" + operands(w).get(operands(w).size() - 1)))
          : Optional.empty();
      case "ping", "fping", "arping" -> operands(w).stream().filter(Ipv4s::isIpv4).reduce((a, b) -> b)
          .map(ip -> new Check(l.where(), l.text(), CheckKind.PING, ip));
      case "killall", "pkill" -> w.contains("-0") ? last(w).map(p -> new Check(l.where(), l.text(), CheckKind.PROCESS, p))
          : Optional.empty();
      case "pidof", "pgrep" -> last(w).map(p -> new Check(l.where(), l.text(), CheckKind.PROCESS, p));
      case "systemctl" -> w.size() >= 3 && w.get(1).equals("is-active")
          ? Optional.of(new Check(l.where(), l.text(), CheckKind.PROCESS, w.get(w.size() - 1))) : Optional.empty();
      default -> Optional.empty();
    };
    check.ifPresent(f.checks::add);
    return check.isPresent();
  }

  /** The words after the command that are not options (option values that are numbers are dropped too). */
  private static List<String> operands(List<String> w) {
    List<String> out = new java.util.ArrayList<>();
    for (int i = 1; i < w.size(); i++) {
      String a = w.get(i);
      if (a.startsWith("-")) {
        if (a.matches("-[cwWitq]") && i + 1 < w.size()) {
          i++;
        }
        continue;
      }
      out.add(a);
    }
    return out;
  }

  private static Optional<String> last(List<String> w) {
    List<String> ops = operands(w);
    return ops.isEmpty() ? Optional.empty() : Optional.of(ops.get(ops.size() - 1));
  }
}
