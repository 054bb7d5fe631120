package io.eipfailover.core.metrics;

import io.eipfailover.core.ElasticIpManagerException;
import io.eipfailover.core.event.DryRunTakeover;
import io.eipfailover.core.event.FailBack;
import io.eipfailover.core.event.FailoverEvent;
import io.eipfailover.core.event.FailoverListener;
import io.eipfailover.core.event.FailoverTimeline;
import io.eipfailover.core.event.GuardDenied;
import io.eipfailover.core.event.PeerDead;
import io.eipfailover.core.event.PlacementShortfall;
import io.eipfailover.core.event.TakeoverCompleted;
import io.eipfailover.core.event.TakeoverFailed;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The event half of {@link EipFailoverMetrics}: a listener that counts events and records each
 * completed takeover's timeline phases. Every counter's tag values are known up front (guard names,
 * failure kinds), so all are registered at once and read 0 rather than being absent before the
 * first event.
 */
final class FailoverEventMeters implements FailoverListener {
  /** Guards by the start of their verdict's reason; the first match wins. */
  private static final List<Map.Entry<String, String>> GUARD_PREFIXES = List.of(
      Map.entry("quorum", "quorum"),
      Map.entry("reachability", "reachability"),
      Map.entry("peerProbe", "peer_probe"),
      Map.entry("EC2 witness", "ec2_instance_state"),
      Map.entry("unguarded", "unguarded"));

  private static final String OTHER_GUARD = "other";

  private final MeterRegistry registry;
  private final Iterable<Tag> tags;
  private final Counter takeovers;
  private final Counter failbacks;
  private final Counter peersDead;
  private final Counter dryRunTakeovers;
  private final Timer detection;
  private final Timer guard;
  private final Timer associate;
  private final Timer reaction;
  private final Timer failover;
  private final AtomicInteger unplaced = new AtomicInteger();

  FailoverEventMeters(MeterRegistry registry, Iterable<Tag> tags) {
    this.registry = registry;
    this.tags = tags;
    this.takeovers = counter("eipfailover.takeovers", "EIPs this node pulled onto itself (fail-backs included)");
    this.failbacks = counter("eipfailover.failbacks", "own EIPs this node pulled back home");
    this.peersDead = counter("eipfailover.peers.dead", "peers this node's failover saw declared dead");
    this.dryRunTakeovers = counter("eipfailover.dry.run.takeovers",
        "takeovers a dry run would have made (nothing sent; once per target)");
    for (ElasticIpManagerException.Kind kind : ElasticIpManagerException.Kind.values()) {
      failures(kind);
    }
    GUARD_PREFIXES.forEach(e -> denials(e.getValue()));
    denials(OTHER_GUARD);
    this.detection = phase("detection");
    this.guard = phase("guard");
    this.associate = phase("associate");
    this.reaction = phase("reaction");
    this.failover = phase("failover");
    Gauge.builder("eipfailover.eips.unplaced", unplaced, AtomicInteger::get)
        .description("EIPs the last plan leaves where they are: no eligible node has a free reserved IP for them")
        .tags(tags).register(registry);
  }

  @Override
  public void onEvent(FailoverEvent event) {
    if (event instanceof TakeoverCompleted t) {
      takeovers.increment();
      record(t.timeline());
    } else if (event instanceof FailBack) {
      failbacks.increment();
    } else if (event instanceof DryRunTakeover) {
      dryRunTakeovers.increment();
    } else if (event instanceof PeerDead) {
      peersDead.increment();
    } else if (event instanceof GuardDenied d) {
      denials(guardOf(d.reason())).increment();
    } else if (event instanceof TakeoverFailed f) {
      failures(f.kind()).increment();
    } else if (event instanceof PlacementShortfall p) {
      unplaced.set(p.unplaced().size());
    }
  }

  private void record(FailoverTimeline t) {
    between(detection, t.lastHeartbeatSeen(), t.declaredDead());
    between(guard, t.declaredDead(), t.guardVerdict());
    between(associate, OptionalLong.of(t.requestSent()), t.answered());
    t.reactionTime().ifPresent(reaction::record);
    t.failoverTime().ifPresent(failover::record);
  }

  private static void between(Timer timer, OptionalLong from, OptionalLong to) {
    if (from.isPresent() && to.isPresent() && to.getAsLong() >= from.getAsLong()) {
      timer.record(Duration.ofNanos(to.getAsLong() - from.getAsLong()));
    }
  }

  /** The guard a denial's reason names, as a tag value. */
  static String guardOf(String reason) {
    for (Map.Entry<String, String> e : GUARD_PREFIXES) {
      if (reason.startsWith(e.getKey())) {
        return e.getValue();
      }
    }
    return OTHER_GUARD;
  }

  private Counter counter(String name, String description) {
    return Counter.builder(name).description(description).tags(tags).register(registry);
  }

  private Counter denials(String guardName) {
    return Counter.builder("eipfailover.guard.denials").description("takeovers the split-brain guard refused, by guard")
        .tags(tags).tag("guard", guardName).register(registry);
  }

  private Counter failures(ElasticIpManagerException.Kind kind) {
    return Counter.builder("eipfailover.takeover.failures").description("failed AssociateAddress calls, by kind")
        .tags(tags).tag("kind", kind.name().toLowerCase(Locale.ROOT)).register(registry);
  }

  private Timer phase(String phase) {
    return Timer.builder("eipfailover.failover")
        .description("phases of this node's takeovers: detection, guard, associate, reaction, failover (total)")
        .tags(tags).tag("phase", phase)
        .publishPercentileHistogram()
        .minimumExpectedValue(Duration.ofMillis(1))
        .maximumExpectedValue(Duration.ofMinutes(5))
        .register(registry);
  }
}
