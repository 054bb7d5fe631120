package io.eipfailover.benchmarks.jmh;

import com.google.common.base.Ticker;

/** A ticker moved by hand; for single-threaded benchmarks only (not thread-safe by design). */
final class ManualTicker extends Ticker {
  private long nanos;

  ManualTicker(long start) {
    this.nanos = start;
  }

  void advance(long deltaNanos) {
    nanos += deltaNanos;
  }

  @Override
  public long read() {
    return nanos;
  }
}
