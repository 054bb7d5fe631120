package io.eipfailover.benchmarks.harness;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * The events one daemon reported so far, in arrival order, with waiting for the next one that
 * matches. Marks ({@link #mark()}) are indexes, so "since the fault" is "since this mark".
 * Thread-safe: a reader thread adds, the harness thread reads and waits.
 */
final class EventLog {
  private final WallClock clock;
  private final List<EventLine> events = new ArrayList<>();

  EventLog(WallClock clock) {
    this.clock = clock;
  }

  void add(EventLine e) {
    synchronized (events) {
      events.add(e);
      events.notifyAll();
    }
  }

  /** The number of events so far. */
  int mark() {
    synchronized (events) {
      return events.size();
    }
  }

  /** A copy of the events from {@code mark} on. */
  List<EventLine> since(int mark) {
    synchronized (events) {
      return new ArrayList<>(events.subList(Math.min(mark, events.size()), events.size()));
    }
  }

  /** The last event matching {@code match}, if any. */
  Optional<EventLine> last(Predicate<EventLine> match) {
    synchronized (events) {
      for (int i = events.size() - 1; i >= 0; i--) {
        if (match.test(events.get(i))) {
          return Optional.of(events.get(i));
        }
      }
      return Optional.empty();
    }
  }

  /** Waits until an event at or after {@code mark} matches, up to {@code timeout}. */
  Optional<EventLine> await(int mark, Predicate<EventLine> match, Duration timeout) {
    long deadline = clock.micros() + timeout.toNanos() / 1000;
    synchronized (events) {
      int i = mark;
      while (true) {
        for (; i < events.size(); i++) {
          if (match.test(events.get(i))) {
            return Optional.of(events.get(i));
          }
        }
        long left = (deadline - clock.micros()) * 1000;
        if (left <= 0) {
          return Optional.empty();
        }
        try {
          TimeUnit.NANOSECONDS.timedWait(events, left);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return Optional.empty();
        }
      }
    }
  }
}
