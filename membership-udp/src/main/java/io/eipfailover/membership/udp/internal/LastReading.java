package io.eipfailover.membership.udp.internal;

import com.google.common.base.Ticker;

/**
 * A {@link Ticker} that reads the time the protocol was last given. The protocol state machine reads
 * no clock: each input comes with its time. Its rate-limited logs ({@code RateLimitedLog}) need a
 * ticker; this one answers with that input's time, so the logs run on the same (possibly virtual)
 * time as the protocol. Protocol thread only.
 */
final class LastReading extends Ticker {
  private long now;

  /** Sets the reading and returns this ticker. */
  LastReading at(long now) {
    this.now = now;
    return this;
  }

  @Override
  public long read() {
    return now;
  }
}
