package io.eipfailover.core.testing;

import io.eipfailover.core.AttachmentPoint;
import io.eipfailover.core.ClusterTopology;
import io.eipfailover.core.ElasticIp;
import io.eipfailover.core.ElasticIpManagerException;
import io.eipfailover.core.ElasticIpManagerException.Kind;
import io.eipfailover.core.NodeId;
import io.eipfailover.core.NodeSpec;
import io.eipfailover.core.ObservedAssociation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * The EC2 side of a simulation, shared by every node: one association per Elastic IP (allocation
 * id), moved in one call ({@code AllowReassociation=true}: the EIP leaves wherever it was, and an EIP
 * already on the target private IP is displaced). Models what the field paid for: an associate
 * takes effect {@linkplain #setAssociateLatency after a delay}; describe is {@linkplain
 * #setDescribeLag eventually consistent} (each change of an EIP's association reaches describes
 * only after a window, fixed or drawn per change, so a describe may still show the previous
 * holder); the account's request budget is {@linkplain #setAccountThrottling shared} by every node
 * (EC2's token buckets per action); throttling, 5xx, auth errors and lost responses are injected
 * {@linkplain #setFaults by seeded probability} or {@linkplain #setOutage by a switch}; an operator
 * can {@linkplain #operatorAssociate move} an EIP anywhere, also outside the cluster, or
 * {@linkplain #operatorDisassociate disassociate} it. Every call is {@linkplain #calls() logged}
 * with its virtual time, caller and target; every association change is {@linkplain #moves()
 * recorded}.
 *
 * <p>Nodes reach it through a {@link FakeElasticIpManager}. Not thread-safe: use from the thread that
 * drives the virtual time.
 */
public final class SimulatedEc2 {
  /** The caller recorded for hand-made changes ({@link #operatorAssociate}). */
  public static final NodeId OPERATOR = NodeId.of("operator");

  private final ClusterTopology topology;
  private final VirtualScheduler scheduler;
  private final Random random;
  private final Map<String, EipHistory> history = new TreeMap<>();
  private final List<Ec2Call> calls = new ArrayList<>();
  private final List<Ec2Move> moves = new ArrayList<>();
  private final AccountBuckets buckets = new AccountBuckets();
  private Duration associateLatency = Duration.ZERO;
  private long lagMin;
  private long lagMax;
  private Ec2Faults faults = Ec2Faults.NONE;
  private Ec2Call.Outcome outage;
  private long nextAssociationId = 0x1000;
  private int pending;

  /** A current association: its id and the ENI private IP the EIP is on. */
  public record Association(String associationId, String networkInterfaceId, String privateIp) {}

  /**
   * A simulated EC2 holding the topology's EIPs, all unassociated. Delayed associations run on
   * {@code scheduler} (never paused: it is AWS, not a node); errors are drawn from {@code random}.
   */
  public SimulatedEc2(ClusterTopology topology, VirtualScheduler scheduler, Random random) {
    this.topology = Objects.requireNonNull(topology, "topology");
    this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
    this.random = Objects.requireNonNull(random, "random");
    for (ElasticIp eip : topology.elasticIps()) {
      history.put(eip.allocationId(), new EipHistory());
    }
  }

  /** The topology this EC2 serves. */
  public ClusterTopology topology() {
    return topology;
  }

  /** Test set-up: associates every EIP with its home point at once (neither a call nor a move). */
  public void placeAllAtHome() {
    long now = scheduler.time().nanos();
    for (ElasticIp eip : topology.elasticIps()) {
      AttachmentPoint p = topology.homePoint(eip);
      history.get(eip.allocationId()).record(now, 0,
          new Association(String.format("eipassoc-%08x", nextAssociationId++), p.networkInterfaceId(), p.privateIp()));
    }
  }

  /**
   * A hand-made change (drift): logged with caller {@link #OPERATOR}, takes effect at once. The
   * target may be any ENI and private IP, also one outside the cluster.
   */
  public void operatorAssociate(ElasticIp eip, AttachmentPoint target) {
    log(OPERATOR, Ec2Call.Op.ASSOCIATE, List.of(eip.allocationId()), Optional.of(target), Ec2Call.Outcome.OK);
    apply(eip.allocationId(), target, OPERATOR, scheduler.time().nanos(),
        String.format("eipassoc-%08x", nextAssociationId++));
  }

  /** A hand-made {@code DisassociateAddress}: logged with caller {@link #OPERATOR}, takes effect at once. */
  public void operatorDisassociate(ElasticIp eip) {
    log(OPERATOR, Ec2Call.Op.DISASSOCIATE, List.of(eip.allocationId()), Optional.empty(), Ec2Call.Outcome.OK);
    EipHistory h = history.get(eip.allocationId());
    Association before = h.current();
    if (before != null) {
      long now = scheduler.time().nanos();
      record(h, now, null);
      moves.add(new Ec2Move(now, now, eip.allocationId(), Optional.of(before.privateIp()), Optional.empty(), OPERATOR));
    }
  }

  /** How long an associate takes to take effect after it is answered. Default zero. */
  public void setAssociateLatency(Duration latency) {
    this.associateLatency = nonNegative("associateLatency", latency);
  }

  /**
   * How stale describe answers are: every change of an association reaches describes {@code lag}
   * after it took effect (so a describe shows the state of {@code lag} ago). Default zero. Applies
   * to changes from now on.
   */
  public void setDescribeLag(Duration lag) {
    setDescribeLag(lag, lag);
  }

  /**
   * Eventual consistency per EIP: every change of an association from now on reaches describes
   * after a window drawn uniformly in [{@code min}, {@code max}] for that change, but never before
   * an earlier change of the same EIP (so each EIP's describes move forward in time).
   */
  public void setDescribeLag(Duration min, Duration max) {
    nonNegative("describeLag min", min);
    nonNegative("describeLag max", max);
    if (min.compareTo(max) > 0) {
      throw new IllegalArgumentException("describeLag min must be <= max (" + max + "), was " + min);
    }
    this.lagMin = min.toNanos();
    this.lagMax = max.toNanos();
  }

  /** The longest describe lag now in force. */
  public Duration describeLag() {
    return Duration.ofNanos(lagMax);
  }

  /** The account's request throttling (default {@link AccountThrottling#OFF}); every bucket starts full. */
  public void setAccountThrottling(AccountThrottling throttling) {
    buckets.set(Objects.requireNonNull(throttling, "throttling"));
  }

  /** The account's request throttling. */
  public AccountThrottling accountThrottling() {
    return buckets.throttling();
  }

  /** Tokens left now in the account's bucket for {@code op} (infinite when it is not throttled). */
  public double accountTokens(Ec2Call.Op op) {
    return buckets.tokens(op, scheduler.time().nanos());
  }

  /** Per-call error probabilities. */
  public void setFaults(Ec2Faults faults) {
    this.faults = Objects.requireNonNull(faults, "faults");
  }

  /**
   * Makes every call fail with {@code outcome} (THROTTLED, SERVER_ERROR or AUTH_ERROR) until
   * cleared with {@code null}.
   */
  public void setOutage(Ec2Call.Outcome outcome) {
    if (outcome == Ec2Call.Outcome.OK || outcome == Ec2Call.Outcome.INVALID
        || outcome == Ec2Call.Outcome.LOST_RESPONSE) {
      throw new IllegalArgumentException("outage must be an error outcome, was " + outcome);
    }
    this.outage = outcome;
  }

  /**
   * Clears faults, outage, latency and lag (changes already made still reach describes when their
   * window ends). The account's throttling stays: it is how EC2 is, not a fault.
   */
  public void healFaults() {
    faults = Ec2Faults.NONE;
    outage = null;
    associateLatency = Duration.ZERO;
    lagMin = 0;
    lagMax = 0;
  }

  /** Where {@code allocationId} is associated now (the truth, not what describe shows). */
  public Optional<Association> association(String allocationId) {
    EipHistory h = history.get(allocationId);
    if (h == null) {
      throw new IllegalArgumentException("unknown allocation id " + allocationId);
    }
    return Optional.ofNullable(h.current());
  }

  /** The node whose attachment point holds {@code eip} now, if any. */
  public Optional<NodeId> holder(ElasticIp eip) {
    return association(eip.allocationId()).flatMap(a -> topology.ownerOf(a.privateIp()));
  }

  /** Whether {@code eip} is on exactly {@code point} now. */
  public boolean isAt(ElasticIp eip, AttachmentPoint point) {
    return association(eip.allocationId())
        .map(a -> a.networkInterfaceId().equals(point.networkInterfaceId()) && a.privateIp().equals(point.privateIp()))
        .orElse(false);
  }

  /** Associate calls answered but not yet in effect (see {@link #setAssociateLatency}). */
  public int pendingAssociations() {
    return pending;
  }

  /** Every call so far, oldest first. */
  public List<Ec2Call> calls() {
    return Collections.unmodifiableList(calls);
  }

  /** Every association change so far, oldest first. */
  public List<Ec2Move> moves() {
    return Collections.unmodifiableList(moves);
  }

  /** When {@code allocationId} last became unassociated, if it is unassociated now. */
  public Optional<Long> unassociatedSince(String allocationId) {
    EipHistory h = history.get(allocationId);
    return h.current() == null ? Optional.of(h.currentSince()) : Optional.empty();
  }

  Map<String, ObservedAssociation> describe(NodeId caller, Collection<ElasticIp> eips) {
    List<String> ids = eips.stream().map(ElasticIp::allocationId).toList();
    failIfInjected(caller, Ec2Call.Op.DESCRIBE, ids, Optional.empty());
    for (String id : ids) {
      if (!history.containsKey(id)) {
        log(caller, Ec2Call.Op.DESCRIBE, ids, Optional.empty(), Ec2Call.Outcome.INVALID);
        throw new ElasticIpManagerException(Kind.CONFIGURATION,
            "InvalidAllocationID.NotFound: the allocation ID '" + id + "' does not exist");
      }
    }
    log(caller, Ec2Call.Op.DESCRIBE, ids, Optional.empty(), Ec2Call.Outcome.OK);
    long now = scheduler.time().nanos();
    Map<String, ObservedAssociation> result = new LinkedHashMap<>();
    for (String id : ids) {
      Association a = history.get(id).visible(now);
      result.put(id, a == null ? ObservedAssociation.unassociated(id)
          : ObservedAssociation.associated(id, a.associationId(), a.networkInterfaceId(), a.privateIp()));
    }
    return result;
  }

  String associate(NodeId caller, ElasticIp eip, AttachmentPoint target) {
    List<String> ids = List.of(eip.allocationId());
    failIfInjected(caller, Ec2Call.Op.ASSOCIATE, ids, Optional.of(target));
    if (!history.containsKey(eip.allocationId())) {
      log(caller, Ec2Call.Op.ASSOCIATE, ids, Optional.of(target), Ec2Call.Outcome.INVALID);
      throw new ElasticIpManagerException(Kind.CONFIGURATION,
          "InvalidAllocationID.NotFound: the allocation ID '" + eip.allocationId() + "' does not exist");
    }
    if (!knownPoint(target)) {
      log(caller, Ec2Call.Op.ASSOCIATE, ids, Optional.of(target), Ec2Call.Outcome.INVALID);
      throw new ElasticIpManagerException(Kind.CONFIGURATION, "InvalidParameterValue: private IP "
          + target.privateIp() + " is not assigned to network interface " + target.networkInterfaceId());
    }
    boolean lose = faults.lostResponse() > 0 && random.nextDouble() < faults.lostResponse();
    log(caller, Ec2Call.Op.ASSOCIATE, ids, Optional.of(target),
        lose ? Ec2Call.Outcome.LOST_RESPONSE : Ec2Call.Outcome.OK);
    String associationId = String.format("eipassoc-%08x", nextAssociationId++);
    long asked = scheduler.time().nanos();
    if (associateLatency.isZero()) {
      apply(eip.allocationId(), target, caller, asked, associationId);
    } else {
      pending++;
      scheduler.schedule(() -> {
        pending--;
        apply(eip.allocationId(), target, caller, asked, associationId);
      }, associateLatency.toNanos(), TimeUnit.NANOSECONDS);
    }
    if (lose) {
      throw new ElasticIpManagerException(Kind.RETRYABLE, "RequestTimeout: no answer from ec2 within the call timeout");
    }
    return associationId;
  }

  /** Injected faults first, then the account's bucket for the action (as EC2 checks them). */
  private void failIfInjected(NodeId caller, Ec2Call.Op op, List<String> ids, Optional<AttachmentPoint> target) {
    Ec2Call.Outcome failure = injected();
    if (failure == null && !buckets.take(op, scheduler.time().nanos())) {
      failure = Ec2Call.Outcome.THROTTLED;
    }
    if (failure == null) {
      return;
    }
    log(caller, op, ids, target, failure);
    String action = op == Ec2Call.Op.DESCRIBE ? "ec2:DescribeAddresses" : "ec2:AssociateAddress";
    throw switch (failure) {
      case THROTTLED -> new ElasticIpManagerException(Kind.THROTTLED, "RequestLimitExceeded: request limit exceeded");
      case AUTH_ERROR -> new ElasticIpManagerException(Kind.PERMISSION,
          "UnauthorizedOperation: you are not authorized to perform " + action);
      default -> new ElasticIpManagerException(Kind.RETRYABLE, "InternalError (HTTP 500) from " + action);
    };
  }

  private Ec2Call.Outcome injected() {
    Ec2Call.Outcome failure = outage;
    if (failure == null && !faults.isNone()) {
      double r = random.nextDouble();
      if (r < faults.throttle()) {
        failure = Ec2Call.Outcome.THROTTLED;
      } else if (r < faults.throttle() + faults.serverError()) {
        failure = Ec2Call.Outcome.SERVER_ERROR;
      } else if (r < faults.throttle() + faults.serverError() + faults.authError()) {
        failure = Ec2Call.Outcome.AUTH_ERROR;
      }
    }
    return failure;
  }

  private boolean knownPoint(AttachmentPoint p) {
    Optional<NodeId> owner = topology.ownerOf(p.privateIp());
    if (owner.isEmpty()) {
      return false;
    }
    NodeSpec spec = topology.node(owner.get());
    return spec.owns(p.networkInterfaceId(), p.privateIp());
  }

  private void apply(String allocationId, AttachmentPoint target, NodeId caller, long asked, String associationId) {
    long now = scheduler.time().nanos();
    for (Map.Entry<String, EipHistory> e : history.entrySet()) {
      Association other = e.getValue().current();
      if (!e.getKey().equals(allocationId) && other != null && other.privateIp().equals(target.privateIp())) {
        record(e.getValue(), now, null);
        moves.add(new Ec2Move(now, asked, e.getKey(), Optional.of(other.privateIp()), Optional.empty(), caller));
      }
    }
    EipHistory h = history.get(allocationId);
    Association before = h.current();
    record(h, now, new Association(associationId, target.networkInterfaceId(), target.privateIp()));
    if (before == null || !before.privateIp().equals(target.privateIp())) {
      moves.add(new Ec2Move(now, asked, allocationId, Optional.ofNullable(before).map(Association::privateIp),
          Optional.of(target.privateIp()), caller));
    }
  }

  /** Adds a change to an EIP's history, shown to describes after a window drawn for it. */
  private void record(EipHistory h, long now, Association association) {
    long window = lagMax == lagMin ? lagMin : lagMin + (long) (random.nextDouble() * (lagMax - lagMin));
    h.record(now, window, association);
  }

  private void log(NodeId caller, Ec2Call.Op op, List<String> ids, Optional<AttachmentPoint> target,
      Ec2Call.Outcome outcome) {
    calls.add(new Ec2Call(scheduler.time().nanos(), caller, op, ids, target, outcome));
  }

  private static Duration nonNegative(String name, Duration d) {
    Objects.requireNonNull(d, name);
    if (d.isNegative()) {
      throw new IllegalArgumentException(name + " must be >= 0, was " + d);
    }
    return d;
  }
}
