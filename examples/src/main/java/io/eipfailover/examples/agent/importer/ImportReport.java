package io.eipfailover.examples.agent.importer;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * What an import mapped, what it did not map and why, and what it noticed. Every input line
 * that is not a comment lands in {@link #mapped} or {@link #unmapped}: nothing is dropped
 * silently. Secrets are never recorded (callers pass redacted text). Not thread-safe.
 */
final class ImportReport {
  /** One input line and where it went (a key) or why it went nowhere. */
  record Line(Where where, String text, String outcome) {}

  private final List<Line> mapped = new ArrayList<>();
  private final List<Line> unmapped = new ArrayList<>();
  private final List<String> notes = new ArrayList<>();

  /** {@code text} at {@code where} became {@code keys}. */
  void mapped(Where where, String text, String keys) {
    mapped.add(new Line(where, clip(text), keys));
  }

  /** {@code text} at {@code where} is not carried over, because {@code reason}. */
  void unmapped(Where where, String text, String reason) {
    unmapped.add(new Line(where, clip(text), reason));
  }

  /** A finding that is not about one line (detection time, behaviour differences). */
  void note(String text) {
    notes.add(text);
  }

  List<Line> mapped() {
    return sorted(mapped);
  }

  List<Line> unmapped() {
    return sorted(unmapped);
  }

  List<String> notes() {
    return List.copyOf(notes);
  }

  /** The report as printed by the command. */
  String render() {
    StringBuilder sb = new StringBuilder();
    sb.append("mapped (").append(mapped.size()).append(" lines):\n");
    for (Line l : mapped()) {
      sb.append("  ").append(l.where()).append("  ").append(l.text()).append("\n      -> ").append(l.outcome())
          .append('\n');
    }
    sb.append("not mapped (").append(unmapped.size()).append(" lines):\n");
    for (Line l : unmapped()) {
      sb.append("  ").append(l.where()).append("  ").append(l.text()).append("\n      -- ").append(l.outcome())
          .append('\n');
    }
    if (!notes.isEmpty()) {
      sb.append("notes:\n");
      notes.forEach(n -> sb.append("  * ").append(n).append('\n'));
    }
    return sb.toString();
  }

  private static List<Line> sorted(List<Line> lines) {
    List<Line> out = new ArrayList<>(lines);
    out.sort(Comparator.comparing(Line::where));
    return out;
  }

  private static String clip(String text) {
    String t = text.strip().replaceAll("\\s+", " ");
    return t.length() > 100 ? t.substring(0, 97) + "..." : t;
  }
}
