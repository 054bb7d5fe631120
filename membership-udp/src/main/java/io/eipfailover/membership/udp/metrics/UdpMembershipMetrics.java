package io.eipfailover.membership.udp.metrics;

import io.eipfailover.core.NodeId;
import io.eipfailover.core.metrics.MembershipMetrics;
import io.eipfailover.core.runtime.Checks;
import io.eipfailover.membership.udp.DropReason;
import io.eipfailover.membership.udp.UdpMembership;
import io.eipfailover.membership.udp.UdpMembershipCounters;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToLongFunction;

/**
 * A {@link UdpMembership}'s counters as Micrometer meters, plus the view meters every membership
 * has ({@link MembershipMetrics}). Counters (all since the membership started):
 *
 * <ul>
 *   <li>{@code eipfailover.heartbeats.sent}, {@code eipfailover.heartbeat.send.errors},
 *       {@code eipfailover.heartbeats.received}, {@code eipfailover.heartbeats.accepted};
 *   <li>{@code eipfailover.heartbeats.dropped}, tag {@code reason} (a {@link DropReason} in lower
 *       case; every reason is present, zero included);
 *   <li>{@code eipfailover.heartbeats.late}: heartbeats later than the warning time;
 *   <li>{@code eipfailover.heartbeat.suspicions}: times a peer became SUSPECT;
 *   <li>{@code eipfailover.heartbeat.pause.guards}: times this node found its own loop had stalled;
 *   <li>the crash fast path: {@code eipfailover.heartbeat.port.unreachable} (ICMP signals), {@code
 *       eipfailover.heartbeat.tcp.crash.signals} (crash links lost), {@code
 *       eipfailover.heartbeat.crash.link.connects}, {@code eipfailover.heartbeat.fast.path.convictions}
 *       (peers declared dead by it);
 *   <li>{@code eipfailover.heartbeat.auth.failures}, tags {@code peer} and {@code reason} (the
 *       drop reasons that are {@link DropReason#isAuthenticationFailure authentication failures}):
 *       datagrams from that configured peer's host that failed authentication; every configured
 *       peer and such reason is present, zero included.
 * </ul>
 *
 * <p>The counters are read from {@link UdpMembership#counters()} when the registry polls them
 * (nothing is added to the heartbeat path).
 * As Micrometer's function meters do, the registry holds the membership weakly: keep your own
 * reference while it runs.
 * Thread-safe.
 */
public final class UdpMembershipMetrics implements MeterBinder {
  private final UdpMembership membership;
  private final Iterable<Tag> tags;

  /** Meters for {@code membership}, with no extra tags. */
  public UdpMembershipMetrics(UdpMembership membership) {
    this(membership, Tags.empty());
  }

  /** Meters for {@code membership}, each carrying {@code tags} too. */
  public UdpMembershipMetrics(UdpMembership membership, Iterable<Tag> tags) {
    this.membership = Checks.notNull("membership", membership);
    this.tags = Tags.of(Checks.notNull("tags", tags));
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    Checks.notNull("registry", registry);
    new MembershipMetrics(membership, tags).bindTo(registry);
    counter(registry, "eipfailover.heartbeats.sent", "datagrams sent: heartbeats, announcements, probes",
        Tags.empty(), UdpMembershipCounters::sent);
    counter(registry, "eipfailover.heartbeat.send.errors", "sends the transport refused", Tags.empty(),
        UdpMembershipCounters::sendErrors);
    counter(registry, "eipfailover.heartbeats.received", "datagrams received, valid or not", Tags.empty(),
        UdpMembershipCounters::received);
    counter(registry, "eipfailover.heartbeats.accepted", "datagrams that passed every check", Tags.empty(),
        UdpMembershipCounters::accepted);
    for (DropReason reason : DropReason.values()) {
      counter(registry, "eipfailover.heartbeats.dropped", "datagrams dropped, by reason",
          Tags.of("reason", reason.name().toLowerCase(Locale.ROOT)), c -> c.dropped(reason));
    }
    counter(registry, "eipfailover.heartbeats.late", "heartbeats later than the warning time", Tags.empty(),
        UdpMembershipCounters::lateHeartbeats);
    counter(registry, "eipfailover.heartbeat.suspicions", "times a peer became suspect", Tags.empty(),
        UdpMembershipCounters::suspicions);
    counter(registry, "eipfailover.heartbeat.pause.guards", "times this node found its own loop had stalled",
        Tags.empty(), UdpMembershipCounters::pauseGuards);
    counter(registry, "eipfailover.heartbeat.port.unreachable", "ICMP port-unreachable signals", Tags.empty(),
        UdpMembershipCounters::portUnreachableSignals);
    counter(registry, "eipfailover.heartbeat.tcp.crash.signals", "crash signals from lost TCP crash links",
        Tags.empty(), UdpMembershipCounters::tcpCrashSignals);
    counter(registry, "eipfailover.heartbeat.crash.link.connects", "TCP crash-detection links established to peers",
        Tags.empty(), UdpMembershipCounters::crashSocketConnects);
    counter(registry, "eipfailover.heartbeat.fast.path.convictions", "peers declared dead by the crash fast path",
        Tags.empty(), UdpMembershipCounters::fastPathConvictions);
    for (NodeId peer : membership.view().members().keySet()) {
      if (peer.equals(membership.self())) {
        continue;
      }
      for (DropReason reason : DropReason.values()) {
        if (reason.isAuthenticationFailure()) {
          counter(registry, "eipfailover.heartbeat.auth.failures", "datagrams from a configured peer's host that"
              + " failed authentication, by peer and reason", Tags.of("peer", peer.value(), "reason",
              reason.name().toLowerCase(Locale.ROOT)), c -> c.authFailures().getOrDefault(peer, Map.of())
              .getOrDefault(reason, 0L));
        }
      }
    }
  }

  private void counter(MeterRegistry registry, String name, String description, Tags extra,
      ToLongFunction<UdpMembershipCounters> value) {
    FunctionCounter.builder(name, membership, m -> value.applyAsLong(m.counters()))
        .description(description)
        .tags(tags).tags(extra)
        .register(registry);
  }
}
