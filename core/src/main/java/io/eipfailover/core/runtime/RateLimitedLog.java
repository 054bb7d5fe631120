package io.eipfailover.core.runtime;

import com.google.common.base.Ticker;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.event.Level;

/**
 * Log lines fed by input we do not control (datagrams, peers' connections, a library's noise, EC2
 * errors), under a budget per <em>reason</em>: whatever arrives, and from however many sources, a
 * reason logs at most {@code burst} lines at once and {@code burst} lines per {@code period} on
 * average (a token bucket). Lines over budget are not written but counted; the next line written
 * for that reason ends with how many were suppressed since the one before ({@code "(+41 suppressed
 * in 10 s)"}), and {@link #suppressed} keeps the totals.
 *
 * <p>The reason is the key the budget is kept by: a {@code DropReason}, a peer id, a logger
 * category. It must come from a small set the caller controls, never from the input (a source
 * address would give every attacker port a budget of its own); as a backstop the table holds at
 * most {@value #MAX_REASONS} reasons and the rest share one budget.
 *
 * <p>Time comes from the injected {@link Ticker}. Thread-safe; the SLF4J call is made outside the
 * lock.
 */
public final class RateLimitedLog {
  /** Lines a reason may write at once. */
  public static final int DEFAULT_BURST = 3;
  /** The period over which a reason's budget refills ({@link #DEFAULT_BURST} lines per period). */
  public static final Duration DEFAULT_PERIOD = Duration.ofSeconds(10);
  static final int MAX_REASONS = 64;
  private static final Object OTHER_REASONS = "(other reasons)";

  private final Logger logger;
  private final Ticker ticker;
  private final long costNanos;
  private final long capacityNanos;
  private final Map<Object, Budget> budgets = new HashMap<>();

  /** Per-reason state: credit in nanoseconds of refill time (one line costs {@code costNanos}). */
  private static final class Budget {
    long credit;
    long lastRefill;
    long suppressedSinceLine;
    long suppressedTotal;
    long lastLineAt;

    Budget(long credit, long now) {
      this.credit = credit;
      this.lastRefill = now;
      this.lastLineAt = now;
    }
  }

  private RateLimitedLog(Logger logger, Ticker ticker, int burst, Duration period) {
    this.logger = Checks.notNull("logger", logger);
    this.ticker = Checks.notNull("ticker", ticker);
    Checks.positive("burst", burst);
    Checks.positive("period", period);
    this.costNanos = Math.max(1, period.toNanos() / burst);
    this.capacityNanos = costNanos * burst;
  }

  /** {@value #DEFAULT_BURST} lines per reason at once and per {@link #DEFAULT_PERIOD}. */
  public static RateLimitedLog create(Logger logger, Ticker ticker) {
    return new RateLimitedLog(logger, ticker, DEFAULT_BURST, DEFAULT_PERIOD);
  }

  /** {@code burst} lines per reason at once, and {@code burst} per {@code period} on average. */
  public static RateLimitedLog create(Logger logger, Ticker ticker, int burst, Duration period) {
    return new RateLimitedLog(logger, ticker, burst, period);
  }

  /**
   * Takes one line from {@code reason}'s budget.
   *
   * @return -1 if the budget is spent (the line is suppressed and counted); otherwise the number of
   *     lines suppressed for this reason since its last admitted line (0 when none)
   */
  public long admit(Object reason) {
    long[] admitted = take(reason);
    return admitted == null ? -1 : admitted[0];
  }

  /** {lines suppressed since the reason's last line, nanoseconds since that line}, or null if over budget. */
  private long[] take(Object reason) {
    Checks.notNull("reason", reason);
    long now = ticker.read();
    synchronized (budgets) {
      Budget b = budget(reason, now);
      b.credit = Math.min(capacityNanos, b.credit + Math.max(0, now - b.lastRefill));
      b.lastRefill = now;
      if (b.credit < costNanos) {
        b.suppressedSinceLine++;
        b.suppressedTotal++;
        return null;
      }
      b.credit -= costNanos;
      long[] admitted = {b.suppressedSinceLine, now - b.lastLineAt};
      b.suppressedSinceLine = 0;
      b.lastLineAt = now;
      return admitted;
    }
  }

  private Budget budget(Object reason, long now) {
    Budget b = budgets.get(reason);
    if (b == null) {
      Object key = budgets.size() < MAX_REASONS ? reason : OTHER_REASONS;
      b = budgets.computeIfAbsent(key, k -> new Budget(capacityNanos, now));
    }
    return b;
  }

  /** Lines suppressed for {@code reason} so far. */
  public long suppressed(Object reason) {
    synchronized (budgets) {
      Budget b = budgets.get(reason);
      return b == null ? 0 : b.suppressedTotal;
    }
  }

  /** Lines suppressed for every reason so far. */
  public long suppressedTotal() {
    synchronized (budgets) {
      return budgets.values().stream().mapToLong(b -> b.suppressedTotal).sum();
    }
  }

  /** As SLF4J's {@code warn(format, args)}, within {@code reason}'s budget. */
  public void warn(Object reason, String format, Object... args) {
    log(Level.WARN, reason, format, args);
  }

  /** As SLF4J's {@code error(format, args)}, within {@code reason}'s budget. */
  public void error(Object reason, String format, Object... args) {
    log(Level.ERROR, reason, format, args);
  }

  /** As SLF4J's {@code info(format, args)}, within {@code reason}'s budget. */
  public void info(Object reason, String format, Object... args) {
    log(Level.INFO, reason, format, args);
  }

  /**
   * Logs at {@code level} if the logger is enabled for it and {@code reason}'s budget allows; a
   * trailing {@link Throwable} stays the line's exception, as in SLF4J. A disabled level costs no
   * budget.
   */
  public void log(Level level, Object reason, String format, Object... args) {
    if (!logger.isEnabledForLevel(level)) {
      return;
    }
    long[] admitted = take(reason);
    if (admitted == null) {
      return;
    }
    if (admitted[0] == 0) {
      write(level, format, args);
      return;
    }
    String count = admitted[0] + " suppressed in " + Math.max(1, admitted[1] / 1_000_000_000L) + " s";
    write(level, format + " (+{})", withCount(args, count));
  }

  /** The classic SLF4J calls, which take a trailing throwable as the line's exception in every binding. */
  private void write(Level level, String format, Object[] args) {
    switch (level) {
      case ERROR -> logger.error(format, args);
      case WARN -> logger.warn(format, args);
      case INFO -> logger.info(format, args);
      case DEBUG -> logger.debug(format, args);
      case TRACE -> logger.trace(format, args);
    }
  }

  /** {@code args} with {@code extra} before a trailing throwable (SLF4J's exception slot), or at the end. */
  private static Object[] withCount(Object[] args, Object extra) {
    boolean thrown = args.length > 0 && args[args.length - 1] instanceof Throwable;
    Object[] out = Arrays.copyOf(args, args.length + 1);
    if (thrown) {
      out[args.length - 1] = extra;
      out[args.length] = args[args.length - 1];
    } else {
      out[args.length] = extra;
    }
    return out;
  }

  @Override
  public String toString() {
    return "RateLimitedLog{" + logger.getName() + ", " + capacityNanos / costNanos + " lines per "
        + Duration.ofNanos(capacityNanos) + " per reason}";
  }
}
