package io.eipfailover.examples.agent.status;

import io.eipfailover.core.ClusterTopology;
import io.eipfailover.core.ElasticIp;
import io.eipfailover.core.FailoverStatus;
import io.eipfailover.core.MembershipView;
import io.eipfailover.core.NodeId;
import io.eipfailover.core.ObservedAssociation;
import io.eipfailover.core.PeerState;
import io.eipfailover.core.Placement;
import io.eipfailover.core.event.FailoverTimeline;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * Renders a {@link FailoverStatus} as JSON for the status endpoint: this node, its announced
 * status, the membership view (ages in milliseconds relative to {@code now}: {@code sinceMs} in the
 * state, {@code lastHeardMs} since the last accepted heartbeat, {@code unauthenticatedMs} since a
 * peer's host began sending heartbeats that fail authentication, or null), every EIP with where EC2
 * last showed it and where the plan wants it, the last takeover's timeline and the counters;
 * with {@link Extras}, also the render time ({@code now}), each EIP's {@code holderSince} and the
 * {@code recent} events. Field names are stable: {@code eipfailover-agent status} reads them.
 * Stateless.
 */
public final class StatusJson {
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
    JsonWriter w = new JsonWriter().beginObject();
    w.name("cluster").value(topology.clusterName());
    w.name("self").value(s.self().value());
    w.name("running").value(s.running());
    w.name("dryRun").value(s.dryRun());
    w.name("localStatus").value(s.localStatus() == null ? null : s.localStatus().name());
    w.name("view");
    if (s.view() == null) {
      w.nullValue();
    } else {
      w.beginObject().name("epoch").value(s.view().epoch()).name("merged").value(s.view().merged()).name("members")
          .beginObject();
      for (Map.Entry<NodeId, PeerState> e : s.view().members().entrySet()) {
        PeerState p = e.getValue();
        w.name(e.getKey().value()).beginObject().name("state").value(p.state().name());
        w.name("sinceMs").value((now - p.since()) / 1_000_000);
        w.name("lastHeardMs");
        ago(w, p.lastHeard(), now);
        w.name("unauthenticatedMs");
        ago(w, p.unauthenticatedSince(), now);
        w.endObject();
      }
      w.endObject().endObject();
    }
    w.name("elasticIps").beginArray();
    for (ElasticIp eip : topology.elasticIps()) {
      w.beginObject().name("allocationId").value(eip.allocationId()).name("publicIp").value(eip.publicIp())
          .name("home").value(eip.home().value());
      ObservedAssociation o = s.observed().get(eip.allocationId());
      w.name("observed");
      if (o == null || !o.isAssociated()) {
        w.nullValue();
      } else {
        w.beginObject().name("networkInterfaceId").value(o.networkInterfaceId().get())
            .name("privateIp").value(o.privateIp().get())
            .name("holder").value(topology.ownerOf(o.privateIp().get()).map(n -> n.value()).orElse(null))
            .endObject();
      }
      extras.ifPresent(x -> {
        Instant since = x.holderSince().get(eip.allocationId());
        w.name("holderSince").value(since == null ? null : since.toString());
      });
      Optional<Placement.Target> t = s.plan() == null ? Optional.empty() : s.plan().targetOf(eip);
      w.name("planned");
      if (t.isEmpty()) {
        w.nullValue();
      } else {
        w.beginObject().name("node").value(t.get().node().value())
            .name("networkInterfaceId").value(t.get().point().networkInterfaceId())
            .name("privateIp").value(t.get().point().privateIp()).endObject();
      }
      w.endObject();
    }
    w.endArray();
    w.name("lastTakeover");
    if (s.lastTakeover() == null || s.lastTakeover().isEmpty()) {
      w.nullValue();
    } else {
      timeline(w, s.lastTakeover().get());
    }
    FailoverStatus.Counters c = s.counters();
    w.name("counters").beginObject();
    if (c != null) {
      w.name("takeovers").value(c.takeovers()).name("takeoverFailures").value(c.takeoverFailures())
          .name("guardDenials").value(c.guardDenials()).name("describeCalls").value(c.describeCalls())
          .name("describeFailures").value(c.describeFailures()).name("budgetDeferrals").value(c.budgetDeferrals())
          .name("localPauses").value(c.localPauses());
    }
    w.endObject();
    extras.ifPresent(x -> recent(w, x));
    return w.endObject().toString();
  }

  private static void recent(JsonWriter w, Extras x) {
    w.name("now").value(x.wallNow().toString());
    w.name("recent").beginArray();
    for (RecentEvents.Entry e : x.recent()) {
      w.beginObject().name("at").value(e.at().toString())
          .name("ageMs").value(Duration.between(e.at(), x.wallNow()).toMillis())
          .name("type").value(e.type())
          .name("allocationId").value(e.eip().map(ElasticIp::allocationId).orElse(null))
          .name("publicIp").value(e.eip().map(ElasticIp::publicIp).orElse(null))
          .name("node").value(e.node().orElse(null))
          .name("detail").value(e.detail()).endObject();
    }
    w.endArray();
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
    Map<NodeId, PeerState> members = new TreeMap<>(s.view().members());
    members.replaceAll((node, p) -> {
      PeerState l = live.members().get(node);
      return l == null || l.lastHeard().isEmpty() ? p
          : new PeerState(p.state(), p.since(), l.lastHeard(), p.suspectedAt(), p.unauthenticatedSince());
    });
    MembershipView view = new MembershipView(s.view().epoch(), s.view().self(), members, s.view().merged());
    return new FailoverStatus(s.self(), s.running(), s.dryRun(), s.localStatus(), view, s.observed(), s.plan(),
        s.lastTakeover(), s.counters());
  }

  /** A timeline as milliseconds after its first known step, plus its derived durations. */
  static void timeline(JsonWriter w, FailoverTimeline t) {
    long base = t.lastHeartbeatSeen().orElse(t.suspected().orElse(t.declaredDead().orElse(t.requestSent())));
    w.beginObject().name("publicIp").value(t.elasticIp().publicIp())
        .name("allocationId").value(t.elasticIp().allocationId())
        .name("from").value(t.from().map(n -> n.value()).orElse(null))
        .name("to").value(t.to().value());
    w.name("stepsMs").beginObject();
    step(w, "lastHeartbeat", t.lastHeartbeatSeen(), base);
    step(w, "suspected", t.suspected(), base);
    step(w, "dead", t.declaredDead(), base);
    step(w, "guard", t.guardVerdict(), base);
    step(w, "sent", OptionalLong.of(t.requestSent()), base);
    step(w, "answered", t.answered(), base);
    step(w, "confirmed", t.confirmed(), base);
    w.endObject();
    w.name("failoverMs");
    millis(w, t.failoverTime());
    w.name("detectionMs");
    millis(w, t.detectionTime());
    w.name("reactionMs");
    millis(w, t.reactionTime());
    w.endObject();
  }

  private static void step(JsonWriter w, String name, OptionalLong at, long base) {
    w.name(name);
    if (at.isPresent()) {
      w.value((at.getAsLong() - base) / 1_000_000);
    } else {
      w.nullValue();
    }
  }

  private static void millis(JsonWriter w, Optional<Duration> d) {
    if (d.isPresent()) {
      w.value(d.get().toMillis());
    } else {
      w.nullValue();
    }
  }

  private static void ago(JsonWriter w, OptionalLong at, long now) {
    if (at.isPresent()) {
      w.value((now - at.getAsLong()) / 1_000_000);
    } else {
      w.nullValue();
    }
  }
}
