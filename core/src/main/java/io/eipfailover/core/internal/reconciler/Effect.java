package io.eipfailover.core.internal.reconciler;

import io.eipfailover.core.AnnouncedStatus;
import io.eipfailover.core.AttachmentPoint;
import io.eipfailover.core.ElasticIp;
import io.eipfailover.core.TakeoverRequest;
import io.eipfailover.core.event.FailoverEvent;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the step asks the runner to do, in order. {@link Describe}, {@link AskGuard} and {@link
 * Associate} each come back as exactly one result {@link Input}. The table in {@code
 * docs/reconciler.md} lists them all (a test keeps it in sync).
 */
public sealed interface Effect {
  /** Describe these EIPs (one call); answers {@link Input.DescribeSucceeded} or {@link Input.DescribeFailed}. */
  record Describe(List<ElasticIp> elasticIps) implements Effect {
    public Describe {
      elasticIps = List.copyOf(elasticIps);
    }
  }

  /** Ask the split-brain guard; answers {@link Input.GuardAnswered} (a time-out or failure is a denial). */
  record AskGuard(TakeoverRequest request) implements Effect {
    public AskGuard {
      Objects.requireNonNull(request, "request");
    }
  }

  /** Associate the EIP with this node's point; answers {@link Input.AssociateSucceeded} or {@link Input.AssociateFailed}. */
  record Associate(ElasticIp elasticIp, AttachmentPoint target) implements Effect {
    public Associate {
      Objects.requireNonNull(elasticIp, "elasticIp");
      Objects.requireNonNull(target, "target");
    }
  }

  /** Tell the membership (and so the peers) this node's status. */
  record Announce(AnnouncedStatus status) implements Effect {
    public Announce {
      Objects.requireNonNull(status, "status");
    }
  }

  /** Deliver an event to the listeners. */
  record Emit(FailoverEvent event) implements Effect {
    public Emit {
      Objects.requireNonNull(event, "event");
    }
  }

  /**
   * Write one log line (the runner adds the node id). A line with a {@code budget} is one that the
   * outside world can repeat (EC2 failing again and again): the runner writes it within that
   * budget's rate, as every module does with such lines ({@code RateLimitedLog}).
   */
  record Log(Level level, String message, Optional<String> budget) implements Effect {
    public Log {
      Objects.requireNonNull(level, "level");
      Objects.requireNonNull(message, "message");
      Objects.requireNonNull(budget, "budget");
    }

    /** A line written whenever the step asks. */
    public Log(Level level, String message) {
      this(level, message, Optional.empty());
    }

    /** A line written within the budget named {@code budget}. */
    static Log budgeted(Level level, String budget, String message) {
      return new Log(level, message, Optional.of(budget));
    }

    /** Log levels the step uses. */
    public enum Level { DEBUG, INFO, WARN, ERROR }
  }
}
