package io.eipfailover.examples.agent;

import java.util.ArrayList;
import java.util.List;

/**
 * What SIGHUP can change in a running agent: the log level, the health check (its kind, target,
 * time-out and rise/fall; not its interval, which the reconciler schedules at start), with UDP
 * membership the heartbeat keys (a rotation step), {@code shutdown.handoff-timeout} (the
 * shutdown hook reads the current configuration) and the event hooks ({@code hooks.*}). Everything else needs a restart; {@link
 * #needsRestart} names those sections so the operator is told, not silently ignored. Pure.
 */
final class ConfigReload {
  private ConfigReload() {}

  /** The changed settings that only take effect after a restart, by config key prefix. */
  static List<String> needsRestart(AgentConfig old, AgentConfig now) {
    List<String> out = new ArrayList<>();
    check(out, "cluster.name", old.clusterName(), now.clusterName());
    check(out, "node.id", old.nodeId(), now.nodeId());
    check(out, "topology.*", old.topology(), now.topology());
    check(out, "membership.*", membershipKey(old), membershipKey(now));
    if (old.membership().type() == AgentConfig.MembershipType.JGROUPS && keysChanged(old, now)) {
      out.add("membership.key-file (jgroups: the encryption key and join secret are fixed when the channel starts)");
    }
    check(out, "strategy*", old.strategy(), now.strategy());
    check(out, "guard*", old.guards(), now.guards());
    check(out, "health.interval", old.health().interval(), now.health().interval());
    check(out, "status.*", old.status(), now.status());
    check(out, "ec2.*", old.ec2(), now.ec2());
    check(out, "provision.*", old.provision(), now.provision());
    check(out, "failover.*", old.failover(), now.failover());
    check(out, "dry-run", old.dryRun(), now.dryRun());
    return out;
  }

  /** The membership settings other than its keys (those are compared by {@link #keysChanged}). */
  private static String membershipKey(AgentConfig c) {
    AgentConfig.Membership m = c.membership();
    return new StringBuilder().append(m.type()).append(m.port()).append(m.addresses())
        .append(m.udpProfile()).append(m.jgroupsStackFile()).toString();
  }

  /**
   * Whether the key file's content changed (signing key, key ids or secrets). With UDP
   * membership the new keyring is applied at once ({@code UdpMembership.updateKeyring}).
   */
  static boolean keysChanged(AgentConfig old, AgentConfig now) {
    return !keysText(old).equals(keysText(now));
  }

  /** Key material compares by content: byte arrays in records compare by identity. */
  private static String keysText(AgentConfig c) {
    StringBuilder sb = new StringBuilder();
    c.membership().keys().ifPresent(k -> {
      sb.append(k.primaryKeyId()).append(':');
      k.keys().forEach((id, key) -> sb.append(id).append('=').append(java.util.Arrays.toString(key)).append(';'));
    });
    return sb.toString();
  }

  private static void check(List<String> out, String name, Object a, Object b) {
    if (!a.equals(b)) {
      out.add(name);
    }
  }
}
