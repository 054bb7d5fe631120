package io.eipfailover.examples.agent.importer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Heartbeat v1's {@code haresources}: {@code NODE RESOURCE...} per logical line (backslash
 * continues), {@code NODE} the preferred holder, a resource either an IP address ({@code IPaddr})
 * or a script in {@code resource.d/} with {@code ::}-separated arguments. A script that moves an
 * EIP ({@code aws ec2 associate-address}) makes {@code NODE} that EIP's home; the script's copy in
 * each node's directory tells that node's ENI and private IP.
 */
final class Haresources {
  private static final List<String> IP_AGENTS = List.of("IPaddr", "IPaddr2", "IPsrcaddr", "IPv6addr");

  private Haresources() {}

  /**
   * Maps the file of the node {@code owner} (whose directory is {@code dir}).
   *
   * @param declared the nodes ha.cf declares
   */
  static void map(Path dir, String owner, List<String> declared, ScriptMapper scripts, TopologyFacts topology,
      ImportReport report) {
    Path file = dir.resolve("haresources");
    List<ScriptLine> lines;
    try {
      lines = ScriptLine.read(file);
    } catch (IOException e) {
      throw new ImportException(file, "cannot read (" + e.getMessage() + ")");
    }
    boolean any = false;
    for (ScriptLine l : lines) {
      String body = l.text().replaceAll("#.*$", "").strip();
      if (body.isEmpty()) {
        continue;
      }
      any = true;
      List<String> words = new ArrayList<>(Arrays.asList(body.split("\\s+")));
      String node = words.remove(0);
      if (!declared.contains(node)) {
        throw new ImportException(l.where(), "names node '" + node + "', which no node line of ha.cf declares "
            + declared);
      }
      if (words.isEmpty()) {
        throw new ImportException(l.where(), "names node " + node + " but no resource");
      }
      for (String resource : words) {
        resource(resource, node, l, dir, owner, scripts, topology, report);
      }
    }
    if (!any) {
      throw new ImportException(file, "holds no resource group (NODE RESOURCE... lines); nothing moves");
    }
  }

  private static void resource(String resource, String home, ScriptLine l, Path dir, String owner,
      ScriptMapper scripts, TopologyFacts topology, ImportReport report) {
    String[] parts = resource.split("::");
    String name = parts[0];
    String text = home + " ... " + resource;
    if (IP_AGENTS.contains(name) || Ipv4s.isIpv4(name.split("/")[0])) {
      report.unmapped(l.where(), text, "a floating private IP cannot move between instances in a VPC (the VPC"
          + " routes it to the ENI that holds it); the EIPs are what moves");
      return;
    }
    Path script = dir.resolve("resource.d").resolve(name);
    if (!Files.isRegularFile(script)) {
      report.unmapped(l.where(), text, "no script " + script + " (Heartbeat would run /etc/init.d/" + name
          + ": a service started with the group); in active-active it runs on every node all the time: keep it"
          + " enabled (systemctl enable " + name + ")");
      return;
    }
    List<String> args = new ArrayList<>(Arrays.asList(parts).subList(1, parts.length));
    args.add("start");
    ScriptFindings f;
    try {
      f = ShellScript.analyze(ScriptLine.read(script), args);
    } catch (IOException e) {
      throw new ImportException(script, "cannot read (" + e.getMessage() + ")");
    }
    List<String> allocations = scripts.map(script, f, owner);
    if (allocations.isEmpty()) {
      report.unmapped(l.where(), text, script + " moves no EIP (no aws ec2 associate-address with an allocation"
          + " id); the agent does not run it (a hook can)");
      return;
    }
    allocations.forEach(a -> topology.home(a, home, l.where()));
    report.mapped(l.where(), text, "topology.eip." + String.join(", topology.eip.", allocations.stream().distinct()
        .toList()) + ".home = " + home);
  }
}
