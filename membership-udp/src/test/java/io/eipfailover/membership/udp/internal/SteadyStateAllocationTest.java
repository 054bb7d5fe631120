package io.eipfailover.membership.udp.internal;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.eipfailover.core.AnnouncedStatus;
import io.eipfailover.core.MembershipView;
import io.eipfailover.core.NodeId;
import io.eipfailover.membership.udp.DetectorSettings;
import io.eipfailover.membership.udp.testing.TestKeys;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The protocol's steady state (receive a heartbeat, tick, send heartbeats) allocates nothing per
 * heartbeat: measured with HotSpot's per-thread allocation counter over many rounds, after a
 * warm-up, with a generous allowance for JIT and profiling noise.
 */
class SteadyStateAllocationTest {
  private static final NodeId A = NodeId.of("a");
  private static final NodeId B = NodeId.of("b");

  /** Discards what it is given, allocating nothing. */
  private static final class NullOutput implements ProtocolOutput {
    long bytes;

    @Override
    public boolean send(NodeId peer, ByteBuffer datagram) {
      bytes += datagram.remaining();
      return true;
    }

    @Override
    public boolean probe(NodeId peer, Duration timeout) {
      return true;
    }

    @Override
    public void viewChanged(MembershipView view) {}

    @Override
    public void configMismatch(NodeId peer, long ours, long theirs) {}

    @Override
    public void lateHeartbeat(NodeId peer, Duration gap) {}
  }

  @Test
  void aHeartbeatRoundAllocatesNothingInSteadyState() {
    java.lang.management.ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    assumeTrue(mx instanceof com.sun.management.ThreadMXBean, "needs HotSpot's allocation counter");
    com.sun.management.ThreadMXBean hotspot = (com.sun.management.ThreadMXBean) mx;
    assumeTrue(hotspot.isThreadAllocatedMemorySupported());
    hotspot.setThreadAllocatedMemoryEnabled(true);

    UdpProtocol protocol = new UdpProtocol(new ProtocolConfig(A, "test", 42, List.of(B), TestKeys.k1(),
        DetectorSettings.defaults(), 1_000), AnnouncedStatus.ALIVE, new NullOutput(), new CounterSet(), 0);
    HeartbeatCodec peer = new HeartbeatCodec("test", B, List.of(A), TestKeys.k1());
    SocketAddress source = new InetSocketAddress("127.0.0.1", 5405);
    long[] now = {0};
    long[] seq = {0};
    Runnable round = () -> {
      now[0] += 100_000_000L;
      protocol.onDatagram(peer.encode(7, ++seq[0], AnnouncedStatus.ALIVE, 42), source, now[0]);
      protocol.onTick(now[0]);
    };
    for (int i = 0; i < 50_000; i++) {
      round.run();
    }
    int rounds = 100_000;
    long thread = Thread.currentThread().getId();
    long before = hotspot.getThreadAllocatedBytes(thread);
    for (int i = 0; i < rounds; i++) {
      round.run();
    }
    long perRound = (hotspot.getThreadAllocatedBytes(thread) - before) / rounds;
    assertTrue(perRound < 16, "steady-state heartbeat round allocated " + perRound + " bytes on average");
  }
}
