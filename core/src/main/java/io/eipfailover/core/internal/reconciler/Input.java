package io.eipfailover.core.internal.reconciler;

import io.eipfailover.core.AttachmentPoint;
import io.eipfailover.core.ElasticIp;
import io.eipfailover.core.ElasticIpManagerException;
import io.eipfailover.core.GuardVerdict;
import io.eipfailover.core.HealthResult;
import io.eipfailover.core.MembershipView;
import io.eipfailover.core.ObservedAssociation;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything that can happen to the reconciler, as data. Each input carries the runner's {@link
 * Stamp}; results of effects carry what the call returned. The table in {@code docs/reconciler.md}
 * lists them all (a test keeps it in sync).
 */
public sealed interface Input {
  /** When the input was processed. */
  Stamp at();

  /** {@code EipFailover.start()}: the start-up grace begins; a first describe is needed. */
  record Started(Stamp at) implements Input {}

  /** The membership delivered a new view. */
  record ViewChanged(Stamp at, MembershipView view) implements Input {
    public ViewChanged {
      Objects.requireNonNull(view, "view");
    }
  }

  /** The local health check answered. */
  record HealthReported(Stamp at, HealthResult result) implements Input {
    public HealthReported {
      Objects.requireNonNull(result, "result");
    }
  }

  /** {@code standby()} (true) or {@code resume()} (false) was called. */
  record StandbyRequested(Stamp at, boolean standby) implements Input {}

  /** {@code reconcileNow()} was called: describe and reconcile. */
  record ReconcileNow(Stamp at) implements Input {}

  /** The wake-up the state asked for ({@link ReconcilerState#wakeAt()}) came. */
  record WakeUp(Stamp at) implements Input {}

  /** The describe the step asked for answered; a missing allocation id means unassociated. */
  record DescribeSucceeded(Stamp at, Map<String, ObservedAssociation> observed) implements Input {
    public DescribeSucceeded {
      observed = Map.copyOf(observed);
    }
  }

  /** The describe the step asked for failed ({@code kind}) or timed out ({@code RETRYABLE}). */
  record DescribeFailed(Stamp at, ElasticIpManagerException.Kind kind, String error) implements Input {
    public DescribeFailed {
      Objects.requireNonNull(kind, "kind");
      Objects.requireNonNull(error, "error");
    }
  }

  /** The guard answered the question the step asked about {@code elasticIp}. */
  record GuardAnswered(Stamp at, ElasticIp elasticIp, GuardVerdict verdict) implements Input {
    public GuardAnswered {
      Objects.requireNonNull(elasticIp, "elasticIp");
      Objects.requireNonNull(verdict, "verdict");
    }
  }

  /**
   * The associate the step asked for returned EC2's {@code associationId} (empty if the EIP manager
   * gave none: the move is then confirmed by its point alone).
   */
  record AssociateSucceeded(Stamp at, ElasticIp elasticIp, AttachmentPoint target, Optional<String> associationId)
      implements Input {
    public AssociateSucceeded {
      Objects.requireNonNull(elasticIp, "elasticIp");
      Objects.requireNonNull(target, "target");
      Objects.requireNonNull(associationId, "associationId");
    }
  }

  /** The associate the step asked for failed or timed out. */
  record AssociateFailed(Stamp at, ElasticIp elasticIp, AttachmentPoint target, ElasticIpManagerException.Kind kind,
      String message) implements Input {
    public AssociateFailed {
      Objects.requireNonNull(elasticIp, "elasticIp");
      Objects.requireNonNull(target, "target");
      Objects.requireNonNull(kind, "kind");
      Objects.requireNonNull(message, "message");
    }
  }
}
