package io.eipfailover.examples.agent;

import io.eipfailover.core.ClusterTopology;
import io.eipfailover.core.event.ConfigMismatch;
import io.eipfailover.core.event.FailoverEvent;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The configuration fingerprint the agent puts in every heartbeat: one byte per plan-relevant
 * setting group, so that a peer's different fingerprint names what differs instead of only saying
 * "mismatch", in the 64 bits the heartbeat already carries (no wire change, no extra message).
 * "Same view, same plan" needs every node to agree on these; settings that may differ per node
 * (addresses, guard targets, health check, timeouts of local probes) are left out.
 *
 * <p>Byte {@code i} is the first byte of SHA-256 of group {@code i}'s canonical text. Trade-off: a
 * group that differs goes unnoticed with probability 1/256 (its two bytes collide), and the whole
 * mismatch only if every differing group collides; a single 64-bit hash would miss less often but
 * could never say which setting differs. Pure, but for the logging listener.
 */
final class PlanFingerprint {
  private static final Logger LOG = LoggerFactory.getLogger(PlanFingerprint.class);
  /** The groups, in byte order (most significant first). */
  static final List<String> GROUPS = List.of("topology.*", "strategy", "strategy.failback-delay",
      "strategy.priority.*", "failover.hold-time", "failover.tolerated-failures", "guard, guard.combine",
      "membership.udp.profile");

  private PlanFingerprint() {}

  /** Each group's canonical text, in {@link #GROUPS} order. */
  static List<String> canonical(AgentConfig cfg, ClusterTopology topology) {
    int tolerated = cfg.failover().toleratedFailures().orElse(Math.min(1, topology.nodes().size() - 1));
    AgentConfig.Strategy s = cfg.strategy();
    return List.of(
        Long.toHexString(topology.fingerprint()),
        s.kind().name(),
        s.kind() == AgentConfig.StrategyKind.STICKY ? "-" : s.failbackDelay().toString(),
        new java.util.TreeMap<>(s.priorities()).toString(),
        cfg.failover().holdTime().toString(),
        String.valueOf(tolerated),
        cfg.guards().kinds() + (cfg.guards().anyOf() ? " any" : " all"),
        cfg.membership().type() == AgentConfig.MembershipType.UDP ? cfg.membership().udpProfile() : "-");
  }

  static long of(AgentConfig cfg, ClusterTopology topology) {
    List<String> texts = canonical(cfg, topology);
    long fp = 0;
    for (int i = 0; i < GROUPS.size(); i++) {
      fp = (fp << 8) | (digest(GROUPS.get(i) + "=" + texts.get(i)) & 0xff);
    }
    return fp;
  }

  /** The groups whose bytes differ between two fingerprints. */
  static List<String> differing(long ours, long theirs) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < GROUPS.size(); i++) {
      int shift = 8 * (GROUPS.size() - 1 - i);
      if (((ours >>> shift) & 0xff) != ((theirs >>> shift) & 0xff)) {
        out.add(GROUPS.get(i));
      }
    }
    return out;
  }

  /** A listener: when a peer's heartbeat fingerprint differs, says which plan-relevant settings differ. */
  static void logDifferingSettings(FailoverEvent e) {
    if (e instanceof ConfigMismatch m) {
      List<String> groups = differing(m.ourFingerprint(), m.theirFingerprint());
      LOG.error("[id={}] peer {} runs another configuration: it differs in {}; nodes must agree on these or"
          + " their plans disagree (deploy the same settings everywhere)", m.self(), m.peer(),
          groups.isEmpty() ? "settings this agent does not fingerprint (another version?)" : String.join(", ", groups));
    }
  }

  private static byte digest(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8))[0];
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }
}
