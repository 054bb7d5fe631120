package io.eipfailover.examples.agent;

import com.google.common.base.Ticker;
import io.eipfailover.core.ClusterTopology;
import io.eipfailover.core.Membership;
import io.eipfailover.core.NodeId;
import io.eipfailover.membership.jgroups.JGroupsMembership;
import io.eipfailover.membership.jgroups.JGroupsMembershipBuilder;
import io.eipfailover.membership.jgroups.JGroupsSecurity;
import io.eipfailover.membership.udp.DetectorSettings;
import io.eipfailover.membership.udp.UdpKeyring;
import io.eipfailover.membership.udp.UdpMembership;
import io.eipfailover.membership.udp.UdpMembershipBuilder;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Builds the configured {@link Membership} (unstarted) for one node. */
final class MembershipFactory {
  private MembershipFactory() {}

  /** The detection deadline of the configured membership, for the reconciler's local-pause check. */
  static Duration detectionDeadline(AgentConfig.Membership m) {
    return m.type() == AgentConfig.MembershipType.UDP ? detector(m.udpProfile()).deadtime() : Duration.ofMillis(1100);
  }

  static DetectorSettings detector(String profile) {
    return switch (profile) {
      case "aggressive" -> DetectorSettings.aggressive();
      case "stall-immune" -> DetectorSettings.stallImmune();
      case "stall-immune-fast" -> DetectorSettings.stallImmuneFast();
      case "phi-accrual" -> DetectorSettings.phiAccrual();
      default -> DetectorSettings.defaults();
    };
  }

  /**
   * @param planFingerprint the UDP heartbeats' configuration fingerprint ({@link PlanFingerprint});
   *     JGroups membership carries the topology's own
   */
  static Membership create(AgentConfig.Membership m, NodeId self, ClusterTopology topology, Ticker ticker,
      long planFingerprint) {
    return m.type() == AgentConfig.MembershipType.UDP ? udp(m, self, topology, ticker, planFingerprint)
        : jgroups(m, self, topology, ticker);
  }

  private static UdpMembership udp(AgentConfig.Membership m, NodeId self, ClusterTopology topology, Ticker ticker,
      long planFingerprint) {
    UdpMembershipBuilder b = UdpMembership.builder()
        .self(self)
        .topology(topology)
        .configFingerprint(planFingerprint)
        .bindAddress(m.addressOf(self, topology))
        .keyring(keyring(m.keys().orElseThrow(() ->
            new IllegalStateException("membership.key-file is required with membership.type=udp"))))
        .detector(detector(m.udpProfile()))
        .ticker(ticker);
    for (NodeId peer : topology.nodeIds()) {
      if (!peer.equals(self)) {
        b.peer(peer, m.addressOf(peer, topology));
      }
    }
    return b.build();
  }

  private static JGroupsMembership jgroups(AgentConfig.Membership m, NodeId self, ClusterTopology topology, Ticker ticker) {
    JGroupsMembershipBuilder b = JGroupsMembership.builder().self(self).topology(topology).ticker(ticker);
    if (m.jgroupsStackFile().isPresent()) {
      return b.stackFile(m.jgroupsStackFile().get()).build();
    }
    InetSocketAddress own = m.addressOf(self, topology);
    List<String> members = new ArrayList<>();
    for (NodeId n : topology.nodeIds()) {
      InetSocketAddress a = m.addressOf(n, topology);
      members.add(a.getAddress().getHostAddress() + "[" + a.getPort() + "]");
    }
    b.bindAddress(own.getAddress()).bindPort(own.getPort()).initialMembers(members);
    m.keys().ifPresent(k -> b.security(jgroupsSecurity(k, topology.clusterName())));
    return b.build();
  }

  /**
   * JGroups traffic encrypted (SYM_ENCRYPT) with an AES-256 key derived from the key file's signing
   * key, and joins authenticated (AUTH) with the same secret: the module's advice, with nothing
   * more to distribute than the key file every node already has. The key is HMAC-SHA256(secret,
   * label + cluster name), so it is never the heartbeat key itself and differs per cluster.
   */
  static JGroupsSecurity jgroupsSecurity(KeyFile.Keys keys, String clusterName) {
    byte[] secret = keys.keys().get(keys.primaryKeyId());
    try {
      javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
      mac.init(new javax.crypto.spec.SecretKeySpec(secret, "HmacSHA256"));
      byte[] aes = mac.doFinal(("eipfailover jgroups SYM_ENCRYPT v1 " + clusterName).getBytes(StandardCharsets.UTF_8));
      return JGroupsSecurity.symmetric(new javax.crypto.spec.SecretKeySpec(aes, "AES"))
          .withAuthSecret(new String(secret, StandardCharsets.UTF_8).toCharArray());
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
    }
  }

  static UdpKeyring keyring(KeyFile.Keys keys) {
    UdpKeyring.Builder b = UdpKeyring.builder().primary(keys.primaryKeyId(), keys.keys().get(keys.primaryKeyId()));
    for (Map.Entry<Integer, byte[]> e : keys.keys().entrySet()) {
      if (e.getKey() != keys.primaryKeyId()) {
        b.accept(e.getKey(), e.getValue());
      }
    }
    return b.build();
  }
}
