package io.eipfailover.core.internal.guard;

import io.eipfailover.core.AttachmentPoint;
import io.eipfailover.core.ClusterTopology;
import io.eipfailover.core.ElasticIp;
import io.eipfailover.core.MemberEntry;
import io.eipfailover.core.MemberState;
import io.eipfailover.core.MembershipView;
import io.eipfailover.core.NodeId;
import io.eipfailover.core.TakeoverRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** Takeover requests over small topologies (nodes "a", "b", ...; self is "a"), and loopback ports. */
final class Requests {
  /** 127.0.0.1 without a host name, so addresses print as "127.0.0.1:port". */
  static final InetAddress LOOPBACK = loopback();

  private Requests() {}

  private static InetAddress loopback() {
    try {
      return InetAddress.getByAddress(new byte[] {127, 0, 0, 1});
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static ClusterTopology topology(int nodes) {
    ClusterTopology.Builder b = ClusterTopology.builder().clusterName("guards");
    for (int i = 0; i < nodes; i++) {
      b.node(NodeId.of(name(i)), AttachmentPoint.primary("eni-" + (i + 1), "10.0." + (i + 1) + ".10"),
          AttachmentPoint.reserved("eni-" + (i + 1), "10.0." + (i + 1) + ".100"));
    }
    return b.elasticIp(ElasticIp.of("eipalloc-1", "52.0.0.1", nodes > 1 ? "b" : "a")).build();
  }

  static String name(int i) {
    return String.valueOf((char) ('a' + i));
  }

  /** Self "a" asks to take eipalloc-1 from {@code holder}; states[i] is node i's state. */
  static TakeoverRequest request(String holder, MemberState... states) {
    ClusterTopology t = topology(states.length);
    Map<NodeId, MemberEntry> members = new HashMap<>();
    for (int i = 0; i < states.length; i++) {
      members.put(NodeId.of(name(i)), MemberEntry.of(states[i], 0));
    }
    return request(t, holder, members);
  }

  static TakeoverRequest request(ClusterTopology t, String holder, Map<NodeId, MemberEntry> members) {
    return new TakeoverRequest(NodeId.of("a"), t.elasticIps().get(0),
        Optional.ofNullable(holder).map(NodeId::of), new MembershipView(3, NodeId.of("a"), members), t);
  }

  /** A loopback address where nothing listens: a port we just bound and closed. */
  static InetSocketAddress closedPort() {
    try (ServerSocket s = new ServerSocket(0, 1, LOOPBACK)) {
      return new InetSocketAddress(LOOPBACK, s.getLocalPort());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static ServerSocket listening() {
    try {
      return new ServerSocket(0, 50, LOOPBACK);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static InetSocketAddress addressOf(ServerSocket s) {
    return new InetSocketAddress(LOOPBACK, s.getLocalPort());
  }
}
