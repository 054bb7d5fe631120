package io.eipfailover.core.testing;

import java.util.ArrayList;
import java.util.List;

/**
 * The association history of one EIP in a {@link SimulatedEc2}: every change with the virtual time
 * it took effect and the time from which describes show it (eventual consistency). Describes of an
 * EIP never go back in time: a change is never shown before an earlier one. Not thread-safe.
 */
final class EipHistory {
  /** A change: {@code association} (null: none) took effect at {@code atNanos}, shown from {@code visibleAt}. */
  private record Entry(long atNanos, long visibleAt, SimulatedEc2.Association association) {}

  private final List<Entry> entries = new ArrayList<>(List.of(new Entry(Long.MIN_VALUE, Long.MIN_VALUE, null)));

  /** The association now (the truth), or null. */
  SimulatedEc2.Association current() {
    return last().association();
  }

  /** When the current state began. */
  long currentSince() {
    return last().atNanos();
  }

  /** What a describe at {@code now} shows, or null for unassociated. */
  SimulatedEc2.Association visible(long now) {
    for (int i = entries.size() - 1; i >= 0; i--) {
      if (entries.get(i).visibleAt() <= now) {
        return entries.get(i).association();
      }
    }
    return entries.get(0).association();
  }

  /** A change at {@code now}, shown to describes {@code window} later (but not before the previous change). */
  void record(long now, long window, SimulatedEc2.Association association) {
    entries.add(new Entry(now, Math.max(now + window, last().visibleAt()), association));
  }

  private Entry last() {
    return entries.get(entries.size() - 1);
  }
}
