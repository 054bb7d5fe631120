package io.eipfailover.examples.agent.status;

import io.eipfailover.core.ElasticIp;
import io.eipfailover.core.event.ConfigMismatch;
import io.eipfailover.core.event.DriftRepaired;
import io.eipfailover.core.event.FailBack;
import io.eipfailover.core.event.FailoverEvent;
import io.eipfailover.core.event.FailoverListener;
import io.eipfailover.core.runtime.Checks;
import io.eipfailover.core.event.GuardDenied;
import io.eipfailover.core.event.LocalStatusChanged;
import io.eipfailover.core.event.PeerDead;
import io.eipfailover.core.event.PeerRecovered;
import io.eipfailover.core.event.PeerSuspected;
import io.eipfailover.core.event.TakeoverCompleted;
import io.eipfailover.core.event.TakeoverFailed;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/**
 * The notable events of the last minutes, for {@code /status} and {@code eipfailover-agent status}:
 * takeovers, fail-backs, guard denials, failed calls and EC2 errors, peers lost and back, local
 * status changes, configuration mismatches. Keeps at most {@code capacity} entries and drops those
 * older than {@code window}. Register it as a {@link FailoverListener} and as the {@link
 * Ec2CallMetrics} error listener. Thread-safe (synchronized; events are rare).
 */
public final class RecentEvents implements FailoverListener {
  /**
   * One entry.
   *
   * @param type e.g. {@code guard-denied}, {@code takeover}, {@code ec2-error}
   * @param eip the EIP it is about, if any
   * @param node the other node it is about (holder, peer), if any
   */
  public record Entry(Instant at, String type, Optional<ElasticIp> eip, Optional<String> node, String detail) {}

  private final Clock clock;
  private final Duration window;
  private final int capacity;
  private final Deque<Entry> entries = new ArrayDeque<>();

  /**
   * @param clock wall-clock time for EC2 errors and for ageing entries out
   * @param window how long an entry is kept
   * @param capacity the most entries kept (the oldest go first)
   */
  public RecentEvents(Clock clock, Duration window, int capacity) {
    this.clock = Checks.notNull("clock", clock);
    this.window = Checks.positive("window", window);
    this.capacity = Checks.positive("capacity", capacity);
  }

  @Override
  public void onEvent(FailoverEvent event) {
    entry(event).ifPresent(this::add);
  }

  private static Optional<Entry> entry(FailoverEvent event) {
    if (event instanceof GuardDenied g) {
      return eip(g.at(), "guard-denied", g.elasticIp(), g.holder().map(Object::toString), g.reason());
    } else if (event instanceof TakeoverCompleted t) {
      return eip(t.at(), "takeover", t.elasticIp(), t.from().map(Object::toString), "now on "
          + t.target().privateIp() + t.timeline().failoverTime().map(d -> ", failover " + d.toMillis() + " ms")
          .orElse(""));
    } else if (event instanceof TakeoverFailed f) {
      return eip(f.at(), "takeover-failed", f.elasticIp(), Optional.empty(), f.kind() + ": " + f.error()
          + " (retry in " + f.retryIn().toMillis() + " ms)");
    } else if (event instanceof FailBack b) {
      return eip(b.at(), "fail-back", b.elasticIp(), b.from().map(Object::toString), "pulled home");
    } else if (event instanceof DriftRepaired d) {
      return eip(d.at(), "drift-repaired", d.elasticIp(), Optional.empty(), "found on "
          + d.found().privateIp().orElse("nothing") + ", pulled to " + d.target().privateIp());
    } else if (event instanceof PeerDead p) {
      return peer(p.at(), "peer-dead", p.peer().value(), "declared dead");
    } else if (event instanceof PeerSuspected p) {
      return peer(p.at(), "peer-suspected", p.peer().value(), "heartbeats late");
    } else if (event instanceof PeerRecovered p) {
      return peer(p.at(), "peer-recovered", p.peer().value(), "heard again, " + p.state());
    } else if (event instanceof LocalStatusChanged l) {
      return Optional.of(new Entry(l.at(), "local-status", Optional.empty(), Optional.empty(), l.status() + ": "
          + l.reason()));
    } else if (event instanceof ConfigMismatch c) {
      return peer(c.at(), "config-mismatch", c.peer().value(), "topology fingerprints differ");
    }
    return Optional.empty();
  }

  /** A failed EC2 call ({@code code} is EC2's error code, or {@code client} for time-outs and I/O). */
  public void ec2Error(String operation, String code) {
    add(new Entry(clock.instant(), "ec2-error", Optional.empty(), Optional.empty(), operation + ": " + code));
  }

  /** Any other notable thing, e.g. a hook that failed ({@code type} {@code hook-failed}). */
  public void note(String type, String detail) {
    add(new Entry(clock.instant(), type, Optional.empty(), Optional.empty(), detail));
  }

  /** The entries of the last {@code window}, oldest first. */
  public synchronized List<Entry> entries() {
    prune(clock.instant());
    return new ArrayList<>(entries);
  }

  private synchronized void add(Entry e) {
    entries.addLast(e);
    while (entries.size() > capacity) {
      entries.removeFirst();
    }
    prune(clock.instant());
  }

  private void prune(Instant now) {
    while (!entries.isEmpty() && entries.peekFirst().at().isBefore(now.minus(window))) {
      entries.removeFirst();
    }
  }

  private static Optional<Entry> eip(Instant at, String type, ElasticIp eip, Optional<String> node, String detail) {
    return Optional.of(new Entry(at, type, Optional.of(eip), node, detail));
  }

  private static Optional<Entry> peer(Instant at, String type, String peer, String detail) {
    return Optional.of(new Entry(at, type, Optional.empty(), Optional.of(peer), detail));
  }
}
