package io.eipfailover.core.testing;

import java.util.ArrayList;
import java.util.List;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;

/**
 * An SLF4J {@link org.slf4j.Logger} that keeps every line it is given (level, formatted message,
 * exception), for tests that count or read log lines. Enabled from {@code threshold} up.
 * Thread-safe.
 */
public final class RecordingLogger extends LegacyAbstractLogger {
  private static final long serialVersionUID = 1L;

  /** One logged line. */
  public record Line(Level level, String message, Throwable thrown) {}

  private final transient List<Line> lines = new ArrayList<>();
  private final Level threshold;

  public RecordingLogger(String name, Level threshold) {
    this.name = name;
    this.threshold = threshold;
  }

  /** Enabled at every level. */
  public RecordingLogger(String name) {
    this(name, Level.TRACE);
  }

  /** The lines so far, oldest first. */
  public synchronized List<Line> lines() {
    return List.copyOf(lines);
  }

  /** The messages so far. */
  public synchronized List<String> messages() {
    return lines.stream().map(Line::message).toList();
  }

  public synchronized void clear() {
    lines.clear();
  }

  @Override
  protected String getFullyQualifiedCallerName() {
    return null;
  }

  @Override
  protected synchronized void handleNormalizedLoggingCall(Level level, Marker marker, String format, Object[] args,
      Throwable thrown) {
    lines.add(new Line(level, MessageFormatter.basicArrayFormat(format, args), thrown));
  }

  private boolean enabled(Level level) {
    return level.toInt() >= threshold.toInt();
  }

  @Override
  public boolean isTraceEnabled() {
    return enabled(Level.TRACE);
  }

  @Override
  public boolean isDebugEnabled() {
    return enabled(Level.DEBUG);
  }

  @Override
  public boolean isInfoEnabled() {
    return enabled(Level.INFO);
  }

  @Override
  public boolean isWarnEnabled() {
    return enabled(Level.WARN);
  }

  @Override
  public boolean isErrorEnabled() {
    return enabled(Level.ERROR);
  }
}
