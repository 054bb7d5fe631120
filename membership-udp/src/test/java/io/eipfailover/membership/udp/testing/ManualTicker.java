package io.eipfailover.membership.udp.testing;

import com.google.common.base.Ticker;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A ticker that only moves when told, and a wall clock that follows it. Not thread-safe. */
public final class ManualTicker extends Ticker {
  /** Wall-clock time at reading zero. */
  public static final Instant EPOCH = Instant.parse("2026-01-01T00:00:00Z");

  private long now;

  @Override
  public long read() {
    return now;
  }

  /** Moves time forward. */
  public ManualTicker advance(Duration d) {
    now += d.toNanos();
    return this;
  }

  /** Moves time forward by nanoseconds. */
  public ManualTicker advanceNanos(long nanos) {
    now += nanos;
    return this;
  }

  /** A clock reading {@link #EPOCH} plus this ticker's reading. */
  public Clock clock() {
    return new Clock() {
      @Override
      public ZoneId getZone() {
        return ZoneOffset.UTC;
      }

      @Override
      public Clock withZone(ZoneId zone) {
        return this;
      }

      @Override
      public Instant instant() {
        return EPOCH.plusNanos(now);
      }
    };
  }
}
