package io.eipfailover.membership.jgroups.internal;

import com.google.common.base.Ticker;
import io.eipfailover.core.runtime.RateLimitedLog;
import org.jgroups.logging.Log;
import org.slf4j.helpers.NOPLogger;

/**
 * A JGroups {@link Log} that writes through another one (the SLF4J bridge) within a budget per
 * reason: JGroups logs per message, so a flood of strangers' or garbled packets would otherwise
 * write a line each ("dropped message from non-member", "no physical address", ...). The reason is
 * the logger category, the level and the message or format string (a fixed string in JGroups'
 * code, never the packet's content when a format is used); {@link RateLimitedLog}'s default budget
 * applies to each. A line written after suppressed ones says how many. Debug and trace are not
 * limited (off unless someone turns them on to debug). Thread-safe.
 */
public final class BudgetedJGroupsLog implements Log {
  private final Log delegate;
  private final String category;
  private final RateLimitedLog budget;

  BudgetedJGroupsLog(Log delegate, String category, Ticker ticker) {
    this.delegate = delegate;
    this.category = category;
    // Only the budget is used (admit); the lines themselves go to the delegate.
    this.budget = RateLimitedLog.create(NOPLogger.NOP_LOGGER, ticker);
  }

  /** The suffix to append when {@code level}/{@code key} may log now, or null when over budget. */
  private String admit(String level, String key) {
    long skipped = budget.admit(category + '\u0000' + level + '\u0000' + key);
    if (skipped < 0) {
      return null;
    }
    return skipped == 0 ? "" : " (+" + skipped + " similar lines suppressed)";
  }

  /** Lines suppressed so far, for tests. */
  long suppressed() {
    return budget.suppressedTotal();
  }

  @Override
  public void fatal(String msg) {
    String s = admit("fatal", msg);
    if (s != null) {
      delegate.fatal(msg + s);
    }
  }

  @Override
  public void fatal(String format, Object... args) {
    String s = admit("fatal", format);
    if (s != null) {
      delegate.fatal(format + s, args);
    }
  }

  @Override
  public void fatal(String msg, Throwable t) {
    String s = admit("fatal", msg);
    if (s != null) {
      delegate.fatal(msg + s, t);
    }
  }

  @Override
  public void error(String msg) {
    String s = admit("error", msg);
    if (s != null) {
      delegate.error(msg + s);
    }
  }

  @Override
  public void error(String format, Object... args) {
    String s = admit("error", format);
    if (s != null) {
      delegate.error(format + s, args);
    }
  }

  @Override
  public void error(String msg, Throwable t) {
    String s = admit("error", msg);
    if (s != null) {
      delegate.error(msg + s, t);
    }
  }

  @Override
  public void warn(String msg) {
    String s = admit("warn", msg);
    if (s != null) {
      delegate.warn(msg + s);
    }
  }

  @Override
  public void warn(String format, Object... args) {
    String s = admit("warn", format);
    if (s != null) {
      delegate.warn(format + s, args);
    }
  }

  @Override
  public void warn(String msg, Throwable t) {
    String s = admit("warn", msg);
    if (s != null) {
      delegate.warn(msg + s, t);
    }
  }

  @Override
  public void info(String msg) {
    String s = admit("info", msg);
    if (s != null) {
      delegate.info(msg + s);
    }
  }

  @Override
  public void info(String format, Object... args) {
    String s = admit("info", format);
    if (s != null) {
      delegate.info(format + s, args);
    }
  }

  @Override
  public void debug(String msg) {
    delegate.debug(msg);
  }

  @Override
  public void debug(String format, Object... args) {
    delegate.debug(format, args);
  }

  @Override
  public void debug(String msg, Throwable t) {
    delegate.debug(msg, t);
  }

  @Override
  public void trace(Object msg) {
    delegate.trace(msg);
  }

  @Override
  public void trace(String msg) {
    delegate.trace(msg);
  }

  @Override
  public void trace(String format, Object... args) {
    delegate.trace(format, args);
  }

  @Override
  public void trace(String msg, Throwable t) {
    delegate.trace(msg, t);
  }

  @Override
  public boolean isFatalEnabled() {
    return delegate.isFatalEnabled();
  }

  @Override
  public boolean isErrorEnabled() {
    return delegate.isErrorEnabled();
  }

  @Override
  public boolean isWarnEnabled() {
    return delegate.isWarnEnabled();
  }

  @Override
  public boolean isInfoEnabled() {
    return delegate.isInfoEnabled();
  }

  @Override
  public boolean isDebugEnabled() {
    return delegate.isDebugEnabled();
  }

  @Override
  public boolean isTraceEnabled() {
    return delegate.isTraceEnabled();
  }

  @Override
  public void setLevel(String level) {
    delegate.setLevel(level);
  }

  @Override
  public String getLevel() {
    return delegate.getLevel();
  }
}
