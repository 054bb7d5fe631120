package io.eipfailover.benchmarks.jmh;

import com.google.common.base.Ticker;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A ticker that moves forward by a fixed step on every read, from a fixed start: time passes in a
 * benchmark loop (token buckets refill, fail-back delays expire) without reading the system clock.
 * Thread-safe.
 */
final class AdvancingTicker extends Ticker {
  private final AtomicLong nanos;
  private final long step;

  AdvancingTicker(long startNanos, long stepNanos) {
    this.nanos = new AtomicLong(startNanos);
    this.step = stepNanos;
  }

  @Override
  public long read() {
    return nanos.addAndGet(step);
  }
}
