package io.eipfailover.membership.udp.internal;

import io.eipfailover.core.NodeId;
import io.eipfailover.core.runtime.RateLimitedLog;
import io.eipfailover.membership.udp.DropReason;
import java.net.SocketAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs dropped datagrams at WARN under one budget per {@link DropReason}, whatever their sources: a
 * flood of garbage from ever-changing source ports writes at most a few lines per reason per 10 s
 * ({@link RateLimitedLog}'s default), each line saying how many drops of that reason it stands
 * for. Every drop is still counted (by {@link CounterSet}). Not thread-safe: protocol thread only.
 */
final class DropLog {
  private static final Logger LOG = LoggerFactory.getLogger(DropLog.class);

  private final NodeId self;
  private final LastReading time = new LastReading();
  private final RateLimitedLog log;

  DropLog(NodeId self) {
    this(self, LOG);
  }

  /** As above, logging to {@code logger} (tests). */
  DropLog(NodeId self, Logger logger) {
    this.self = self;
    this.log = RateLimitedLog.create(logger, time);
  }

  /** Records a drop at {@code now}; logs it if the reason's budget allows. */
  void dropped(DropReason reason, SocketAddress source, int bytes, long now) {
    time.at(now);
    log.warn(reason, "[id={}] dropped {} datagram of {} bytes from {}", self, reason, bytes, source);
  }

  /** Lines not written so far, for tests. */
  long suppressed(DropReason reason) {
    return log.suppressed(reason);
  }
}
