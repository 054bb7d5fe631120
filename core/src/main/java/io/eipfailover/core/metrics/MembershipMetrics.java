package io.eipfailover.core.metrics;

import io.eipfailover.core.Hearing;
import io.eipfailover.core.MemberState;
import io.eipfailover.core.Membership;
import io.eipfailover.core.MembershipListener;
import io.eipfailover.core.MembershipView;
import io.eipfailover.core.NodeId;
import io.eipfailover.core.runtime.Checks;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.Locale;

/**
 * What any {@link Membership} believes, as meters: view changes, configuration mismatches, and the
 * state of every node. The membership modules' own binders ({@code UdpMembershipMetrics}, {@code
 * JGroupsMembershipMetrics}) include these; use this one directly for a {@code Membership} of your
 * own.
 *
 * <ul>
 *   <li>{@code eipfailover.membership.view.changes} (counter, tag {@code merged}: {@code true} for
 *       a view that ends a partition): views the membership delivered since binding (one that
 *       hands a new listener its current view counts that one too);
 *   <li>{@code eipfailover.membership.config.mismatches} (counter): peers reported to run another
 *       configuration;
 *   <li>{@code eipfailover.peer.state} (gauge, tags {@code node}, {@code state}): 1 for
 *       the state each node is in now, 0 for the four others; one series per node of the view at
 *       binding time (every node of the topology) and state;
 *   <li>{@code eipfailover.peer.unauthenticated} (gauge, tag {@code node}): 1 while the node is
 *       reachable but unauthenticated ({@code MemberEntry.unauthenticatedSince}), else 0;
 *   <li>{@code eipfailover.peer.hears_self} (gauge, tag {@code node}): whether the node hears this
 *       one, as its last heartbeat said ({@code MemberEntry.hearsSelf}): 1 yes, 0 no (a one-way
 *       partition while we hear it), -1 unknown (dead, an older peer, or JGroups).
 * </ul>
 *
 * <p>{@link #bindTo} registers a listener on the membership (delivered on the membership's
 * listener thread; it only increments counters) and reads {@link Membership#view()} when the
 * registry polls the gauges. Binding to several registries registers one listener per registry.
 * As Micrometer's function meters do, the registry holds the membership weakly: keep your own
 * reference while it runs.
 * Thread-safe.
 */
public final class MembershipMetrics implements MeterBinder {
  private final Membership membership;
  private final Iterable<Tag> tags;

  /** Meters for {@code membership}, with no extra tags. */
  public MembershipMetrics(Membership membership) {
    this(membership, Tags.empty());
  }

  /** Meters for {@code membership}, each carrying {@code tags} too. */
  public MembershipMetrics(Membership membership, Iterable<Tag> tags) {
    this.membership = Checks.notNull("membership", membership);
    this.tags = Tags.of(Checks.notNull("tags", tags));
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    Checks.notNull("registry", registry);
    Counter views = viewCounter(registry, false);
    Counter merges = viewCounter(registry, true);
    Counter mismatches = Counter.builder("eipfailover.membership.config.mismatches")
        .description("peers reported to run another configuration (different plan settings)")
        .tags(tags).register(registry);
    for (NodeId node : membership.view().members().keySet()) {
      for (MemberState state : MemberState.values()) {
        Gauge.builder("eipfailover.peer.state", membership,
                m -> m.view().stateOf(node) == state ? 1 : 0)
            .description("1 for the state each node is in, as this node's membership sees it")
            .tags(tags).tag("node", node.value()).tag("state", state.name().toLowerCase(Locale.ROOT))
            .register(registry);
      }
      Gauge.builder("eipfailover.peer.unauthenticated", membership, m -> m.view().peer(node).isUnauthenticated() ? 1 : 0)
          .description("1 while the node's host sends heartbeats that fail authentication and none that pass"
              + " (reachable but unauthenticated: nothing moves to or from it)")
          .tags(tags).tag("node", node.value())
          .register(registry);
      Gauge.builder("eipfailover.peer.hears_self", membership, m -> hearing(m.view().peer(node).hearsSelf()))
          .description("1 if the node says it hears this node, 0 if it says it does not, -1 if unknown")
          .tags(tags).tag("node", node.value())
          .register(registry);
    }
    membership.addListener(new MembershipListener() {
      @Override
      public void viewChanged(MembershipView view) {
        (view.merged() ? merges : views).increment();
      }

      @Override
      public void configMismatch(NodeId peer, long ourFingerprint, long theirFingerprint) {
        mismatches.increment();
      }
    }, Runnable::run);
  }

  private Counter viewCounter(MeterRegistry registry, boolean merged) {
    return Counter.builder("eipfailover.membership.view.changes")
        .description("membership views published (merged=true: a view that ends a partition)")
        .tags(tags).tag("merged", Boolean.toString(merged)).register(registry);
  }

  private static int hearing(Hearing h) {
    return switch (h) {
      case YES -> 1;
      case NO -> 0;
      case UNKNOWN -> -1;
    };
  }
}
