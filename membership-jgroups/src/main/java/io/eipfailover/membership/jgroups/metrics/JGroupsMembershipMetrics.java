package io.eipfailover.membership.jgroups.metrics;

import io.eipfailover.core.metrics.MembershipMetrics;
import io.eipfailover.core.runtime.Checks;
import io.eipfailover.membership.jgroups.JGroupsMembership;
import io.eipfailover.membership.jgroups.JGroupsMembershipCounters;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.function.ToLongFunction;

/**
 * A {@link JGroupsMembership}'s counters as Micrometer meters, plus the view meters every
 * membership has ({@link MembershipMetrics}). Counters (all since the membership started):
 *
 * <ul>
 *   <li>{@code eipfailover.heartbeats.sent}, {@code eipfailover.heartbeats.received}: the failure
 *       detector's heartbeats ({@code FD_ALL3} in the default stack);
 *   <li>{@code eipfailover.heartbeat.suspicions}: raw suspicions of the failure detectors;
 *   <li>{@code eipfailover.jgroups.views}, tag {@code merge} ({@code true} for merge views): JGroups
 *       views installed;
 *   <li>{@code eipfailover.jgroups.messages.dropped}: state messages dropped.
 * </ul>
 *
 * <p>Read from {@link JGroupsMembership#counters()} when the registry polls them. As Micrometer's
 * function meters do, the registry holds the membership weakly: keep your own reference while it
 * runs. Thread-safe.
 */
public final class JGroupsMembershipMetrics implements MeterBinder {
  private final JGroupsMembership membership;
  private final Iterable<Tag> tags;

  /** Meters for {@code membership}, with no extra tags. */
  public JGroupsMembershipMetrics(JGroupsMembership membership) {
    this(membership, Tags.empty());
  }

  /** Meters for {@code membership}, each carrying {@code tags} too. */
  public JGroupsMembershipMetrics(JGroupsMembership membership, Iterable<Tag> tags) {
    this.membership = Checks.notNull("membership", membership);
    this.tags = Tags.of(Checks.notNull("tags", tags));
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    Checks.notNull("registry", registry);
    new MembershipMetrics(membership, tags).bindTo(registry);
    counter(registry, "eipfailover.heartbeats.sent", "failure-detector heartbeats sent", Tags.empty(),
        JGroupsMembershipCounters::heartbeatsSent);
    counter(registry, "eipfailover.heartbeats.received", "failure-detector heartbeats received", Tags.empty(),
        JGroupsMembershipCounters::heartbeatsReceived);
    counter(registry, "eipfailover.heartbeat.suspicions", "members the failure detectors suspected",
        Tags.empty(), JGroupsMembershipCounters::suspicions);
    counter(registry, "eipfailover.jgroups.views", "JGroups views installed (merge=true: merge views)",
        Tags.of("merge", "false"), c -> c.groupViews() - c.merges());
    counter(registry, "eipfailover.jgroups.views", "JGroups views installed (merge=true: merge views)",
        Tags.of("merge", "true"), JGroupsMembershipCounters::merges);
    counter(registry, "eipfailover.jgroups.messages.dropped",
        "state messages dropped: undecodable, from a non-member, or under another name", Tags.empty(),
        JGroupsMembershipCounters::droppedMessages);
  }

  private void counter(MeterRegistry registry, String name, String description, Tags extra,
      ToLongFunction<JGroupsMembershipCounters> value) {
    FunctionCounter.builder(name, membership, m -> value.applyAsLong(m.counters()))
        .description(description)
        .tags(tags).tags(extra)
        .register(registry);
  }
}
