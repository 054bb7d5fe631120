package io.eipfailover.core.internal.reconciler;

import com.google.common.base.Ticker;
import io.eipfailover.core.AttachmentPoint;
import io.eipfailover.core.ClusterTopology;
import io.eipfailover.core.ElasticIp;
import io.eipfailover.core.ElasticIpManagerException;
import io.eipfailover.core.FailoverConfig;
import io.eipfailover.core.FailoverConfigBuilder;
import io.eipfailover.core.FailoverStrategies;
import io.eipfailover.core.FailoverStrategy;
import io.eipfailover.core.GuardVerdict;
import io.eipfailover.core.MemberState;
import io.eipfailover.core.NodeId;
import io.eipfailover.core.ObservedAssociation;
import io.eipfailover.core.event.DriftRepaired;
import io.eipfailover.core.event.DryRunTakeover;
import io.eipfailover.core.event.FailBack;
import io.eipfailover.core.event.FailoverEvent;
import io.eipfailover.core.event.GuardDenied;
import io.eipfailover.core.event.LocalStatusChanged;
import io.eipfailover.core.event.PeerDead;
import io.eipfailover.core.event.PeerRecovered;
import io.eipfailover.core.event.PeerSuspected;
import io.eipfailover.core.event.TakeoverCompleted;
import io.eipfailover.core.event.TakeoverFailed;
import io.eipfailover.core.event.TakeoverStarted;
import io.eipfailover.core.testing.ManualMembership;
import io.eipfailover.core.testing.Topologies;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * Drives {@link Reconciler#step} by hand for table tests: "at t, given this input, these effects".
 * Keeps the state between steps, a clock the test sets, a hand-driven membership for views, and
 * renders effects as short strings ({@code "Describe"}, {@code "AskGuard eipalloc-0200 from n2"},
 * {@code "Associate eipalloc-0200 -> 10.0.1.11"}, {@code "Emit PeerDead n2"}, {@code "Log WARN"};
 * INFO and DEBUG log lines are left out). Node n1 of a ring is "this node".
 */
final class StepDriver {
  static final NodeId A = Topologies.node(1);
  static final NodeId B = Topologies.node(2);
  static final NodeId C = Topologies.node(3);

  final ClusterTopology topology;
  final Reconciler reconciler;
  final ManualMembership membership;
  ReconcilerState state;
  Step last;
  private long now;
  private double jitter;
  /** Where this node's associates put each EIP, with the id each answered (what EC2 holds). */
  private final Map<ElasticIp, ObservedAssociation> associations = new HashMap<>();
  private int lastAssociation = 1;

  StepDriver(int nodes, FailoverStrategy strategy, UnaryOperator<FailoverConfigBuilder> config) {
    this.topology = Topologies.ring(nodes);
    this.reconciler = new Reconciler(new ReconcilerSettings(A, topology, strategy,
        config.apply(FailoverConfig.builder()).build()));
    this.membership = new ManualMembership(A, topology.nodeIds(), new Ticker() {
      @Override
      public long read() {
        return now;
      }
    });
    this.state = reconciler.initial(0);
  }

  /** A pair, home with fail-back after 5 s, default config. */
  static StepDriver pair() {
    return pair(c -> c);
  }

  static StepDriver pair(UnaryOperator<FailoverConfigBuilder> config) {
    return new StepDriver(2, FailoverStrategies.homeWithFailback(Duration.ofSeconds(5)), config);
  }

  ElasticIp eip(NodeId home) {
    return topology.homedOn(home).get(0);
  }

  AttachmentPoint reserved(NodeId node) {
    return topology.node(node).reservedPoints().get(0);
  }

  /** Sets the clock, in milliseconds. */
  StepDriver at(long millis) {
    this.now = millis * 1_000_000L;
    return this;
  }

  /** The jitter the next inputs carry. */
  StepDriver jitter(double jitter) {
    this.jitter = jitter;
    return this;
  }

  long nanos() {
    return now;
  }

  Stamp stamp() {
    return new Stamp(now, Instant.parse("2026-01-01T00:00:00Z").plusNanos(now), jitter);
  }

  /** Steps with {@code input}; returns the rendered effects. */
  List<String> feed(Function<Stamp, Input> input) {
    last = reconciler.step(state, input.apply(stamp()));
    state = last.state();
    return show(last.effects());
  }

  /** Wakes the step whenever it asks, until {@code millis}; returns every effect on the way. */
  List<String> idle(long millis) {
    List<String> all = new ArrayList<>();
    while (state.wakeAt() <= millis * 1_000_000L) {
      now = state.wakeAt();
      all.addAll(wake());
    }
    at(millis);
    return all;
  }

  /**
   * Started at 0, every EIP home, n2 alive from 100 ms, start-up grace over, at 3 s. Checks the
   * effects on the way.
   */
  StepDriver steady() {
    expect(List.of("Describe"), at(0).start());
    expect(List.of(), describedAtHome());
    expect(List.of("Emit ViewChanged", "Emit PeerRecovered n2", "Describe"), at(100).peer(B, MemberState.ALIVE));
    expect(List.of(), describedAtHome());
    expect(List.of(), idle(3_000));
    return this;
  }

  /** Three nodes, started at 0, every EIP home, n2 and n3 alive from 100 ms, at 3 s. */
  static StepDriver trio(UnaryOperator<FailoverConfigBuilder> config) {
    StepDriver d = new StepDriver(3, FailoverStrategies.homeWithFailback(Duration.ofSeconds(5)), config);
    d.at(0).start();
    d.describedAtHome();
    d.at(100).peer(B, MemberState.ALIVE);
    d.describedAtHome();
    d.peer(C, MemberState.ALIVE);
    d.describedAtHome();
    expect(List.of(), d.idle(3_000));
    return d;
  }

  /** {@link #steady()}, then n2 dies and the guard allows: the associate for n2's EIP is out. */
  StepDriver takeoverSent() {
    steady();
    expect(List.of("Emit ViewChanged", "Emit PeerDead n2", "Describe"), peer(B, MemberState.DEAD));
    expect(List.of("AskGuard eipalloc-0200 from n2"), describedAtHome());
    expect(List.of("Emit TakeoverStarted eipalloc-0200", "Associate eipalloc-0200 -> 10.0.1.11"),
        guard(eip(B), true, "quorum"));
    return this;
  }

  private static void expect(List<String> expected, List<String> actual) {
    if (!expected.equals(actual)) {
      throw new AssertionError("set-up step: expected " + expected + " but was " + actual);
    }
  }

  List<String> start() {
    return feed(Input.Started::new);
  }

  List<String> wake() {
    return feed(Input.WakeUp::new);
  }

  /** Sets a peer's state in the membership and delivers the resulting view. */
  List<String> peer(NodeId peer, MemberState s) {
    membership.set(peer, s);
    return feed(at -> new Input.ViewChanged(at, membership.view()));
  }

  /**
   * Answers the describe in flight: every EIP at home, then {@code moves} applied. An EIP shown where
   * this node's last associate of it put it carries that associate's id (an up-to-date describe);
   * any other association shows {@code eipassoc-1}.
   */
  List<String> described(Map<ElasticIp, AttachmentPoint> moves) {
    Map<String, ObservedAssociation> observed = new LinkedHashMap<>();
    for (ElasticIp e : topology.elasticIps()) {
      AttachmentPoint p = moves.getOrDefault(e, topology.homePoint(e));
      ObservedAssociation own = associations.get(e);
      observed.put(e.allocationId(), p == null ? ObservedAssociation.unassociated(e.allocationId())
          : own != null && own.isAt(p) ? own
          : ObservedAssociation.associated(e.allocationId(), "eipassoc-1", p.networkInterfaceId(), p.privateIp()));
    }
    return feed(at -> new Input.DescribeSucceeded(at, observed));
  }

  /** Answers the describe in flight with exactly {@code observed} for {@code eip}, every other EIP at home. */
  List<String> described(ElasticIp eip, ObservedAssociation observed) {
    Map<String, ObservedAssociation> all = new LinkedHashMap<>();
    for (ElasticIp e : topology.elasticIps()) {
      AttachmentPoint home = topology.homePoint(e);
      all.put(e.allocationId(), e.equals(eip) ? observed
          : ObservedAssociation.associated(e.allocationId(), "eipassoc-1", home.networkInterfaceId(), home.privateIp()));
    }
    return feed(at -> new Input.DescribeSucceeded(at, all));
  }

  List<String> describedAtHome() {
    return described(Map.of());
  }

  List<String> guard(ElasticIp eip, boolean allow, String reason) {
    return feed(at -> new Input.GuardAnswered(at, eip, allow ? GuardVerdict.allow(reason) : GuardVerdict.deny(reason)));
  }

  /** The associate answers with a fresh association id, as EC2 does for every call. */
  List<String> associated(ElasticIp eip, AttachmentPoint target) {
    return associated(eip, target, Optional.of(String.format("eipassoc-%04d", ++lastAssociation)));
  }

  /** The associate answers with {@code associationId} (empty: an EIP manager that gives none). */
  List<String> associated(ElasticIp eip, AttachmentPoint target, Optional<String> associationId) {
    associations.put(eip, ObservedAssociation.associated(eip.allocationId(), associationId.orElse(null),
        target.networkInterfaceId(), target.privateIp()));
    return feed(at -> new Input.AssociateSucceeded(at, eip, target, associationId));
  }

  List<String> associateFailed(ElasticIp eip, AttachmentPoint target, ElasticIpManagerException.Kind kind) {
    return feed(at -> new Input.AssociateFailed(at, eip, target, kind, "test failure"));
  }

  /** Events emitted by the last step. */
  List<FailoverEvent> events() {
    List<FailoverEvent> events = new ArrayList<>();
    for (Effect e : last.effects()) {
      if (e instanceof Effect.Emit emit) {
        events.add(emit.event());
      }
    }
    return events;
  }

  /** Messages of the log lines of the last step, all levels. */
  List<String> logs() {
    return last.effects().stream().filter(Effect.Log.class::isInstance)
        .map(e -> ((Effect.Log) e).level() + " " + ((Effect.Log) e).message()).toList();
  }

  static List<String> show(List<Effect> effects) {
    List<String> shown = new ArrayList<>();
    for (Effect e : effects) {
      String s = show(e);
      if (s != null) {
        shown.add(s);
      }
    }
    return shown;
  }

  private static String show(Effect e) {
    if (e instanceof Effect.Describe) {
      return "Describe";
    } else if (e instanceof Effect.AskGuard g) {
      return "AskGuard " + g.request().elasticIp().allocationId() + " from "
          + g.request().currentHolder().map(NodeId::toString).orElse("nobody");
    } else if (e instanceof Effect.Associate a) {
      return "Associate " + a.elasticIp().allocationId() + " -> " + a.target().privateIp();
    } else if (e instanceof Effect.Announce a) {
      return "Announce " + a.status();
    } else if (e instanceof Effect.Emit emit) {
      return "Emit " + showEvent(emit.event());
    } else if (e instanceof Effect.Log l) {
      return l.level() == Effect.Log.Level.WARN || l.level() == Effect.Log.Level.ERROR ? "Log " + l.level() : null;
    }
    throw new IllegalArgumentException("unknown effect " + e);
  }

  private static String showEvent(FailoverEvent event) {
    String name = event.getClass().getSimpleName();
    Object detail = null;
    if (event instanceof TakeoverStarted t) {
      detail = t.elasticIp().allocationId();
    } else if (event instanceof TakeoverCompleted t) {
      detail = t.elasticIp().allocationId();
    } else if (event instanceof TakeoverFailed t) {
      detail = t.elasticIp().allocationId();
    } else if (event instanceof GuardDenied g) {
      detail = g.elasticIp().allocationId();
    } else if (event instanceof FailBack f) {
      detail = f.elasticIp().allocationId();
    } else if (event instanceof DriftRepaired d) {
      detail = d.elasticIp().allocationId();
    } else if (event instanceof DryRunTakeover d) {
      detail = d.elasticIp().allocationId();
    } else if (event instanceof PeerSuspected p) {
      detail = p.peer();
    } else if (event instanceof PeerDead p) {
      detail = p.peer();
    } else if (event instanceof PeerRecovered p) {
      detail = p.peer();
    } else if (event instanceof LocalStatusChanged l) {
      detail = l.status();
    }
    return detail == null ? name : name + " " + detail;
  }
}
