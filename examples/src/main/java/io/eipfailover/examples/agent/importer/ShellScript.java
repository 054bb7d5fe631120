package io.eipfailover.examples.agent.importer;

import io.eipfailover.examples.agent.importer.ScriptFindings.Other;
import io.eipfailover.examples.agent.importer.ShellWords.Word;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a resource, notify or check script the way an operator would skim it: variables set to
 * literals (once) are followed, positional arguments come from the caller ({@code haresources}'s
 * {@code ::} arguments, a notify line's words), and the commands that matter are recognised
 * ({@link AwsCommand} calls, {@code ip addr add}, {@link CheckCommands}). Anything computed at run
 * time (command substitutions, a variable set differently in two branches) is reported, never
 * guessed. Stateless apart from one analysis.
 */
final class ShellScript {
  private static final Pattern NAME_EQ = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)=(.*)", Pattern.DOTALL);
  private static final Pattern IPV4 = Pattern.compile("(?<![\\d.])(\\d{1,3}(?:\\.\\d{1,3}){3})(?![\\d.])");
  private static final Set<String> DECLARERS = Set.of("export", "local", "readonly", "declare", "typeset");

  private record Assignment(String raw, Where where) {}

  private final List<ScriptLine> lines;
  private final List<String> args;
  private final Map<String, List<Assignment>> assignments = new LinkedHashMap<>();
  private final ScriptFindings findings = new ScriptFindings();
  private Set<String> lookedUp = new HashSet<>();

  private ShellScript(List<ScriptLine> lines, List<String> args) {
    this.lines = lines;
    this.args = List.copyOf(args);
  }

  /** Analyses {@code lines}, with {@code args} as {@code $1, $2, ...}. */
  static ScriptFindings analyze(List<ScriptLine> lines, List<String> args) {
    ShellScript s = new ShellScript(lines, args);
    s.collectAssignments();
    s.read();
    return s.findings;
  }

  private void collectAssignments() {
    for (ScriptLine l : lines) {
      if (l.isComment()) {
        continue;
      }
      for (List<Word> cmd : ShellWords.commands(l.text(), name -> Optional.empty())) {
        List<Word> rest = skipDeclarer(cmd);
        if (!rest.isEmpty() && rest.stream().allMatch(w -> NAME_EQ.matcher(w.raw()).matches())) {
          for (Word w : rest) {
            Matcher m = NAME_EQ.matcher(w.raw());
            m.matches();
            assignments.computeIfAbsent(m.group(1), k -> new ArrayList<>()).add(new Assignment(m.group(2), l.where()));
          }
        }
      }
    }
  }

  /** The value of a variable, when the script makes it a literal (or the caller passes it). */
  Optional<String> value(String name) {
    return value(name, 0);
  }

  private Optional<String> value(String name, int depth) {
    lookedUp.add(name);
    if (name.matches("[1-9]")) {
      int n = Integer.parseInt(name);
      return n <= args.size() ? Optional.of(args.get(n - 1)) : Optional.empty();
    }
    List<Assignment> as = assignments.get(name);
    if (as == null || depth > 8 || as.stream().map(Assignment::raw).distinct().count() != 1) {
      return Optional.empty();
    }
    List<List<Word>> words = ShellWords.commands(as.get(0).raw(), n -> value(n, depth + 1));
    if (words.size() != 1 || words.get(0).size() != 1 || !words.get(0).get(0).resolved()) {
      return as.get(0).raw().isEmpty() ? Optional.of("") : Optional.empty();
    }
    return Optional.of(words.get(0).get(0).text());
  }

  /** Why {@code written} (a {@code $NAME} or {@code $(...)}) has no value here. */
  String why(String written) {
    if (written.startsWith("$(") || written.startsWith("`")) {
      return written + " is computed when the script runs";
    }
    String name = written.replaceAll("^\\$\\{?|[:}].*$", "");
    if (name.matches("[1-9]")) {
      return written + " is argument " + name + ", which the caller does not pass";
    }
    List<Assignment> as = assignments.get(name);
    if (as == null) {
      return written + " is not set in the script";
    }
    Set<String> where = new TreeSet<>();
    as.forEach(a -> where.add(String.valueOf(a.where().line())));
    if (as.stream().map(Assignment::raw).distinct().count() > 1) {
      return written + " is set to different values on lines " + String.join(", ", where)
          + " (depends on the branch the script takes)";
    }
    return written + " is set on line " + where.iterator().next() + " from something computed at run time ("
        + as.get(0).raw() + ")";
  }

  private void read() {
    Set<String> usedVars = new HashSet<>();
    Set<Integer> usedLines = new HashSet<>();
    Map<ScriptLine, Set<String>> assigns = new LinkedHashMap<>();
    for (ScriptLine l : lines) {
      if (l.isComment()) {
        continue;
      }
      lookedUp = new HashSet<>();
      boolean used = false;
      Set<String> assigned = new HashSet<>();
      for (List<Word> cmd : ShellWords.commands(l.text(), this::value)) {
        publicIps(cmd, l.where());
        List<Word> rest = skipDeclarer(cmd);
        if (!rest.isEmpty() && rest.stream().allMatch(w -> NAME_EQ.matcher(w.raw()).matches())) {
          rest.forEach(w -> assigned.add(w.raw().substring(0, w.raw().indexOf('='))));
          continue;
        }
        Outcome o = command(rest, l);
        used |= o == Outcome.MAPPED;
        if (o != Outcome.NONE) {
          usedLines.add(l.where().line());
        }
      }
      if (used) {
        usedVars.addAll(lookedUp);
      }
      if (!assigned.isEmpty()) {
        assigns.put(l, assigned);
      }
    }
    for (ScriptLine l : lines) {
      boolean assignmentUsed = assigns.containsKey(l) && assigns.get(l).stream().anyMatch(usedVars::contains);
      boolean regionVar = assigns.containsKey(l) && findings.region.map(r -> r.where().equals(l.where())).orElse(false);
      if (assignmentUsed || regionVar) {
        findings.feeding.add(new Other(l.where(), l.text(), "a value used by the recognised commands"));
      }
      if (!l.isComment() && !usedLines.contains(l.where().line()) && !assignmentUsed && !regionVar) {
        for (int k = l.where().line(); k <= l.lastLine(); k++) {
          findings.shellLines.add(k);
        }
      }
    }
  }

  private enum Outcome { NONE, MAPPED, REPORTED }

  private Outcome command(List<Word> cmd, ScriptLine l) {
    Optional<AwsCommand> aws = AwsCommand.parse(cmd, this);
    if (aws.isPresent()) {
      return aws(aws.get(), l);
    }
    List<String> w = cmd.stream().map(Word::text).toList();
    if (w.size() >= 3 && basename(w.get(0)).equals("ip") && w.get(1).matches("a|addr|address")) {
      return ipAddr(w, l);
    }
    return CheckCommands.recognise(w, l, findings) ? Outcome.MAPPED : Outcome.NONE;
  }

  private Outcome aws(AwsCommand c, ScriptLine l) {
    c.option("region").filter(Word::resolved)
        .ifPresent(r -> findings.region = Optional.of(new ScriptFindings.Located(r.text(), l.where())));
    c.env("AWS_DEFAULT_REGION", "AWS_REGION").or(() -> value("AWS_DEFAULT_REGION").or(() -> value("AWS_REGION")))
        .filter(r -> findings.region.isEmpty())
        .ifPresent(r -> findings.region = Optional.of(new ScriptFindings.Located(r, regionWhere(l))));
    c.option("endpoint-url").filter(Word::resolved)
        .ifPresent(e -> findings.endpoint = Optional.of(new ScriptFindings.Located(e.text(), l.where())));
    if (!c.service().equals("ec2")) {
      findings.others.add(new Other(l.where(), l.text(), "aws " + c.service() + " " + c.operation()
          + ": not an EIP move; the agent does not run it (a hook can)"));
      return Outcome.REPORTED;
    }
    if (!c.operation().equals("associate-address")) {
      findings.others.add(new Other(l.where(), l.text(), AwsCommand.whyNotMapped(c.operation())));
      return Outcome.REPORTED;
    }
    findings.associations.add(c.association(l.where(), l.text()));
    return Outcome.MAPPED;
  }

  private Where regionWhere(ScriptLine l) {
    for (String n : List.of("AWS_DEFAULT_REGION", "AWS_REGION")) {
      List<Assignment> as = assignments.get(n);
      if (as != null && !as.isEmpty()) {
        return as.get(0).where();
      }
    }
    return l.where();
  }

  private Outcome ipAddr(List<String> w, ScriptLine l) {
    String verb = w.get(2);
    if (!verb.equals("add") || w.size() < 4) {
      findings.others.add(new Other(l.where(), l.text(), "ip addr " + verb + ": the agent adds the reserved IPs at"
          + " start (provision.os-addresses) and removes only those it added, at exit"));
      return Outcome.REPORTED;
    }
    String[] ipPrefix = w.get(3).split("/", 2);
    java.util.OptionalInt prefix = ipPrefix.length == 2 && ipPrefix[1].matches("\\d{1,2}")
        ? java.util.OptionalInt.of(Integer.parseInt(ipPrefix[1])) : java.util.OptionalInt.empty();
    int dev = w.indexOf("dev");
    Optional<String> device = dev >= 0 && dev + 1 < w.size() ? Optional.of(w.get(dev + 1)) : Optional.empty();
    findings.osAddresses.add(new ScriptFindings.OsAddress(l.where(), l.text(), ipPrefix[0], prefix, device));
    return Outcome.MAPPED;
  }

  private void publicIps(List<Word> cmd, Where where) {
    for (Word w : cmd) {
      Matcher m = IPV4.matcher(w.text());
      while (m.find()) {
        if (Ipv4s.isPublic(m.group(1))) {
          findings.publicIps.putIfAbsent(m.group(1), where);
        }
      }
    }
  }

  private static List<Word> skipDeclarer(List<Word> cmd) {
    int k = 0;
    if (k < cmd.size() && DECLARERS.contains(cmd.get(k).text())) {
      k++;
      while (k < cmd.size() && cmd.get(k).text().startsWith("-")) {
        k++;
      }
    }
    return cmd.subList(k, cmd.size());
  }

  static String basename(String path) {
    int slash = path.lastIndexOf('/');
    return slash >= 0 ? path.substring(slash + 1) : path;
  }
}
