package io.eipfailover.benchmarks.jmh;

import io.eipfailover.core.MemberState;
import io.eipfailover.core.MembershipView;
import io.eipfailover.core.NodeId;
import io.eipfailover.membership.udp.DetectorSettings;
import io.eipfailover.membership.udp.UdpKeyring;
import io.eipfailover.membership.udp.UdpMembership;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Heartbeats through the public {@link UdpMembership} over its {@code DatagramTransport} seam
 * (target: ≤ 64 B allocated per heartbeat sent + received + verified, measured with {@code -prof
 * gc}). Two memberships, {@code lb-a} and {@code lb-b}, share a hand-driven ticker; one operation
 * advances time by one keepalive, lets each side tick (encode, sign, send one heartbeat), and
 * delivers each datagram to the other side (decode, verify, replay check, detector update). So one
 * operation is <b>two</b> heartbeats: divide {@code gc.alloc.rate.norm} and the time by two.
 *
 * <p>Baseline: {@link #baselinePipeCopy()}, the benchmark's own plumbing for two datagrams (the
 * pipe's copies into the inboxes and the time step), without the membership.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Dorg.slf4j.simpleLogger.defaultLogLevel=warn"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class HeartbeatExchangeBenchmark {
  /** Heartbeats per benchmark operation. */
  public static final int HEARTBEATS_PER_OP = 2;

  private static final long KEEPALIVE = DetectorSettings.defaults().keepalive().toNanos();

  private static final NodeId PEER_A = NodeId.of("lb-a");
  private static final NodeId PEER_B = NodeId.of("lb-b");
  private static final int SAMPLE_BYTES = 72;

  private final java.nio.ByteBuffer sample = java.nio.ByteBuffer.allocate(SAMPLE_BYTES);
  private ManualTicker ticker;
  private PipeTransport pipeA;
  private PipeTransport pipeB;
  private UdpMembership a;
  private UdpMembership b;

  @Setup(Level.Trial)
  public void setUp() {
    ticker = new ManualTicker(1_000_000_000L);
    pipeA = new PipeTransport(7001);
    pipeB = new PipeTransport(7002);
    PipeTransport.connect(pipeA, pipeB);
    a = membership("lb-a", "lb-b", pipeA);
    b = membership("lb-b", "lb-a", pipeB);
    a.start();
    b.start();
    for (int i = 0; i < 50; i++) {
      exchange();
    }
    requireAlive(a, "lb-b");
    requireAlive(b, "lb-a");
  }

  private UdpMembership membership(String self, String peer, PipeTransport transport) {
    return UdpMembership.builder()
        .self(NodeId.of(self))
        .clusterName("bench")
        .peer(NodeId.of(peer))
        .keyring(UdpKeyring.builder().primary(1, "benchmark-key-0123456789abcdef").build())
        .ticker(ticker)
        .clock(Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC))
        .transport(transport)
        .build();
  }

  private static void requireAlive(UdpMembership m, String peer) {
    MembershipView v = m.view();
    if (v.stateOf(NodeId.of(peer)) != MemberState.ALIVE) {
      throw new IllegalStateException(m.self() + " does not see " + peer + " ALIVE after warm-up: " + v);
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    requireAlive(a, "lb-b");
    requireAlive(b, "lb-a");
    a.close();
    b.close();
  }

  /** One keepalive: both sides send one heartbeat and receive + verify the other's. */
  @Benchmark
  public long exchange() {
    ticker.advance(KEEPALIVE);
    pipeA.tick();
    pipeB.tick();
    pipeB.deliver();
    pipeA.deliver();
    return pipeA.sent();
  }

  /** Baseline: the pipe copies two heartbeat-sized datagrams and time moves; no membership runs. */
  @Benchmark
  public long baselinePipeCopy() {
    ticker.advance(KEEPALIVE);
    pipeA.send(PEER_B, sample.clear().limit(SAMPLE_BYTES));
    pipeB.send(PEER_A, sample.clear().limit(SAMPLE_BYTES));
    return pipeB.sent();
  }
}
