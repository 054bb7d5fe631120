package io.eipfailover.core.metrics;

import io.eipfailover.core.AnnouncedStatus;
import io.eipfailover.core.ClusterTopology;
import io.eipfailover.core.EipFailover;
import io.eipfailover.core.ElasticIp;
import io.eipfailover.core.FailoverStatus;
import io.eipfailover.core.ObservedAssociation;
import io.eipfailover.core.runtime.Checks;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.Locale;
import java.util.Optional;
import java.util.function.ToDoubleFunction;
import java.util.function.ToLongFunction;

/**
 * An {@link EipFailover}'s meters: what it did (takeovers, fail-backs, guard denials by guard,
 * failed takeovers by kind, the phases of every takeover's timeline as timers with histograms),
 * what it sees (where each EIP is, home or away) and its own state. Every meter is listed in
 * {@code docs/metrics.md}; in short:
 *
 * <ul>
 *   <li>counters from events, since binding: {@code eipfailover.takeovers}, {@code
 *       eipfailover.failbacks}, {@code eipfailover.peers.dead}, {@code
 *       eipfailover.dry.run.takeovers}, {@code eipfailover.guard.denials}
 *       (tag {@code guard}: {@code quorum}, {@code reachability}, {@code peer_probe}, {@code
 *       ec2_instance_state}, {@code unguarded} or {@code other}, taken from the start of the
 *       verdict's reason, which every built-in guard starts with its name), {@code
 *       eipfailover.takeover.failures} (tag {@code kind}: {@code retryable}, {@code permission},
 *       {@code configuration});
 *   <li>{@code eipfailover.failover} (timer, tag {@code phase}): {@code detection} (last
 *       heartbeat to declared dead), {@code guard} (dead to the guard's verdict), {@code associate}
 *       ({@code AssociateAddress} sent to answered), {@code reaction} (dead to answered) and {@code
 *       failover} (last heartbeat to answered), each with a percentile histogram;
 *   <li>counters read from {@link FailoverStatus.Counters}, since start: {@code
 *       eipfailover.describe.calls}, {@code eipfailover.describe.failures}, {@code
 *       eipfailover.budget.deferrals}, {@code eipfailover.local.pauses};
 *   <li>gauges: {@code eipfailover.running}, {@code eipfailover.dry.run}, {@code
 *       eipfailover.local.status} (tag {@code status}, 1 for the announced one), and per
 *       EIP of the topology (tags {@code allocation_id}, {@code public_ip}, {@code home}) {@code
 *       eipfailover.eip.held} (1 while EC2 last showed it on this node) and {@code
 *       eipfailover.eip.at.home} (1 on its home node, 0 elsewhere or unassociated, NaN before the
 *       first describe).
 * </ul>
 *
 * <p>Bind before {@link EipFailover#start()} so the event counters miss nothing. {@link #bindTo}
 * adds a listener (it only updates meters, on the failover's event delivery thread); the gauges
 * and status counters call {@link EipFailover#status()} when the registry polls them. As
 * Micrometer's function meters do, the registry holds the failover weakly: keep your own
 * reference while it runs. Thread-safe.
 */
public final class EipFailoverMetrics implements MeterBinder {
  private final EipFailover failover;
  private final ClusterTopology topology;
  private final Iterable<Tag> tags;

  /** Meters for {@code failover}, which runs {@code topology}, with no extra tags. */
  public EipFailoverMetrics(EipFailover failover, ClusterTopology topology) {
    this(failover, topology, Tags.empty());
  }

  /** Meters for {@code failover}, which runs {@code topology}, each carrying {@code tags} too. */
  public EipFailoverMetrics(EipFailover failover, ClusterTopology topology, Iterable<Tag> tags) {
    this.failover = Checks.notNull("failover", failover);
    this.topology = Checks.notNull("topology", topology);
    this.tags = Tags.of(Checks.notNull("tags", tags));
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    Checks.notNull("registry", registry);
    failover.addListener(new FailoverEventMeters(registry, tags), Runnable::run);
    statusCounter(registry, "eipfailover.describe.calls", "DescribeAddresses calls of the reconciler",
        FailoverStatus.Counters::describeCalls);
    statusCounter(registry, "eipfailover.describe.failures", "failed DescribeAddresses calls of the reconciler",
        FailoverStatus.Counters::describeFailures);
    statusCounter(registry, "eipfailover.budget.deferrals", "EC2 calls deferred by the call budget",
        FailoverStatus.Counters::budgetDeferrals);
    statusCounter(registry, "eipfailover.local.pauses", "times this node found it had itself been paused",
        FailoverStatus.Counters::localPauses);
    gauge(registry, "eipfailover.running", "1 while the failover runs", Tags.empty(),
        s -> s.running() ? 1 : 0);
    gauge(registry, "eipfailover.dry.run", "1 when EIP moves are suppressed (dry run)", Tags.empty(),
        s -> s.dryRun() ? 1 : 0);
    for (AnnouncedStatus status : AnnouncedStatus.values()) {
      gauge(registry, "eipfailover.local.status", "what this node announces: 1 for the current status",
          Tags.of("status", status.name().toLowerCase(Locale.ROOT)), s -> s.localStatus() == status ? 1 : 0);
    }
    for (ElasticIp eip : topology.elasticIps()) {
      Tags eipTags = Tags.of("allocation_id", eip.allocationId(), "public_ip", eip.publicIp(),
          "home", eip.home().value());
      gauge(registry, "eipfailover.eip.held", "1 while EC2 last showed the EIP on this node", eipTags,
          s -> holder(s, eip).map(s.self()::equals).orElse(false) ? 1 : 0);
      gauge(registry, "eipfailover.eip.at.home",
          "1 while EC2 last showed the EIP on its home node, 0 elsewhere, NaN before the first describe", eipTags,
          s -> atHome(s, eip));
    }
  }

  private Optional<io.eipfailover.core.NodeId> holder(FailoverStatus s, ElasticIp eip) {
    ObservedAssociation o = s.observed().get(eip.allocationId());
    return o == null || !o.isAssociated() ? Optional.empty() : o.privateIp().flatMap(topology::ownerOf);
  }

  private double atHome(FailoverStatus s, ElasticIp eip) {
    if (!s.observed().containsKey(eip.allocationId())) {
      return Double.NaN;
    }
    return holder(s, eip).map(eip.home()::equals).orElse(false) ? 1 : 0;
  }

  private void statusCounter(MeterRegistry registry, String name, String description,
      ToLongFunction<FailoverStatus.Counters> value) {
    FunctionCounter.builder(name, failover, f -> {
          FailoverStatus.Counters c = f.status().counters();
          return c == null ? 0 : value.applyAsLong(c);
        })
        .description(description).tags(tags).register(registry);
  }

  private void gauge(MeterRegistry registry, String name, String description, Tags extra,
      ToDoubleFunction<FailoverStatus> value) {
    Gauge.builder(name, failover, f -> value.applyAsDouble(f.status()))
        .description(description).tags(tags).tags(extra).register(registry);
  }
}
