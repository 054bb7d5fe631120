package io.eipfailover.examples.agent.importer;

import io.eipfailover.examples.agent.importer.KeepalivedConf.Item;
import io.eipfailover.examples.agent.importer.ScriptFindings.Located;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code import keepalived}: one keepalived.conf per node, each node's notify and check scripts next
 * to its file. A {@code vrrp_instance}'s EIPs are those its {@code notify_master} (or {@code notify})
 * script associates; their home is the node with the highest priority. Stateless.
 */
final class KeepalivedImporter {
  private static final Set<String> NOT_FAILOVER = Set.of("virtual_server", "virtual_server_group",
      "static_ipaddress", "static_routes", "static_rules", "vrrp_track_process", "track_file", "vrrp_track_file",
      "linkbeat_interfaces", "bfd_instance", "garp_group", "net_namespace", "net_namespace_ipvs", "instance",
      "track_group", "static_track_group");

  private KeepalivedImporter() {}

  static ImportResult run(ImportOptions o) {
    List<Path> files = o.inputs().stream().map(ImportOptions.Input::path).toList();
    for (Path f : files) {
      if (!Files.isRegularFile(f)) {
        throw new ImportException(f, "missing: give each node's keepalived.conf");
      }
    }
    List<List<Item>> confs = files.stream().map(KeepalivedConf::parse).toList();
    List<String> owners = owners(o, files, confs);
    Draft d = new Draft();
    ImportReport r = new ImportReport();
    TopologyFacts t = new TopologyFacts();
    TrackScripts track = new TrackScripts();
    Map<String, List<VrrpInstance>> instances = new LinkedHashMap<>();
    for (int i = 0; i < files.size(); i++) {
      t.declare(owners.get(i), new Where(files.get(i), 1));
      for (Item item : confs.get(i)) {
        top(item, owners.get(i), files.get(i), r, t, track, instances);
      }
    }
    if (instances.isEmpty()) {
      throw new ImportException(files.get(0), "has no vrrp_instance: nothing moves");
    }
    ScriptMapper scripts = new ScriptMapper(d, r, t);
    boolean sticky = sticky(instances);
    for (List<VrrpInstance> group : instances.values()) {
      Optional<String> home = home(group, owners.size());
      List<String> allocations = new ArrayList<>();
      for (VrrpInstance v : group) {
        v.trackScripts().forEach(s -> track.track(s, v.node()));
        for (Item n : v.notifyScripts()) {
          allocations.addAll(notify(n, v, home, files.get(owners.indexOf(v.node())), o, scripts, t, r));
        }
      }
      if (home.isPresent() && owners.size() > 2 && !sticky) {
        List<String> order = group.stream().sorted(Comparator.comparingInt(VrrpInstance::priority).reversed())
            .map(VrrpInstance::node).toList();
        d.put("strategy", "priority", "more than two nodes: each EIP follows its vrrp_instance's priorities");
        allocations.stream().distinct().forEach(a -> d.put("strategy.priority." + a, String.join(",", order),
            "nodes of " + group.get(0).name() + " by priority"));
      }
    }
    track.map(d, r);
    o.publicIps().forEach((alloc, ip) -> t.publicIp(alloc, ip, ScriptMapper.commandLine()));
    settings(d, r, o, owners, instances, track, sticky);
    instances.values().stream().flatMap(List::stream).flatMap(v -> v.peers().stream()).filter(p -> !t.knows(p.value()))
        .forEach(p -> d.todo("topology.nodes", "the node at " + p.value() + " (unicast_peer, " + p.where() + ") is not"
            + " among the inputs: pass its keepalived.conf too (NODE=FILE)"));
    t.write(d, r, 694);
    List<String> header = new ArrayList<>();
    header.add("eip-failover agent configuration, written by `eipfailover-agent import keepalived` from:");
    for (int i = 0; i < files.size(); i++) {
      header.add("  " + owners.get(i) + ": " + files.get(i));
    }
    return new ImportResult(d, r, header);
  }

  private static void top(Item item, String node, Path file, ImportReport r, TopologyFacts t, TrackScripts track,
      Map<String, List<VrrpInstance>> instances) {
    switch (item.keyword()) {
      case "global_defs" -> item.children().forEach(g -> {
        if (g.keyword().equals("router_id")) {
          r.mapped(g.where(), g.text(), "topology.nodes (" + node + ")");
        } else {
          unmappedTree(g, r, g.keyword().startsWith("notification_email") || g.keyword().startsWith("smtp")
              ? "mail on a state change: the agent sends none (a hook can)"
              : "a global keepalived setting with no equivalent");
        }
      });
      case "vrrp_script" -> track.define(item, file.toAbsolutePath().getParent(), node);
      case "vrrp_instance" -> {
        VrrpInstance v = VrrpInstance.read(item, node, r, t);
        r.mapped(item.where(), "vrrp_instance " + v.name(), "a group of EIPs (those its notify_master script"
            + " associates), homed on its highest-priority node");
        List<VrrpInstance> group = instances.computeIfAbsent(v.name(), n -> new ArrayList<>());
        if (group.stream().anyMatch(g -> g.node().equals(node))) {
          throw new ImportException(item.where(), "a second vrrp_instance " + v.name() + " in this file");
        }
        group.add(v);
      }
      case "vrrp_sync_group" -> {
        r.unmapped(item.where(), item.text(), "EIPs are placed one by one; all of a node's EIPs move when it dies or"
            + " turns unhealthy");
        item.children().forEach(c -> r.unmapped(c.where(), c.text(), "part of a vrrp_sync_group"));
      }
      default -> {
        if (!NOT_FAILOVER.contains(item.keyword()) && !item.keyword().startsWith("$")) {
          throw new ImportException(item.where(), "unknown keyword '" + item.keyword() + "' (see man keepalived.conf)");
        }
        unmappedTree(item, r, "not about moving addresses between nodes (LVS, static addresses and routes,"
            + " other trackers): HAProxy and the OS keep doing it");
      }
    }
  }

  private static void unmappedTree(Item item, ImportReport r, String reason) {
    r.unmapped(item.where(), item.text(), reason);
    item.children().forEach(c -> unmappedTree(c, r, reason));
  }

  /** Each input's node: its label, its router_id, or (one unlabelled input) this host. */
  private static List<String> owners(ImportOptions o, List<Path> files, List<List<Item>> confs) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < files.size(); i++) {
      Optional<String> label = o.inputs().get(i).node();
      Optional<String> routerId = confs.get(i).stream().filter(it -> it.keyword().equals("global_defs"))
          .flatMap(it -> it.children().stream()).filter(g -> g.keyword().equals("router_id")).map(g -> g.arg(0))
          .findFirst();
      String n = label.or(() -> routerId).orElseGet(() -> {
        if (files.size() > 1) {
          throw new ImportException(files.get(0), "several files and no router_id in " + files.get(0)
              + ": say whose each one is, as NODE=FILE");
        }
        return o.hostname();
      });
      if (out.contains(n)) {
        throw new ImportException(files.get(i), "a second file for node " + n + " (label it NODE=FILE)");
      }
      out.add(n);
    }
    return out;
  }

  /** The node with the highest priority (ties: the one starting as MASTER); empty when the files do not say. */
  private static Optional<String> home(List<VrrpInstance> group, int nodes) {
    if (group.size() == 1 && nodes > 1 || group.size() == 1 && group.get(0).state().isEmpty()) {
      return group.get(0).state().filter("MASTER"::equals).map(s -> group.get(0).node());
    }
    int top = group.stream().mapToInt(VrrpInstance::priority).max().orElseThrow();
    List<VrrpInstance> best = group.stream().filter(v -> v.priority() == top).toList();
    if (best.size() > 1) {
      best = best.stream().filter(v -> v.state().equals(Optional.of("MASTER"))).toList();
    }
    if (best.size() != 1) {
      throw new ImportException(group.get(0).where(), "vrrp_instance " + group.get(0).name() + ": cannot tell its"
          + " home, the nodes have equal priority " + top + " and not exactly one starts as MASTER");
    }
    return Optional.of(best.get(0).node());
  }

  private static List<String> notify(Item n, VrrpInstance v, Optional<String> home, Path conf, ImportOptions o,
      ScriptMapper scripts, TopologyFacts t, ImportReport r) {
    List<List<ShellWords.Word>> cmd = ShellWords.commands(n.arg(0), x -> Optional.empty());
    if (cmd.isEmpty()) {
      throw new ImportException(n.where(), n.keyword() + " names no script");
    }
    String path = cmd.get(0).get(0).text();
    Path script = conf.toAbsolutePath().getParent().resolve(ShellScript.basename(path));
    if (!Files.isRegularFile(script) && o.inputs().size() == 1 && Files.isRegularFile(Path.of(path))) {
      script = Path.of(path);
    }
    if (!Files.isRegularFile(script)) {
      r.unmapped(n.where(), n.text(), "script not found next to " + conf + " (copy each node's scripts next to its"
          + " keepalived.conf)");
      return List.of();
    }
    List<String> args = new ArrayList<>(cmd.get(0).stream().skip(1).map(ShellWords.Word::text).toList());
    if (n.keyword().equals("notify")) {
      args.addAll(List.of("INSTANCE", v.name(), "MASTER", String.valueOf(v.priority())));
    }
    ScriptFindings f;
    try {
      f = ShellScript.analyze(ScriptLine.read(script), args);
    } catch (IOException e) {
      throw new ImportException(script, "cannot read (" + e.getMessage() + ")");
    }
    List<String> allocations = scripts.map(script, f, v.node());
    if (allocations.isEmpty()) {
      r.unmapped(n.where(), n.text(), script + " moves no EIP; the agent does not run it (a hook can)");
      return List.of();
    }
    home.ifPresent(h -> allocations.forEach(a -> t.home(a, h, v.where())));
    r.mapped(n.where(), n.text(), "the EIPs of " + v.name() + " (" + String.join(", ", allocations.stream().distinct()
        .toList()) + "), home " + home.orElse("unknown: no MASTER in this file"));
    return allocations;
  }

  /** Whether the instances say nopreempt; all or none must (the strategy is one for all EIPs). */
  private static boolean sticky(Map<String, List<VrrpInstance>> instances) {
    List<VrrpInstance> all = instances.values().stream().flatMap(List::stream).toList();
    long sticky = all.stream().filter(VrrpInstance::nopreempt).count();
    if (sticky != 0 && sticky != all.size()) {
      throw new ImportException(all.stream().filter(v -> !v.nopreempt()).findFirst().orElseThrow().where(),
          "has no nopreempt, but other vrrp_instances do; the agent's strategy is one for all EIPs");
    }
    return sticky > 0;
  }

  private static void settings(Draft d, ImportReport r, ImportOptions o, List<String> owners,
      Map<String, List<VrrpInstance>> instances, TrackScripts track, boolean sticky) {
    List<VrrpInstance> all = instances.values().stream().flatMap(List::stream).toList();
    VrrpInstance slowest = all.stream().max(Comparator.comparing(VrrpInstance::masterDownInterval)).orElseThrow();
    DetectorChoice detector = DetectorChoice.closest(slowest.masterDownInterval(), "keepalived (3 x advert_int "
        + DetectorChoice.human(slowest.advert()) + " + skew at priority " + slowest.priority() + ")");
    r.note(detector.explanation());
    CommonKeys.identity(d, o, owners, 694, detector, "keepalived");
    r.note("membership.port = 694: VRRP is IP protocol 112 and has no port; open UDP and TCP 694 between the nodes");
    if (d.has("strategy") && !sticky) {
      d.put("strategy.failback-delay", CommonKeys.FAILBACK_DELAY, "a returning node takes its EIPs back after"
          + " being alive and healthy this long (keepalived preempted at once)");
    } else {
      CommonKeys.strategy(d, !sticky, sticky ? "nopreempt: an EIP stays where it is until that node fails"
          : "keepalived preempts: the higher priority takes its EIPs back");
    }
    List<Located> delays = all.stream().flatMap(v -> v.preemptDelay().stream()).toList();
    for (Located l : delays) {
      if (sticky) {
        r.note("preempt_delay at " + l.where() + " has no effect with nopreempt; strategy = sticky");
      } else if (!l.value().equals(delays.get(0).value())) {
        throw new ImportException(l.where(), "preempt_delay differs from " + delays.get(0).where() + "; the agent's"
            + " fail-back delay is one for all EIPs");
      }
    }
    if (!sticky && !delays.isEmpty()) {
      d.put("strategy.failback-delay", delays.get(0).value(), "preempt_delay, from " + delays.get(0).where());
    }
    CommonKeys.guard(d, r, track.pingIps(), track.pingWhere(), o);
    if (!track.healthMapped()) {
      CommonKeys.noHealthCheck(d, r, "no tracked vrrp_script checks the service over HTTP or TCP");
    }
  }
}
