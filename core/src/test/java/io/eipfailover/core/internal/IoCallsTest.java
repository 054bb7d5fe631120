package io.eipfailover.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.eipfailover.core.AttachmentPoint;
import io.eipfailover.core.ClusterTopology;
import io.eipfailover.core.ElasticIp;
import io.eipfailover.core.ElasticIpManager;
import io.eipfailover.core.ElasticIpManagerException;
import io.eipfailover.core.GuardVerdict;
import io.eipfailover.core.NodeId;
import io.eipfailover.core.ObservedAssociation;
import io.eipfailover.core.SplitBrainGuard;
import io.eipfailover.core.TakeoverRequest;
import io.eipfailover.core.internal.reconciler.Input;
import io.eipfailover.core.internal.reconciler.Stamp;
import io.eipfailover.core.runtime.LoopExecutor;
import io.eipfailover.core.testing.ManualMembership;
import io.eipfailover.core.testing.Topologies;
import io.eipfailover.core.testing.VirtualScheduler;
import io.eipfailover.core.testing.VirtualTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.junit.jupiter.api.Test;

/**
 * {@link IoCalls} turns every call into exactly one result input: answers, failures, a call that
 * never answers (time-out), a null answer, an executor that refuses the work; a late answer after
 * the time-out is dropped. Virtual time: "never answers" is an I/O executor that holds its tasks.
 */
class IoCallsTest {
  private static final NodeId A = Topologies.node(1);
  private final ClusterTopology topology = Topologies.ring(2);
  private final ElasticIp eip = topology.elasticIps().get(1);
  private final AttachmentPoint target = topology.node(A).reservedPoints().get(0);
  private final VirtualTime time = new VirtualTime();
  private final VirtualScheduler lane = time.scheduler("n1");
  private final LoopExecutor loop = LoopExecutor.create(A, "test", lane);
  private final List<Input> results = new ArrayList<>();
  private final List<Runnable> held = new ArrayList<>();
  private final Executor holding = held::add;

  private IoCalls calls(ElasticIpManager manager, SplitBrainGuard guard, Executor io) {
    return new IoCalls(manager, guard, io, loop, Duration.ofSeconds(2), Duration.ofSeconds(3),
        r -> results.add(r.apply(new Stamp(time.nanos(), Instant.EPOCH, 0))));
  }

  private static ElasticIpManager manager(Map<String, ObservedAssociation> describe, RuntimeException failure) {
    return new ElasticIpManager() {
      @Override
      public Map<String, ObservedAssociation> describe(Collection<ElasticIp> elasticIps) {
        if (failure != null) {
          throw failure;
        }
        return describe;
      }

      @Override
      public String associate(ElasticIp elasticIp, AttachmentPoint point) {
        if (failure != null) {
          throw failure;
        }
        return "eipassoc-1";
      }
    };
  }

  private TakeoverRequest request() {
    return new TakeoverRequest(A, eip, Optional.of(Topologies.node(2)),
        new ManualMembership(A, topology.nodeIds(), time.ticker()).view(), topology);
  }

  @Test
  void answersBecomeResultsAndCancelTheirDeadline() {
    IoCalls io = calls(manager(Map.of(), null), r -> GuardVerdict.allow("ok"), lane);
    io.describe(topology.elasticIps());
    io.askGuard(request());
    io.associate(eip, target);
    time.advance(Duration.ofSeconds(10));
    assertEquals(3, results.size(), results.toString());
    assertTrue(results.get(0) instanceof Input.DescribeSucceeded);
    assertEquals(GuardVerdict.allow("ok"), ((Input.GuardAnswered) results.get(1)).verdict());
    assertEquals(new Input.AssociateSucceeded(results.get(2).at(), eip, target, Optional.of("eipassoc-1")), results.get(2));
  }

  @Test
  void failuresAndOddAnswersBecomeFailuresOrDenials() {
    IoCalls io = calls(manager(null, new IllegalStateException("socket closed")), r -> null, lane);
    io.describe(topology.elasticIps());
    io.askGuard(request());
    io.associate(eip, target);
    calls(manager(null, null), r -> {
      throw new IllegalArgumentException("bad probe");
    }, lane).describe(topology.elasticIps());
    calls(manager(null, null), r -> {
      throw new IllegalArgumentException("bad probe");
    }, lane).askGuard(request());
    calls(manager(null, new ElasticIpManagerException(ElasticIpManagerException.Kind.PERMISSION, "denied")),
        r -> null, lane).associate(eip, target);
    time.advance(Duration.ofSeconds(1));
    assertEquals(6, results.size(), results.toString());
    assertEquals("java.lang.IllegalStateException: socket closed", ((Input.DescribeFailed) results.get(0)).error());
    assertEquals(GuardVerdict.deny("guard returned no verdict"), ((Input.GuardAnswered) results.get(1)).verdict());
    Input.AssociateFailed failed = (Input.AssociateFailed) results.get(2);
    assertEquals(ElasticIpManagerException.Kind.RETRYABLE, failed.kind(), "an unclassified error is retryable");
    assertEquals("socket closed", failed.message());
    assertEquals("the EIP manager returned no observations", ((Input.DescribeFailed) results.get(3)).error());
    assertEquals(GuardVerdict.deny("guard failed: java.lang.IllegalArgumentException: bad probe"),
        ((Input.GuardAnswered) results.get(4)).verdict());
    assertEquals(ElasticIpManagerException.Kind.PERMISSION, ((Input.AssociateFailed) results.get(5)).kind());
  }

  @Test
  void anAssociateThatGivesNoAssociationIdSucceedsWithoutOne() {
    for (String none : new String[] {null, "", " "}) {
      results.clear();
      ElasticIpManager manager = new ElasticIpManager() {
        @Override
        public Map<String, ObservedAssociation> describe(Collection<ElasticIp> elasticIps) {
          return Map.of();
        }

        @Override
        public String associate(ElasticIp elasticIp, AttachmentPoint point) {
          return none;
        }
      };
      calls(manager, r -> GuardVerdict.allow("ok"), lane).associate(eip, target);
      time.advance(Duration.ofSeconds(1));
      assertEquals(List.of(new Input.AssociateSucceeded(results.get(0).at(), eip, target, Optional.empty())), results,
          "id " + (none == null ? "null" : "'" + none + "'"));
    }
  }

  @Test
  void aCallThatNeverAnswersTimesOutOnceAndItsLateAnswerIsDropped() {
    IoCalls io = calls(manager(Map.of(), null), r -> GuardVerdict.allow("too late"), holding);
    io.askGuard(request());
    io.describe(topology.elasticIps());
    io.associate(eip, target);
    time.advance(Duration.ofMillis(1_999));
    assertEquals(List.of(), results, "nothing before the guard's deadline");
    time.advance(Duration.ofMillis(1));
    assertEquals(GuardVerdict.deny("guard gave no answer within PT2S"), ((Input.GuardAnswered) results.get(0)).verdict());
    time.advance(Duration.ofSeconds(1));
    assertEquals("no answer within PT3S", ((Input.DescribeFailed) results.get(1)).error());
    Input.AssociateFailed timedOut = (Input.AssociateFailed) results.get(2);
    assertEquals(ElasticIpManagerException.Kind.RETRYABLE, timedOut.kind());
    held.forEach(Runnable::run); // the answers arrive after all
    time.advance(Duration.ofSeconds(1));
    assertEquals(3, results.size(), "late answers are dropped: " + results);
  }

  @Test
  void anExecutorThatRefusesTheWorkIsAFailureAtOnce() {
    IoCalls io = calls(manager(Map.of(), null), r -> GuardVerdict.allow("x"), task -> {
      throw new RejectedExecutionException("pool shut down");
    });
    io.askGuard(request());
    io.associate(eip, target);
    assertEquals(2, results.size());
    assertTrue(((Input.GuardAnswered) results.get(0)).verdict().reason().contains("pool shut down"));
    assertTrue(((Input.AssociateFailed) results.get(1)).message().contains("pool shut down"));
    time.advance(Duration.ofSeconds(10));
    assertEquals(2, results.size(), "the deadline does not add a second result");
  }
}
