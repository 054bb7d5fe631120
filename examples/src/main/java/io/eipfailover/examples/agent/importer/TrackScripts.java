package io.eipfailover.examples.agent.importer;

import io.eipfailover.examples.agent.importer.KeepalivedConf.Item;
import io.eipfailover.examples.agent.importer.ScriptFindings.Check;
import io.eipfailover.examples.agent.importer.ScriptFindings.CheckKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * keepalived's {@code vrrp_script}s and the instances' {@code track_script}s: a tracked HTTP or TCP
 * check becomes the agent's health check (its interval, timeout, rise and fall included), a
 * tracked ping of a gateway becomes a reachability-guard target, and a process check is reported
 * (a running HAProxy may still not serve). Not thread-safe.
 */
final class TrackScripts {
  private record Def(Item item, Path confDir, String node) {}

  private final Map<String, Def> defs = new LinkedHashMap<>();
  private final Map<String, List<Item>> tracked = new LinkedHashMap<>();
  private final List<String> pingIps = new ArrayList<>();
  private Where pingWhere;
  private String healthScript;

  /** A {@code vrrp_script} block of {@code node}'s file. */
  void define(Item block, Path confDir, String node) {
    defs.put(node + "/" + block.arg(0), new Def(block, confDir, node));
  }

  /** A {@code track_script} entry of {@code node}'s instance. */
  void track(Item entry, String node) {
    String name = entry.keyword().equals("track_script") ? entry.arg(0) : entry.keyword();
    if (!defs.containsKey(node + "/" + name)) {
      throw new ImportException(entry.where(), "track_script names '" + name + "', which no vrrp_script of this"
          + " file defines");
    }
    tracked.computeIfAbsent(node + "/" + name, k -> new ArrayList<>()).add(entry);
  }

  List<String> pingIps() {
    return pingIps;
  }

  Optional<Where> pingWhere() {
    return Optional.ofNullable(pingWhere);
  }

  boolean healthMapped() {
    return healthScript != null;
  }

  /** Maps every tracked script (in file order) and reports the untracked ones. */
  void map(Draft d, ImportReport r) {
    for (Map.Entry<String, Def> e : defs.entrySet()) {
      Item block = e.getValue().item();
      if (!tracked.containsKey(e.getKey())) {
        r.unmapped(block.where(), block.text(), "no vrrp_instance tracks it");
        block.children().forEach(c -> r.unmapped(c.where(), c.text(), "part of an untracked vrrp_script"));
        continue;
      }
      Optional<Item> script = block.children().stream().filter(c -> c.keyword().equals("script")).findFirst();
      if (script.isEmpty()) {
        throw new ImportException(block.where(), "vrrp_script " + block.arg(0) + " has no script line");
      }
      List<Check> checks = checks(script.get(), e.getValue());
      boolean health = false;
      int pings = pingIps.size();
      for (Check c : checks) {
        health |= map(c, block, d, r);
      }
      String outcome = health ? "the health check" : pingIps.size() > pings ? "a reachability-guard target" : null;
      for (Item t : tracked.get(e.getKey())) {
        if (outcome != null) {
          r.mapped(t.where(), t.text(), "vrrp_script " + block.arg(0) + ": " + outcome);
        } else {
          r.unmapped(t.where(), t.text(), "vrrp_script " + block.arg(0) + " maps to nothing (see its script line)");
        }
      }
      if (outcome != null) {
        r.mapped(block.where(), "vrrp_script " + block.arg(0), outcome);
      } else {
        r.unmapped(block.where(), "vrrp_script " + block.arg(0), "maps to nothing (see its script line)");
      }
      if (checks.isEmpty()) {
        r.unmapped(script.get().where(), script.get().text(), "not a check the importer recognises (curl/wget of"
            + " an http URL, nc -z, ping, killall -0/pidof/pgrep); set health.check yourself");
      }
      for (Item c : block.children()) {
        if (c != script.get()) {
          boolean timing = List.of("interval", "timeout", "rise", "fall").contains(c.keyword());
          if (health && timing) {
            r.mapped(c.where(), c.text(), "health." + c.keyword());
          } else {
            r.unmapped(c.where(), c.text(), c.keyword().equals("weight") ? "a failing check makes the node"
                + " unhealthy and its EIPs move, whatever the weight" : health ? "no equivalent" : "belongs to a"
                + " check that is not the health check");
          }
        }
      }
    }
  }

  private boolean map(Check c, Item block, Draft d, ImportReport r) {
    Where w = c.where();
    if (c.kind() == CheckKind.PING) {
      if (!pingIps.contains(c.target())) {
        pingIps.add(c.target());
      }
      pingWhere = pingWhere == null ? w : pingWhere;
      r.mapped(w, c.text(), "guard.reachability.targets (a node that cannot reach " + c.target() + " takes no EIP)");
      return false;
    }
    if (c.kind() == CheckKind.PROCESS) {
      r.unmapped(w, c.text(), "a process check: a running " + c.target() + " may still not serve; the agent"
          + " checks the service itself (health.check = http with HAProxy's monitor-uri)");
      return false;
    }
    boolean http = c.kind() == CheckKind.HTTP;
    if (http && !c.target().startsWith("http://") || !http && !tcpTarget(c.target())) {
      r.unmapped(w, c.text(), "the agent's " + (http ? "http check speaks plain http://" : "tcp check needs an"
          + " ipv4:port") + "; set health.check yourself");
      return false;
    }
    if (healthScript != null && !healthScript.equals(block.arg(0))) {
      r.unmapped(w, c.text(), "the agent runs one health check, already mapped from another script");
      return false;
    }
    d.agree("health.check", http ? "http" : "tcp", w, "keepalived's track_script, from " + w);
    d.agree(http ? "health.http.uri" : "health.tcp.address", c.target(), w, "");
    Duration interval = child(block, "interval").map(VrrpInstance::seconds).orElse(Duration.ofSeconds(1));
    Duration timeout = child(block, "timeout").map(VrrpInstance::seconds).orElse(interval);
    if (timeout.compareTo(interval) > 0) {
      r.note("health.timeout: vrrp_script " + block.arg(0) + "'s timeout is longer than its interval; the agent"
          + " needs timeout <= interval, so health.timeout = health.interval");
      timeout = interval;
    }
    d.agree("health.interval", CommonKeys.duration(interval), w, "vrrp_script interval (keepalived's default 1 s)");
    d.agree("health.timeout", CommonKeys.duration(timeout), w, "");
    d.agree("health.rise", child(block, "rise").map(i -> String.valueOf(VrrpInstance.integer(i, 1, 100))).orElse("1"),
        w, "vrrp_script rise and fall (keepalived's default 1)");
    d.agree("health.fall", child(block, "fall").map(i -> String.valueOf(VrrpInstance.integer(i, 1, 100))).orElse("1"),
        w, "");
    r.mapped(w, c.text(), http ? "health.check = http, health.http.uri" : "health.check = tcp, health.tcp.address");
    healthScript = block.arg(0);
    return true;
  }

  private static List<Check> checks(Item script, Def def) {
    ScriptFindings f = ShellScript.analyze(List.of(new ScriptLine(script.where(), script.arg(0),
        script.where().line())), List.of());
    if (!f.checks.isEmpty()) {
      return f.checks;
    }
    List<List<ShellWords.Word>> cmds = ShellWords.commands(script.arg(0), n -> Optional.empty());
    if (cmds.isEmpty()) {
      return List.of();
    }
    Path file = def.confDir().resolve(ShellScript.basename(cmds.get(0).get(0).text()));
    if (!Files.isRegularFile(file)) {
      return List.of();
    }
    try {
      List<String> args = cmds.get(0).stream().skip(1).map(ShellWords.Word::text).toList();
      return ShellScript.analyze(ScriptLine.read(file), args).checks;
    } catch (IOException e) {
      throw new ImportException(file, "cannot read (" + e.getMessage() + ")");
    }
  }

  private static boolean tcpTarget(String t) {
    int colon = t.lastIndexOf(':');
    return colon > 0 && Ipv4s.isIpv4(t.substring(0, colon)) && t.substring(colon + 1).matches("\\d{1,5}");
  }

  private static Optional<Item> child(Item block, String keyword) {
    return block.children().stream().filter(c -> c.keyword().equals(keyword)).findFirst();
  }
}
