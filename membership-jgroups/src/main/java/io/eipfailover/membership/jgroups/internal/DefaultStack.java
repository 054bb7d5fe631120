package io.eipfailover.membership.jgroups.internal;

import io.eipfailover.membership.jgroups.JGroupsSecurity;
import java.util.ArrayList;
import java.util.List;
import org.jgroups.auth.AuthToken;
import org.jgroups.protocols.ASYM_ENCRYPT;
import org.jgroups.protocols.AUTH;
import org.jgroups.protocols.FD_ALL3;
import org.jgroups.protocols.FD_SOCK2;
import org.jgroups.protocols.FRAG4;
import org.jgroups.protocols.MERGE3;
import org.jgroups.protocols.SERIALIZE;
import org.jgroups.protocols.SYM_ENCRYPT;
import org.jgroups.protocols.TCP;
import org.jgroups.protocols.TCPPING;
import org.jgroups.protocols.UNICAST3;
import org.jgroups.protocols.VERIFY_SUSPECT2;
import org.jgroups.protocols.pbcast.GMS;
import org.jgroups.protocols.pbcast.NAKACK2;
import org.jgroups.protocols.pbcast.STABLE;
import org.jgroups.stack.Protocol;

/**
 * The default EC2 stack, built in code so every property is type-checked against JGroups 5.4.
 * Bottom to top:
 *
 * <pre>
 * TCP              non-blocking sends: a hung peer never blocks our sends; diagnostics (probe) off
 * TrafficObserver  ours: notes every sender for lastHeard
 * TCPPING          static discovery (VPCs have no multicast); port_range 0: exact host[port]
 * MERGE3           heals partitions: min/max interval
 * FD_SOCK2         fast on process death: the peer's socket closes
 * FD_ALL3          hung hosts and partitions: heartbeat every interval, suspect after timeout
 * SuspectObserver  ours: reports raw suspicions (SUSPECT state, suspectedAt)
 * VERIFY_SUSPECT2  double-checks a suspicion before GMS acts on it
 * [SYM_ENCRYPT | ASYM_ENCRYPT] + SERIALIZE   optional: SERIALIZE wraps whole messages so headers above are encrypted
 * NAKACK2          reliable multicast (retransmission by unicast: no IP multicast)
 * UNICAST3         reliable unicast
 * STABLE           garbage-collects delivered messages
 * [AUTH]           optional join secret
 * GMS              views, joins, merges
 * FRAG4            fragmentation (state messages are tiny; kept for user traffic on a shared channel)
 * </pre>
 *
 * No flow control (UFC/MFC) on purpose: our traffic is a few bytes per second per node, and
 * credit-based flow control would block a sender on a hung member. Detection time for a hung or
 * partitioned node is about {@code heartbeatTimeout + heartbeatInterval + suspectVerifyTimeout}.
 */
public final class DefaultStack {
  private DefaultStack() {}

  /** The protocols, bottom first, with our two observers in place. */
  public static List<Protocol> protocols(JGroupsParts parts, TrafficObserver traffic, SuspectObserver suspects) {
    List<Protocol> stack = new ArrayList<>();
    TCP tcp = new TCP();
    tcp.setBindAddress(parts.bindAddress());
    tcp.setBindPort(parts.bindPort());
    tcp.setPortRange(0);
    tcp.nonBlockingSends(true);
    // Diagnostics (the probe endpoint, which answers anyone asking about the cluster) stay off:
    // JGroups 5.4 leaves them disabled unless enabled; a scenario test checks it.
    stack.add(tcp);
    stack.add(traffic);
    stack.add(new TCPPING().setInitialHosts(parts.initialMembers()).setPortRange(0));
    stack.add(new MERGE3()
        .setMinInterval(parts.config().mergeMinInterval().toMillis())
        .setMaxInterval(parts.config().mergeMaxInterval().toMillis()));
    stack.add(new FD_SOCK2().setBindAddress(parts.bindAddress()));
    stack.add(new FD_ALL3()
        .setTimeout(parts.config().heartbeatTimeout().toMillis())
        .setInterval(parts.config().heartbeatInterval().toMillis()));
    stack.add(suspects);
    stack.add(new VERIFY_SUSPECT2().setTimeout(parts.config().suspectVerifyTimeout().toMillis()));
    JGroupsSecurity security = parts.security();
    switch (security.encryption()) {
      case SYMMETRIC -> {
        stack.add(new SYM_ENCRYPT().setSecretKey(security.secretKey().orElseThrow()));
        stack.add(new SERIALIZE());
      }
      case ASYMMETRIC -> {
        stack.add(new ASYM_ENCRYPT());
        stack.add(new SERIALIZE());
      }
      case NONE -> { }
    }
    stack.add(new NAKACK2().useMcastXmit(false));
    stack.add(new UNICAST3());
    stack.add(new STABLE());
    security.authSecret().ifPresent(secret -> {
      AuthToken token = new SharedSecretToken(parts.clusterName(), secret);
      java.util.Arrays.fill(secret, '\0');
      stack.add(new AUTH().setAuthToken(token));
    });
    stack.add(new GMS().setJoinTimeout(parts.config().joinTimeout().toMillis()).setMaxJoinAttempts(3).printLocalAddress(false));
    stack.add(new FRAG4());
    return stack;
  }
}
