package io.eipfailover.membership.jgroups.scenario;

import com.google.common.util.concurrent.MoreExecutors;
import io.eipfailover.core.AttachmentPoint;
import io.eipfailover.core.ClusterTopology;
import io.eipfailover.core.ElasticIp;
import io.eipfailover.core.MembershipListener;
import io.eipfailover.core.MembershipView;
import io.eipfailover.core.NodeId;
import io.eipfailover.core.NodeSpec;
import io.eipfailover.core.testing.Await;
import io.eipfailover.core.testing.LoopbackPorts;
import io.eipfailover.membership.jgroups.JGroupsMembership;
import io.eipfailover.membership.jgroups.JGroupsMembershipBuilder;
import io.eipfailover.membership.jgroups.JGroupsMembershipConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import org.jgroups.Address;
import org.jgroups.protocols.DISCARD;
import org.jgroups.stack.ProtocolStack;

/**
 * N members of one cluster in this JVM on 127.0.0.1, each with a {@link DISCARD} protocol right
 * above its TCP transport for fault injection: partitions (drop what comes from the other side),
 * hangs (drop everything) and abrupt deaths (stop the stack without leaving), and a {@link
 * ReceivedCounter} above it that counts what arrives from other members. Short timings so detection
 * and merges take about a second. Ports come from {@link LoopbackPorts} (outside the kernel's
 * ephemeral range, so the members' own TCP connections cannot take a port reserved for a member
 * that starts later).
 */
final class LoopbackCluster implements AutoCloseable {
  static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

  /** One member and what the test needs to poke it. */
  static final class Member {
    final NodeId id;
    final int port;
    JGroupsMembership membership;
    DISCARD discard;
    ReceivedCounter received;
    final Recorder recorder = new Recorder();

    Member(NodeId id, int port) {
      this.id = id;
      this.port = port;
    }

    MembershipView view() {
      return membership.view();
    }

    Address address() {
      return discard.getProtocolStack().getChannel().getAddress();
    }
  }

  /** Records every callback, in order. */
  static final class Recorder implements MembershipListener {
    final List<MembershipView> views = new CopyOnWriteArrayList<>();
    final List<long[]> mismatches = new CopyOnWriteArrayList<>();
    final List<NodeId> mismatchPeers = new CopyOnWriteArrayList<>();

    @Override
    public void viewChanged(MembershipView view) {
      views.add(view);
    }

    @Override
    public void configMismatch(NodeId peer, long ours, long theirs) {
      mismatchPeers.add(peer);
      mismatches.add(new long[] {ours, theirs});
    }
  }

  final ClusterTopology topology;
  final Map<NodeId, Member> members = new LinkedHashMap<>();

  LoopbackCluster(int size) {
    this(topology("jgtest", size, 0));
  }

  LoopbackCluster(ClusterTopology topology) {
    this.topology = topology;
    for (NodeId id : topology.nodeIds()) {
      members.put(id, new Member(id, LoopbackPorts.reserve()));
    }
  }

  /** A topology of {@code size} nodes n1..nN with one EIP each; {@code variant} changes EIP addresses. */
  static ClusterTopology topology(String name, int size, int variant) {
    ClusterTopology.Builder b = ClusterTopology.builder().clusterName(name);
    for (int i = 1; i <= size; i++) {
      List<AttachmentPoint> reserved = new ArrayList<>();
      for (int k = 0; k < size - 1; k++) {
        reserved.add(AttachmentPoint.reserved("eni-" + i + "1", "10.0." + i + "." + (20 + k)));
      }
      b.node(new NodeSpec(NodeId.of("n" + i), List.of(AttachmentPoint.primary("eni-" + i + "0", "10.0." + i + ".10")),
          reserved));
      b.elasticIp(ElasticIp.of("eipalloc-0" + i, "203.0.113." + (i + variant), "n" + i));
    }
    return b.build();
  }

  Member member(String id) {
    return members.get(NodeId.of(id));
  }

  List<String> initialMembers() {
    return members.values().stream().map(m -> LOOPBACK.getHostAddress() + "[" + m.port + "]").toList();
  }

  /** The builder every member uses, with test timings and the DISCARD and counter hooks. */
  JGroupsMembershipBuilder builderFor(Member m, ClusterTopology topologyOfMember) {
    UnaryOperator<List<org.jgroups.stack.Protocol>> addDiscard = protocols -> {
      List<org.jgroups.stack.Protocol> copy = new ArrayList<>(protocols);
      m.discard = new DISCARD();
      m.received = new ReceivedCounter();
      copy.add(1, m.discard);
      copy.add(2, m.received);
      return copy;
    };
    return JGroupsMembership.builder()
        .self(m.id)
        .topology(topologyOfMember)
        .clusterName("jgtest-" + members.values().iterator().next().port)
        .bindAddress(LOOPBACK)
        .bindPort(m.port)
        .initialMembers(initialMembers())
        .config(JGroupsMembershipConfig.builder()
            .heartbeat(Duration.ofMillis(100), Duration.ofMillis(400))
            .suspectVerifyTimeout(Duration.ofMillis(200))
            .mergeInterval(Duration.ofMillis(300), Duration.ofMillis(900))
            .joinTimeout(Duration.ofMillis(600))
            .announceInterval(Duration.ofMillis(300))
            .build())
        .stackCustomizer(addDiscard);
  }

  Member start(String id) {
    return start(id, topology);
  }

  Member start(String id, ClusterTopology topologyOfMember) {
    return start(id, builderFor(member(id), topologyOfMember));
  }

  /** Starts {@code id} from a builder (e.g. {@link #builderFor} plus security). */
  Member start(String id, JGroupsMembershipBuilder builder) {
    Member m = member(id);
    m.recorder.views.clear();
    m.membership = builder.build();
    m.membership.addListener(m.recorder, MoreExecutors.directExecutor());
    m.membership.start();
    return m;
  }

  /** Each side drops everything coming from the other. */
  void partition(Set<String> left, Set<String> right) {
    for (String l : left) {
      for (String r : right) {
        member(l).discard.addIgnoreMember(member(r).address());
        member(r).discard.addIgnoreMember(member(l).address());
      }
    }
  }

  void heal() {
    members.values().stream().filter(m -> m.discard != null).forEach(m -> m.discard.resetIgnoredMembers());
  }

  /** The member stops answering (a hung host): nothing in, nothing out, sockets stay open. */
  void hang(String id) {
    member(id).discard.discardAll(true);
  }

  /** The member dies: nothing more goes out and its sockets close, without a LEAVE. */
  void kill(String id) {
    Member m = member(id);
    m.discard.discardAll(true);
    ProtocolStack stack = m.discard.getProtocolStack();
    stack.stopStack(stack.getChannel().clusterName());
    stack.destroy();
  }

  /** Waits (see {@link Await}) until {@code observer}'s view satisfies {@code condition}; returns that view. */
  MembershipView await(String observer, Predicate<MembershipView> condition, Duration timeout, String what) {
    return Await.value(observer + " sees " + what, timeout, () -> member(observer).view(), condition);
  }

  @Override
  public void close() {
    for (Member m : members.values()) {
      if (m.membership != null) {
        try {
          m.membership.close();
        } catch (RuntimeException ignored) {
          // a killed member's stack is already gone
        }
      }
    }
  }
}
