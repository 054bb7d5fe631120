package io.eipfailover.membership.udp.internal;

import io.eipfailover.core.NodeId;
import io.eipfailover.membership.udp.DropReason;
import java.net.SocketAddress;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs dropped datagrams at WARN, at most once per reason and source address per {@link
 * #INTERVAL_NANOS}, so a flood of garbage cannot flood the log. Suppressed drops are still counted
 * (by {@link CounterSet}) and their number is shown in the next line logged for that pair. The
 * table is bounded: a flood from many sources clears it rather than growing it. Not thread-safe.
 */
final class DropLog {
  static final long INTERVAL_NANOS = 10_000_000_000L;
  private static final int MAX_SOURCES_PER_REASON = 256;
  private static final Logger LOG = LoggerFactory.getLogger(DropLog.class);

  private final NodeId self;
  private final Map<DropReason, Map<SocketAddress, long[]>> last = new EnumMap<>(DropReason.class);

  DropLog(NodeId self) {
    this.self = self;
  }

  /** Records a drop at {@code now}; logs it unless the pair was logged within the interval. */
  void dropped(DropReason reason, SocketAddress source, int bytes, long now) {
    Map<SocketAddress, long[]> bySource = last.computeIfAbsent(reason, r -> new HashMap<>());
    SocketAddress key = source;
    long[] entry = key == null ? null : bySource.get(key);
    if (entry != null && now - entry[0] < INTERVAL_NANOS) {
      entry[1]++;
      return;
    }
    long suppressed = entry == null ? 0 : entry[1];
    if (key != null) {
      if (entry == null && bySource.size() >= MAX_SOURCES_PER_REASON) {
        bySource.clear();
      }
      bySource.put(key, new long[] {now, 0});
    }
    LOG.warn("[id={}] dropped {} datagram of {} bytes from {} ({} more dropped since the last warning;"
        + " next warning for this source and reason in 10 s at the earliest)", self, reason, bytes, source, suppressed);
  }
}
