package io.eipfailover.examples.agent.status;

import io.eipfailover.core.event.FailBack;
import io.eipfailover.core.event.FailoverEvent;
import io.eipfailover.core.event.FailoverListener;
import io.eipfailover.core.event.FailoverTimeline;
import io.eipfailover.core.event.GuardDenied;
import io.eipfailover.core.event.PeerDead;
import io.eipfailover.core.event.TakeoverCompleted;
import io.eipfailover.core.event.TakeoverFailed;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Event-derived metrics the status snapshot does not hold: fail-backs, peers declared dead,
 * failures by kind, and a running sum and count (a Prometheus summary without quantiles) of each
 * takeover-timeline duration: {@code failover} (last heartbeat to associate answered), {@code
 * detection} (last heartbeat to declared dead) and {@code reaction} (declared dead to answered).
 * Register it as a {@link FailoverListener}. Thread-safe (synchronized; events are rare).
 */
public final class FailoverMetrics implements FailoverListener {
  /** A running sum and count, and the latest value, of one duration. */
  public record Summary(long count, double sumSeconds, double lastSeconds) {}

  private long failbacks;
  private long peersDead;
  private long guardDenied;
  private final Map<String, Long> takeoverFailures = new TreeMap<>();
  private final Map<String, Summary> durations = new TreeMap<>();
  private FailoverTimeline lastTimeline;

  @Override
  public synchronized void onEvent(FailoverEvent event) {
    if (event instanceof TakeoverCompleted t) {
      lastTimeline = t.timeline();
      observe("failover", t.timeline().failoverTime());
      observe("detection", t.timeline().detectionTime());
      observe("reaction", t.timeline().reactionTime());
    } else if (event instanceof FailBack) {
      failbacks++;
    } else if (event instanceof PeerDead) {
      peersDead++;
    } else if (event instanceof GuardDenied) {
      guardDenied++;
    } else if (event instanceof TakeoverFailed f) {
      takeoverFailures.merge(f.kind().name(), 1L, Long::sum);
    }
  }

  private void observe(String phase, Optional<Duration> d) {
    d.ifPresent(v -> {
      double s = v.toNanos() / 1e9;
      Summary old = durations.getOrDefault(phase, new Summary(0, 0, 0));
      durations.put(phase, new Summary(old.count() + 1, old.sumSeconds() + s, s));
    });
  }

  public synchronized long failbacks() {
    return failbacks;
  }

  public synchronized long peersDead() {
    return peersDead;
  }

  public synchronized long guardDenied() {
    return guardDenied;
  }

  /** Failed takeovers by {@code ElasticIpManagerException.Kind} name. */
  public synchronized Map<String, Long> takeoverFailures() {
    return new TreeMap<>(takeoverFailures);
  }

  /** Duration summaries by phase name. */
  public synchronized Map<String, Summary> durations() {
    return new TreeMap<>(durations);
  }

  /** The timeline of the last completed takeover, if any. */
  public synchronized Optional<FailoverTimeline> lastTimeline() {
    return Optional.ofNullable(lastTimeline);
  }
}
