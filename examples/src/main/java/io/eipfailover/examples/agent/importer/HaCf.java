package io.eipfailover.examples.agent.importer;

import io.eipfailover.examples.agent.importer.ScriptFindings.Located;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Heartbeat 3's {@code ha.cf} (see {@code man ha.cf}): one directive per line, {@code #} starts a
 * comment. {@link #map} sorts every directive into a cluster setting (kept in {@code settings}, to
 * be checked for agreement between nodes), a heartbeat address, or a "not mapped" line with its
 * reason. An unknown directive, a Pacemaker cluster or a bad time is an {@link ImportException}.
 */
final class HaCf {
  /** One directive line. */
  record Directive(Where where, String name, List<String> args, String text) {}

  private static final Set<String> TRUE = Set.of("on", "yes", "true", "y", "1");
  private static final Set<String> FALSE = Set.of("off", "no", "false", "n", "0");
  private static final String LOGGING = "the agent logs to stdout (the journal under systemd); log.level sets"
      + " the level";
  private static final String NO_MEDIUM = "a VPC carries no broadcast, multicast or serial heartbeats; the"
      + " agent sends authenticated unicast UDP to each node (membership.type = udp)";
  private static final String PACEMAKER_ERA = "a Pacemaker-era or protocol detail with no equivalent here";
  private static final Map<String, String> UNMAPPED = Map.ofEntries(
      Map.entry("logfacility", LOGGING), Map.entry("logfile", LOGGING), Map.entry("debugfile", LOGGING),
      Map.entry("use_logd", LOGGING), Map.entry("conn_logd_time", LOGGING),
      Map.entry("bcast", NO_MEDIUM), Map.entry("mcast", NO_MEDIUM), Map.entry("mcast6", NO_MEDIUM),
      Map.entry("serial", NO_MEDIUM), Map.entry("baud", NO_MEDIUM), Map.entry("ucast6", "IPv6 heartbeats: the"
          + " agent heartbeats over IPv4"),
      Map.entry("stonith", "no STONITH: a guarded takeover (guard) and EC2's single-holder EIP replace fencing"),
      Map.entry("stonith_host", "no STONITH: a guarded takeover (guard) and EC2's single-holder EIP replace fencing"),
      Map.entry("watchdog", "no watchdog: the local-pause guard keeps a stalled node from acting on old views"),
      Map.entry("deadping", "the reachability guard probes its targets when a takeover is decided"
          + " (guard.reachability.timeout bounds the wait)"),
      Map.entry("hbaping", "fibre-channel ping nodes do not exist on EC2"),
      Map.entry("warntime", "the profile's warntime applies (a peer turns SUSPECT, its EIPs stay put)"),
      Map.entry("hopfudge", PACEMAKER_ERA), Map.entry("hbgenmethod", PACEMAKER_ERA), Map.entry("realtime", PACEMAKER_ERA),
      Map.entry("rtprio", PACEMAKER_ERA), Map.entry("msgfmt", PACEMAKER_ERA), Map.entry("compression", PACEMAKER_ERA),
      Map.entry("compression_threshold", PACEMAKER_ERA), Map.entry("traditional_compression", PACEMAKER_ERA),
      Map.entry("coredumps", PACEMAKER_ERA), Map.entry("uuidfrom", PACEMAKER_ERA), Map.entry("apiauth",
          "no client API: eipfailover-agent status reads the local status endpoint"),
      Map.entry("crm_daemon_dir", PACEMAKER_ERA), Map.entry("crmd_spawns_pengine", PACEMAKER_ERA),
      Map.entry("env", PACEMAKER_ERA), Map.entry("max_rexmit_delay", PACEMAKER_ERA),
      Map.entry("record_config_changes", PACEMAKER_ERA), Map.entry("record_pengine_inputs", PACEMAKER_ERA),
      Map.entry("enable_config_writes", PACEMAKER_ERA), Map.entry("memreserve", PACEMAKER_ERA),
      Map.entry("autojoin", "nodes are listed in topology.nodes; none joins by itself"));

  private HaCf() {}

  static List<Directive> read(Path file) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new ImportException(file, "cannot read (" + e.getMessage() + ")");
    }
    List<Directive> out = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      String l = lines.get(i);
      int hash = l.indexOf('#');
      String body = (hash >= 0 ? l.substring(0, hash) : l).strip();
      if (body.isEmpty()) {
        continue;
      }
      List<String> words = new ArrayList<>(Arrays.asList(body.split("\\s+")));
      out.add(new Directive(new Where(file, i + 1), words.remove(0), List.copyOf(words), body));
    }
    return out;
  }

  /** The {@code node} names, in order. */
  static List<String> nodes(List<Directive> directives) {
    List<String> out = new ArrayList<>();
    directives.stream().filter(d -> d.name().equals("node")).forEach(d -> d.args().forEach(n -> {
      if (!out.contains(n)) {
        out.add(n);
      }
    }));
    return out;
  }

  /**
   * Sorts every directive. Cluster settings go to {@code settings} by name ({@code keepalive},
   * {@code deadtime}, {@code initdead}, {@code udpport}, {@code auto_failback}, {@code ping}, {@code
   * debug}), as the value the agent will use.
   */
  static void map(List<Directive> directives, Map<String, Located> settings, ImportReport report,
      TopologyFacts topology) {
    List<String> ping = new ArrayList<>();
    Where pingWhere = null;
    for (Directive d : directives) {
      Where w = d.where();
      switch (d.name()) {
        case "node" -> {
          d.args().forEach(n -> topology.declare(n, w));
          report.mapped(w, d.text(), "topology.nodes");
        }
        case "ucast" -> {
          need(d, 2, "ucast DEVICE PEER-IP");
          topology.heartbeat(d.args().get(1), w, d.text(), Optional.empty());
        }
        case "keepalive", "deadtime", "initdead" -> {
          need(d, 1, d.name() + " TIME");
          settings.put(d.name(), new Located(String.valueOf(time(d).toMillis()), w));
          report.mapped(w, d.text(), d.name().equals("initdead") ? "failover.startup-grace"
              : "membership.udp.profile (see the failure-detection note)");
        }
        case "udpport" -> {
          need(d, 1, "udpport PORT");
          if (!d.args().get(0).matches("\\d{1,5}") || Integer.parseInt(d.args().get(0)) > 65535) {
            throw new ImportException(w, "udpport must be a port number, was '" + d.args().get(0) + "'");
          }
          settings.put("udpport", new Located(d.args().get(0), w));
          report.mapped(w, d.text(), "membership.port");
        }
        case "auto_failback", "nice_failback" -> {
          need(d, 1, d.name() + " on|off");
          String v = d.args().get(0).toLowerCase(java.util.Locale.ROOT);
          boolean on = v.equals("legacy") || TRUE.contains(v);
          if (!on && !FALSE.contains(v)) {
            throw new ImportException(w, d.name() + " must be on, off or legacy, was '" + d.args().get(0) + "'");
          }
          boolean failback = d.name().equals("auto_failback") == on;
          settings.put("auto_failback", new Located(String.valueOf(failback), w));
          report.mapped(w, d.text(), "strategy");
        }
        case "ping", "ping_group" -> {
          List<String> ips = d.name().equals("ping") ? d.args() : d.args().subList(Math.min(1, d.args().size()),
              d.args().size());
          for (String ip : ips) {
            if (!Ipv4s.isIpv4(ip)) {
              throw new ImportException(w, d.name() + " must name IPv4 addresses, was '" + ip + "'");
            }
            ping.add(ip);
          }
          pingWhere = pingWhere == null ? w : pingWhere;
          report.mapped(w, d.text(), "guard = reachability, guard.reachability.targets");
        }
        case "respawn" -> respawn(d, report);
        case "debug" -> {
          settings.put("debug", new Located(d.args().isEmpty() || d.args().get(0).equals("0") ? "INFO" : "DEBUG", w));
          report.mapped(w, d.text(), "log.level");
        }
        case "crm", "pacemaker" -> {
          if (!d.args().isEmpty() && FALSE.contains(d.args().get(0).toLowerCase(java.util.Locale.ROOT))) {
            report.unmapped(w, d.text(), "Pacemaker off is how a v1 cluster runs");
          } else {
            throw new ImportException(w, d.text() + ": a Pacemaker (CRM) cluster keeps its resources in the CIB, not"
                + " in haresources; this importer reads v1 (haresources) clusters only");
          }
        }
        default -> {
          String reason = UNMAPPED.get(d.name());
          if (reason == null) {
            throw new ImportException(w, "unknown directive '" + d.name() + "' (not a Heartbeat 3 ha.cf directive;"
                + " see man ha.cf)");
          }
          report.unmapped(w, d.text(), reason);
        }
      }
    }
    if (!ping.isEmpty()) {
      settings.put("ping", new Located(String.join(",", ping), pingWhere));
    }
  }

  private static void respawn(Directive d, ImportReport report) {
    need(d, 2, "respawn USER PROGRAM");
    if (ShellScript.basename(d.args().get(1)).equals("ipfail")) {
      report.mapped(d.where(), d.text(), "guard (ipfail's question, \"can I still reach the ping nodes?\", is the"
          + " reachability guard's, asked before every takeover)");
    } else {
      report.unmapped(d.where(), d.text(), "the agent starts no programs; run it as its own systemd unit");
    }
  }

  private static void need(Directive d, int args, String syntax) {
    if (d.args().size() < args) {
      throw new ImportException(d.where(), d.name() + " needs " + args + " argument(s): " + syntax + ", was '"
          + d.text() + "'");
    }
  }

  /** Heartbeat's time syntax: seconds ({@code 2}, {@code 1.5}) or milliseconds ({@code 1500ms}). */
  static Duration time(Directive d) {
    String v = d.args().get(0);
    try {
      if (v.endsWith("ms")) {
        return Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2)));
      }
      String s = v.endsWith("s") ? v.substring(0, v.length() - 1) : v;
      if (!s.matches("\\d+(\\.\\d+)?")) {
        throw new NumberFormatException(v);
      }
      return Duration.ofMillis(Math.round(Double.parseDouble(s) * 1000));
    } catch (NumberFormatException e) {
      throw new ImportException(d.where(), d.name() + " must be a time such as 2, 1.5 or 1500ms, was '" + v + "'");
    }
  }
}
