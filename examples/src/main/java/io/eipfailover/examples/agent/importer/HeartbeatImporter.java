package io.eipfailover.examples.agent.importer;

import io.eipfailover.examples.agent.importer.ScriptFindings.Located;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code import heartbeat}: one {@code /etc/ha.d} per node ({@code ha.cf}, {@code haresources},
 * {@code authkeys}, {@code resource.d/}). The cluster settings must agree between the nodes'
 * {@code ha.cf}s; each node's resource scripts tell its ENI and private IPs. Stateless.
 */
final class HeartbeatImporter {
  private static final List<String> FILES = List.of("ha.cf", "haresources", "authkeys");

  private HeartbeatImporter() {}

  static ImportResult run(ImportOptions o) {
    List<Path> dirs = o.inputs().stream().map(ImportOptions.Input::path).toList();
    for (Path dir : dirs) {
      if (!Files.isDirectory(dir)) {
        throw new ImportException(dir, "not a directory: give Heartbeat's configuration directory (/etc/ha.d)");
      }
      for (String f : FILES) {
        if (!Files.isRegularFile(dir.resolve(f))) {
          throw new ImportException(dir.resolve(f), "missing: Heartbeat v1 needs ha.cf, haresources and authkeys");
        }
      }
    }
    List<List<HaCf.Directive>> cfs = dirs.stream().map(d -> HaCf.read(d.resolve("ha.cf"))).toList();
    List<String> declared = HaCf.nodes(cfs.get(0));
    if (declared.isEmpty()) {
      throw new ImportException(dirs.get(0).resolve("ha.cf"), "declares no node (node NAME lines); autojoin"
          + " clusters are not supported: list the nodes");
    }
    for (int i = 1; i < dirs.size(); i++) {
      if (!HaCf.nodes(cfs.get(i)).equals(declared)) {
        throw new ImportException(dirs.get(i).resolve("ha.cf"), "declares nodes " + HaCf.nodes(cfs.get(i)) + ", but "
            + dirs.get(0).resolve("ha.cf") + " declares " + declared);
      }
    }
    List<String> owners = o.nodesOf(declared, dirs.get(0).resolve("ha.cf") + "'s nodes");
    Draft d = new Draft();
    ImportReport r = new ImportReport();
    TopologyFacts t = new TopologyFacts();
    List<Map<String, Located>> settings = new ArrayList<>();
    for (List<HaCf.Directive> cf : cfs) {
      Map<String, Located> s = new LinkedHashMap<>();
      HaCf.map(cf, s, r, t);
      settings.add(s);
    }
    Map<String, Located> s = agree(settings, dirs);
    ScriptMapper scripts = new ScriptMapper(d, r, t);
    for (int i = 0; i < dirs.size(); i++) {
      Haresources.map(dirs.get(i), owners.get(i), declared, scripts, t, r);
      Authkeys.check(dirs.get(i), r);
    }
    o.publicIps().forEach((alloc, ip) -> t.publicIp(alloc, ip, ScriptMapper.commandLine()));
    write(d, r, t, s, o, owners);
    List<String> header = new ArrayList<>();
    header.add("eip-failover agent configuration, written by `eipfailover-agent import heartbeat` from:");
    for (int i = 0; i < dirs.size(); i++) {
      header.add("  " + owners.get(i) + ": " + dirs.get(i));
    }
    return new ImportResult(d, r, header);
  }

  private static void write(Draft d, ImportReport r, TopologyFacts t, Map<String, Located> s, ImportOptions o,
      List<String> owners) {
    int port = Optional.ofNullable(s.get("udpport")).map(l -> Integer.parseInt(l.value())).orElse(694);
    Optional<Duration> keepalive = millis(s, "keepalive");
    Optional<Duration> deadtime = millis(s, "deadtime");
    DetectorChoice detector;
    if (deadtime.isPresent()) {
      Duration k = keepalive.orElse(Duration.ZERO);
      detector = DetectorChoice.closest(deadtime.get().plus(k), "Heartbeat (deadtime " + DetectorChoice.human(
          deadtime.get()) + keepalive.map(v -> " + keepalive " + DetectorChoice.human(v)).orElse("") + ")");
    } else {
      detector = DetectorChoice.closest(DetectorChoice.worstCase(
          io.eipfailover.membership.udp.DetectorSettings.defaults()), "the agent's default profile");
      r.note("ha.cf sets no deadtime (Heartbeat used its built-in default, which this importer does not assume);"
          + " membership.udp.profile = default");
    }
    r.note(detector.explanation());
    CommonKeys.identity(d, o, owners, port, detector, "Heartbeat");
    Located failback = s.get("auto_failback");
    if (failback == null) {
      r.note("ha.cf has no auto_failback: Heartbeat's default (legacy) failed back; so does strategy ="
          + " home-with-failback");
    }
    CommonKeys.strategy(d, failback == null || Boolean.parseBoolean(failback.value()),
        failback == null ? "Heartbeat's default auto_failback (legacy) fails back" : "auto_failback, from "
            + failback.where());
    List<String> ping = Optional.ofNullable(s.get("ping")).map(l -> List.of(l.value().split(","))).orElse(List.of());
    CommonKeys.guard(d, r, ping, Optional.ofNullable(s.get("ping")).map(Located::where), o);
    if (ping.isEmpty()) {
      r.note("ha.cf has no ping node: Heartbeat took over whenever a peer fell silent; the agent asks the peer probe"
          + " first (add guard.reachability.targets, e.g. the VPC DNS resolver at VPC base + 2, port 53)");
    }
    CommonKeys.noHealthCheck(d, r, "Heartbeat v1 does not check the service");
    millis(s, "initdead").ifPresent(v -> d.put("failover.startup-grace", CommonKeys.duration(v), "Heartbeat's"
        + " initdead, from " + s.get("initdead").where() + ": no takeover this long after start"));
    Optional.ofNullable(s.get("debug")).filter(l -> !l.value().equals("INFO"))
        .ifPresent(l -> d.put("log.level", l.value(), "ha.cf debug, from " + l.where()));
    t.write(d, r, port);
  }

  private static Optional<Duration> millis(Map<String, Located> s, String key) {
    return Optional.ofNullable(s.get(key)).map(l -> Duration.ofMillis(Long.parseLong(l.value())));
  }

  /** The settings of the first node, after checking every node's ha.cf says the same. */
  private static Map<String, Located> agree(List<Map<String, Located>> settings, List<Path> dirs) {
    Map<String, Located> first = settings.get(0);
    for (int i = 1; i < settings.size(); i++) {
      Map<String, Located> other = settings.get(i);
      java.util.Set<String> keys = new java.util.TreeSet<>(first.keySet());
      keys.addAll(other.keySet());
      for (String k : keys) {
        Located a = first.get(k);
        Located b = other.get(k);
        if (a == null || b == null || !a.value().equals(b.value())) {
          Where where = b != null ? b.where() : new Where(dirs.get(i).resolve("ha.cf"), 1);
          throw new ImportException(where, (b == null ? "has no " + k : k + " differs") + " from "
              + (a != null ? a.where() : dirs.get(0).resolve("ha.cf") + " (which has none)")
              + "; the agent needs the same setting on every node");
        }
      }
    }
    return first;
  }
}
