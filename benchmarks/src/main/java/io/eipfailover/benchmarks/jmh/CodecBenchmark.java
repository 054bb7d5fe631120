package io.eipfailover.benchmarks.jmh;

import io.eipfailover.core.AnnouncedStatus;
import io.eipfailover.core.NodeId;
import io.eipfailover.membership.udp.DropReason;
import io.eipfailover.membership.udp.UdpKeyring;
import io.eipfailover.membership.udp.internal.InternalProbes;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.ShortBufferException;
import javax.crypto.spec.SecretKeySpec;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The UDP heartbeat codec (target: encode + HMAC verify ≤ 1 µs): one sender's codec encodes and
 * signs a heartbeat, the receiver's codec decodes and verifies it. The codec is module-internal;
 * the benchmark reaches the real class through {@link InternalProbes} from membership-udp's
 * test-jar.
 *
 * <p>Baseline: {@link #baselineTwoHmacs()}, the two raw HMAC-SHA256 computations over a datagram of
 * the same size (sign and verify) with the JDK's {@link Mac}: the floor the codec cannot beat.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class CodecBenchmark {
  private static final byte[] KEY = "benchmark-key-0123456789abcdef".getBytes(StandardCharsets.UTF_8);

  private InternalProbes.CodecPair codec;
  private long sequence;
  private Mac mac;
  private byte[] datagram;
  private final byte[] macOut = new byte[32];

  @Setup
  public void setUp() throws GeneralSecurityException {
    UdpKeyring keyring = UdpKeyring.of(1, KEY);
    NodeId a = NodeId.of("lb-a");
    NodeId b = NodeId.of("lb-b");
    codec = InternalProbes.codecPair("bench-cluster", a, b, keyring);
    ByteBuffer sample = codec.encode(1, 1, AnnouncedStatus.ALIVE, 42);
    datagram = new byte[sample.remaining()];
    sample.get(datagram);
    mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(KEY, "HmacSHA256"));
    if (codec.decode(codec.encode(1, 2, AnnouncedStatus.ALIVE, 42)) != null) {
      throw new IllegalStateException("the receiver rejected a valid heartbeat; benchmark set-up is wrong");
    }
  }

  /** Encode + sign one heartbeat, then decode + verify it. Returns the sequence decoded. */
  @Benchmark
  public long encodeAndVerify() {
    ByteBuffer out = codec.encode(7, ++sequence, AnnouncedStatus.ALIVE, 42);
    DropReason drop = codec.decode(out);
    if (drop != null) {
      throw new IllegalStateException("dropped a valid heartbeat: " + drop);
    }
    return codec.decodedSequence();
  }

  /** Encode + sign only. */
  @Benchmark
  public ByteBuffer encodeOnly() {
    return codec.encode(7, ++sequence, AnnouncedStatus.ALIVE, 42);
  }

  /** Baseline: two raw HMAC-SHA256 over a heartbeat-sized datagram (sign and verify). */
  @Benchmark
  public byte[] baselineTwoHmacs() throws ShortBufferException {
    int length = datagram.length - 32;
    mac.update(datagram, 0, length);
    mac.doFinal(macOut, 0);
    mac.update(datagram, 0, length);
    mac.doFinal(macOut, 0);
    return macOut;
  }
}
