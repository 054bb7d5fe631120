package io.eipfailover.examples.agent.status;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.eipfailover.core.ClusterTopology;
import io.eipfailover.core.ElasticIp;
import io.eipfailover.core.FailoverStatus;
import io.eipfailover.core.MemberEntry;
import io.eipfailover.core.MembershipView;
import io.eipfailover.core.NodeId;
import io.eipfailover.core.ObservedAssociation;
import io.eipfailover.core.Placement;
import io.eipfailover.core.event.FailoverTimeline;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * Renders a {@link FailoverStatus} as JSON (with Jackson) for the status endpoint: this node, its
 * announced status, the membership view (ages in milliseconds relative to {@code now}: {@code
 * sinceMs} in the state, {@code lastHeardMs} since the last accepted heartbeat, {@code
 * unauthenticatedMs} since a peer's host began sending heartbeats that fail authentication, or
 * null, {@code hearsSelf} whether the member says it hears this node: YES, NO or UNKNOWN), every EIP with where EC2 last showed it and where the plan wants it, the last takeover's
 * timeline and the counters; with {@link Extras}, also the render time ({@code now}), each EIP's {@code
 * holderSince} and the {@code recent} events. Field names and order are the status page's contract
 * ({@code eipfailover-agent status} and scripts read them). Stateless and thread-safe.
 */
public final class StatusJson {
  /** The agent's one JSON mapper (thread-safe once configured). */
  public static final ObjectMapper MAPPER = new ObjectMapper();

  private StatusJson() {}

  /**
   * What the snapshot does not hold: the wall-clock time of the render, since when each EIP is where
   * it is (as this node saw it), and the recent events.
   */
  public record Extras(Instant wallNow, Map<String, Instant> holderSince, List<RecentEvents.Entry> recent) {}

  /**
   * @param now the ticker reading to compute ages against (same ticker as the failover's)
   */
  public static String render(FailoverStatus s, ClusterTopology topology, long now) {
    return render(s, topology, now, Optional.empty());
  }

  /** As {@link #render(FailoverStatus, ClusterTopology, long)}, adding {@code now}, {@code holderSince} and {@code recent}. */
  public static String render(FailoverStatus s, ClusterTopology topology, long now, Optional<Extras> extras) {
    ObjectNode root = MAPPER.createObjectNode();
    root.put("cluster", topology.clusterName());
    root.put("self", s.self().value());
    root.put("running", s.running());
    root.put("dryRun", s.dryRun());
    root.put("localStatus", s.localStatus() == null ? null : s.localStatus().name());
    if (s.view() == null) {
      root.putNull("view");
    } else {
      ObjectNode view = root.putObject("view").put("epoch", s.view().epoch()).put("merged", s.view().merged());
      ObjectNode members = view.putObject("members");
      for (Map.Entry<NodeId, MemberEntry> e : s.view().members().entrySet()) {
        MemberEntry p = e.getValue();
        ObjectNode m = members.putObject(e.getKey().value()).put("state", p.state().name())
            .put("sinceMs", (now - p.since()) / 1_000_000);
        putMillis(m, "lastHeardMs", p.lastHeard().isPresent() ? OptionalLong.of(now - p.lastHeard().getAsLong())
            : OptionalLong.empty());
        putMillis(m, "unauthenticatedMs", p.unauthenticatedSince().isPresent()
            ? OptionalLong.of(now - p.unauthenticatedSince().getAsLong()) : OptionalLong.empty());
        m.put("hearsSelf", p.hearsSelf().name());
      }
    }
    var eips = root.putArray("elasticIps");
    for (ElasticIp eip : topology.elasticIps()) {
      ObjectNode e = eips.addObject().put("allocationId", eip.allocationId()).put("publicIp", eip.publicIp())
          .put("home", eip.home().value());
      ObservedAssociation o = s.observed().get(eip.allocationId());
      if (o == null || !o.isAssociated()) {
        e.putNull("observed");
      } else {
        e.putObject("observed").put("networkInterfaceId", o.networkInterfaceId().get())
            .put("privateIp", o.privateIp().get())
            .put("holder", topology.ownerOf(o.privateIp().get()).map(NodeId::value).orElse(null));
      }
      extras.ifPresent(x -> {
        Instant since = x.holderSince().get(eip.allocationId());
        e.put("holderSince", since == null ? null : since.toString());
      });
      Optional<Placement.Target> t = s.plan() == null ? Optional.empty() : s.plan().targetOf(eip);
      if (t.isEmpty()) {
        e.putNull("planned");
      } else {
        e.putObject("planned").put("node", t.get().node().value())
            .put("networkInterfaceId", t.get().point().networkInterfaceId())
            .put("privateIp", t.get().point().privateIp());
      }
    }
    if (s.lastTakeover() == null || s.lastTakeover().isEmpty()) {
      root.putNull("lastTakeover");
    } else {
      timeline(root.putObject("lastTakeover"), s.lastTakeover().get());
    }
    ObjectNode counters = root.putObject("counters");
    FailoverStatus.Counters c = s.counters();
    if (c != null) {
      counters.put("takeovers", c.takeovers()).put("takeoverFailures", c.takeoverFailures())
          .put("guardDenials", c.guardDenials()).put("describeCalls", c.describeCalls())
          .put("describeFailures", c.describeFailures()).put("budgetDeferrals", c.budgetDeferrals())
          .put("localPauses", c.localPauses());
    }
    extras.ifPresent(x -> recent(root, x));
    return write(root);
  }

  private static void recent(ObjectNode root, Extras x) {
    root.put("now", x.wallNow().toString());
    var recent = root.putArray("recent");
    for (RecentEvents.Entry e : x.recent()) {
      recent.addObject().put("at", e.at().toString())
          .put("ageMs", Duration.between(e.at(), x.wallNow()).toMillis())
          .put("type", e.type())
          .put("allocationId", e.eip().map(ElasticIp::allocationId).orElse(null))
          .put("publicIp", e.eip().map(ElasticIp::publicIp).orElse(null))
          .put("node", e.node().orElse(null))
          .put("detail", e.detail());
    }
  }

  /** {@code node} as compact JSON. */
  public static String write(Object node) {
    try {
      return MAPPER.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException("cannot render status JSON", e);
    }
  }

  /** A timeline as milliseconds after its first known step, plus its derived durations. */
  static void timeline(ObjectNode out, FailoverTimeline t) {
    long base = t.lastHeartbeatSeen().orElse(t.suspected().orElse(t.declaredDead().orElse(t.requestSent())));
    out.put("publicIp", t.elasticIp().publicIp())
        .put("allocationId", t.elasticIp().allocationId())
        .put("from", t.from().map(NodeId::value).orElse(null))
        .put("to", t.to().value());
    ObjectNode steps = out.putObject("stepsMs");
    step(steps, "lastHeartbeat", t.lastHeartbeatSeen(), base);
    step(steps, "suspected", t.suspected(), base);
    step(steps, "dead", t.declaredDead(), base);
    step(steps, "guard", t.guardVerdict(), base);
    step(steps, "sent", OptionalLong.of(t.requestSent()), base);
    step(steps, "answered", t.answered(), base);
    step(steps, "confirmed", t.confirmed(), base);
    millis(out, "failoverMs", t.failoverTime());
    millis(out, "detectionMs", t.detectionTime());
    millis(out, "reactionMs", t.reactionTime());
  }

  private static void step(ObjectNode out, String name, OptionalLong at, long base) {
    putMillis(out, name, at.isPresent() ? OptionalLong.of(at.getAsLong() - base) : OptionalLong.empty());
  }

  private static void putMillis(ObjectNode out, String name, OptionalLong nanos) {
    if (nanos.isPresent()) {
      out.put(name, nanos.getAsLong() / 1_000_000);
    } else {
      out.putNull(name);
    }
  }

  private static void millis(ObjectNode out, String name, Optional<Duration> d) {
    if (d.isPresent()) {
      out.put(name, d.get().toMillis());
    } else {
      out.putNull(name);
    }
  }

  /**
   * {@code s} with each member's {@code lastHeard} taken from {@code live}, the membership's own
   * current view: the failover's view is the one of its last view change, whose heard times stop
   * there (a heartbeat that changes nothing makes no new view), while the membership brings them up
   * to date at every read. States, epoch and everything else stay the failover's.
   */
  public static FailoverStatus withHeartbeatsOf(FailoverStatus s, MembershipView live) {
    if (s.view() == null || live == null) {
      return s;
    }
    Map<NodeId, MemberEntry> members = new TreeMap<>(s.view().members());
    members.replaceAll((node, p) -> {
      MemberEntry l = live.members().get(node);
      return l == null || l.lastHeard().isEmpty() ? p
          : new MemberEntry(p.state(), p.since(), l.lastHeard(), p.suspectedAt(), p.unauthenticatedSince(),
              p.hearsSelf());
    });
    MembershipView view = new MembershipView(s.view().epoch(), s.view().self(), members, s.view().merged());
    return new FailoverStatus(s.self(), s.running(), s.dryRun(), s.localStatus(), view, s.observed(), s.plan(),
        s.lastTakeover(), s.counters());
  }
}
