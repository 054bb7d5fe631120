package io.eipfailover.examples.agent.importer;

import io.eipfailover.examples.agent.importer.KeepalivedConf.Item;
import io.eipfailover.examples.agent.importer.ScriptFindings.Located;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One {@code vrrp_instance} block of one node's keepalived.conf: what decides who holds its EIPs
 * (priority, state, preemption), how fast (advert_int), the heartbeat addresses, and the scripts
 * it tracks and notifies. {@link #read} reports every line it does not carry over.
 */
record VrrpInstance(String name, String node, Where where, Optional<String> state, int priority, Duration advert,
    boolean nopreempt, Optional<Located> preemptDelay, List<Item> trackScripts, List<Item> notifyScripts,
    List<Located> peers) {
  private static final String VRRP_DETAIL = "a VRRP protocol detail with no equivalent (EC2 moves an EIP in one"
      + " call: no ARP, no virtual MAC)";
  private static final String HOOK = "an action on a state change: give it to a hook (hooks.eip-released,"
      + " hooks.local-status-changed; docs/migrating.md#hooks)";
  private static final String FLOATING = "a floating private IP cannot move between instances in a VPC; the EIPs"
      + " move (notify_master's associate-address)";
  private static final String HEALTH = "the agent's health check (health.check) decides whether a node serves";
  private static final Map<String, String> UNMAPPED = Map.ofEntries(
      Map.entry("interface", "heartbeats leave from the node's home IP, not an interface"),
      Map.entry("virtual_router_id", "EIPs are named by allocation id, not by a VRID"),
      Map.entry("track_interface", "a node whose link goes down stops heartbeating and its EIPs are taken over"),
      Map.entry("track_file", HEALTH), Map.entry("track_process", HEALTH), Map.entry("track_bfd", HEALTH),
      Map.entry("notify_backup", HOOK), Map.entry("notify_fault", HOOK), Map.entry("notify_stop", HOOK),
      Map.entry("notify_deleted", HOOK), Map.entry("smtp_alert", HOOK), Map.entry("notify_priority_changes", HOOK),
      Map.entry("notify_master_rx_lower_pri", HOOK));
  private static final Set<String> DETAILS = Set.of("use_vmac", "use_vmac_addr", "vmac_xmit_base", "use_ipvlan",
      "native_ipv6", "dont_track_primary", "mcast_src_ip", "mcast_dst_ip", "track_src_ip", "version",
      "check_unicast_src", "unicast_fault_no_peer", "unicast_ttl", "old_unicast_checksum", "garp_master_delay",
      "garp_master_repeat", "garp_lower_prio_delay", "garp_lower_prio_repeat", "garp_master_refresh",
      "garp_master_refresh_repeat", "garp_extra_if", "garp_extra_if_vmac", "down_timer_adverts",
      "lower_prio_no_advert", "higher_prio_send_advert", "accept", "no_accept", "skip_check_adv_addr", "strict_mode",
      "debug", "promote_secondaries", "kernel_rx_buf_size", "linkbeat_use_polling", "vrf");
  private static final Set<String> FLOATING_BLOCKS =
      Set.of("virtual_ipaddress", "virtual_ipaddress_excluded", "virtual_routes", "virtual_rules");

  /** Reads {@code block} of {@code node}'s file; heartbeat addresses go to {@code topology}. */
  static VrrpInstance read(Item block, String node, ImportReport r, TopologyFacts topology) {
    String name = block.arg(0);
    Optional<String> state = Optional.empty();
    int priority = 100;
    Duration advert = Duration.ofSeconds(1);
    boolean nopreempt = false;
    Optional<Located> delay = Optional.empty();
    List<Item> track = new ArrayList<>();
    List<Item> notify = new ArrayList<>();
    List<Located> peers = new ArrayList<>();
    for (Item i : block.children()) {
      Where w = i.where();
      switch (i.keyword()) {
        case "state" -> {
          String s = i.arg(0);
          if (!s.equals("MASTER") && !s.equals("BACKUP")) {
            throw new ImportException(w, "state must be MASTER or BACKUP, was '" + s + "'");
          }
          state = Optional.of(s);
          r.mapped(w, i.text(), "topology.eip.<allocation-id>.home (on equal priorities)");
        }
        case "priority" -> {
          priority = integer(i, 1, 255);
          r.mapped(w, i.text(), "topology.eip.<allocation-id>.home (the highest priority; with more than two nodes"
              + " also strategy.priority.*)");
        }
        case "advert_int" -> {
          advert = seconds(i);
          r.mapped(w, i.text(), "membership.udp.profile (see the failure-detection note)");
        }
        case "nopreempt" -> {
          nopreempt = true;
          r.mapped(w, i.text(), "strategy = sticky");
        }
        case "preempt" -> r.mapped(w, i.text(), "strategy = home-with-failback");
        case "preempt_delay" -> {
          delay = Optional.of(new Located(CommonKeys.duration(seconds(i)), w));
          r.mapped(w, i.text(), "strategy.failback-delay");
        }
        case "unicast_src_ip" -> topology.heartbeat(ip(i, i.arg(0)), w, i.text(), Optional.of(node));
        case "unicast_peer" -> i.children().forEach(p -> {
          topology.heartbeat(ip(p, p.keyword()), p.where(), p.text(), Optional.empty());
          peers.add(new Located(p.keyword(), p.where()));
        });
        case "track_script" -> track.addAll(i.children().isEmpty() ? List.of(i) : i.children());
        case "notify_master", "notify" -> notify.add(i);
        case "authentication" -> i.children().forEach(a -> r.unmapped(a.where(), a.keyword().equals("auth_pass")
            ? "auth_pass <secret>" : a.text(), "VRRP authentication is not carried over (a PASS password travels in"
            + " clear in every advert); the new key file replaces it"));
        default -> {
          if (FLOATING_BLOCKS.contains(i.keyword())) {
            r.unmapped(w, i.text(), FLOATING);
            i.children().forEach(c -> r.unmapped(c.where(), c.text(), FLOATING));
          } else if (UNMAPPED.containsKey(i.keyword()) || DETAILS.contains(i.keyword())) {
            r.unmapped(w, i.text(), UNMAPPED.getOrDefault(i.keyword(), VRRP_DETAIL));
          } else {
            throw new ImportException(w, "unknown keyword '" + i.keyword() + "' in vrrp_instance " + name
                + " (see man keepalived.conf)");
          }
        }
      }
    }
    return new VrrpInstance(name, node, block.where(), state, priority, advert, nopreempt, delay, track, notify, peers);
  }

  /**
   * The worst-case time keepalived's backup took to take over from a silent master: three adverts
   * plus the skew time, (256 - priority) / 256 adverts (RFC 3768).
   */
  Duration masterDownInterval() {
    return Duration.ofNanos(advert.toNanos() * 3 + advert.toNanos() * (256 - priority) / 256);
  }

  private static String ip(Item i, String ip) {
    if (!Ipv4s.isIpv4(ip)) {
      throw new ImportException(i.where(), "must be an IPv4 address, was '" + ip + "'");
    }
    return ip;
  }

  static int integer(Item i, int min, int max) {
    String v = i.arg(0);
    if (!v.matches("\\d{1,4}") || Integer.parseInt(v) < min || Integer.parseInt(v) > max) {
      throw new ImportException(i.where(), i.keyword() + " must be an integer from " + min + " to " + max + ", was '"
          + v + "'");
    }
    return Integer.parseInt(v);
  }

  /** keepalived's timer syntax: seconds, fractions allowed ({@code 1}, {@code 0.5}). */
  static Duration seconds(Item i) {
    String v = i.arg(0);
    if (!v.matches("\\d{1,4}(\\.\\d{1,6})?")) {
      throw new ImportException(i.where(), i.keyword() + " must be seconds such as 1 or 0.5, was '" + v + "'");
    }
    return Duration.ofMillis(Math.round(Double.parseDouble(v) * 1000));
  }
}
