package io.eipfailover.membership.udp.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.eipfailover.core.AnnouncedStatus;
import io.eipfailover.core.MemberState;
import io.eipfailover.core.MembershipView;
import io.eipfailover.core.NodeId;
import io.eipfailover.membership.udp.DetectorSettings;
import io.eipfailover.membership.udp.UdpKeyring;
import io.eipfailover.membership.udp.UdpMembershipCounters;
import io.eipfailover.membership.udp.testing.TestKeys;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * Bad input never escapes as an exception and never changes a view: 1,000 tries, each feeding
 * 1,000 random or mutated datagrams (derived cheaply from the try's seed) to a protocol that
 * already sees its peer alive — at least 1,000,000 datagrams per run.
 */
class DatagramFuzzTest {
  private static final NodeId A = NodeId.of("a");
  private static final NodeId B = NodeId.of("b");
  private static final NodeId C = NodeId.of("c");
  private static final int PER_TRY = 1_000;
  private static final SocketAddress[] SOURCES = {
    new InetSocketAddress("127.0.0.1", 5405), new InetSocketAddress("10.0.0.9", 1234)};

  /** Shared across tries: the state rejects cannot change is exactly what is asserted. */
  private static final Fixture FIXTURE = new Fixture();

  private static final class Fixture {
    final CounterSet counters = new CounterSet();
    final RecordingOutput output = new RecordingOutput();
    final UdpProtocol protocol;
    final List<byte[]> seeds = new ArrayList<>();
    final MembershipView viewAfterSetup;
    final long acceptedAfterSetup;

    Fixture() {
      ProtocolConfig config = new ProtocolConfig(A, "test", 42, List.of(B, C), TestKeys.k1(),
          DetectorSettings.defaults(), 100);
      protocol = new UdpProtocol(config, AnnouncedStatus.ALIVE, output, counters, 0);
      HeartbeatCodec fromB = new HeartbeatCodec("test", B, List.of(A), TestKeys.k1());
      for (int seq = 1; seq <= 20; seq++) {
        byte[] valid = bytes(fromB.encode(7, seq, AnnouncedStatus.values()[seq % 3], seq % 2 == 0 ? 42 : 43));
        protocol.onDatagram(ByteBuffer.wrap(valid), SOURCES[0], 1_000L * seq);
        seeds.add(valid);
      }
      seeds.add(bytes(new HeartbeatCodec("other", B, List.of(A), TestKeys.k1()).encode(7, 99, AnnouncedStatus.ALIVE, 42)));
      seeds.add(bytes(new HeartbeatCodec("test", B, List.of(A), UdpKeyring.of(1, TestKeys.K2.getBytes()))
          .encode(7, 99, AnnouncedStatus.ALIVE, 42)));
      seeds.add(bytes(new HeartbeatCodec("test", NodeId.of("x"), List.of(A), TestKeys.k1())
          .encode(7, 99, AnnouncedStatus.ALIVE, 42)));
      viewAfterSetup = protocol.view();
      acceptedAfterSetup = counters.accepted.get();
    }
  }

  private static byte[] bytes(ByteBuffer b) {
    byte[] out = new byte[b.remaining()];
    b.get(out);
    return out;
  }

  @Property(tries = 1_000)
  void noDatagramEscapesAsAnExceptionOrChangesTheView(@ForAll long seed) {
    Fixture f = FIXTURE;
    Random random = new Random(seed);
    for (int i = 0; i < PER_TRY; i++) {
      byte[] datagram = mutate(f.seeds.get(random.nextInt(f.seeds.size())), random);
      f.protocol.onDatagram(ByteBuffer.wrap(datagram), SOURCES[random.nextInt(SOURCES.length)], 30_000L);
    }
    MembershipView view = f.protocol.view();
    assertEquals(f.viewAfterSetup, view);
    assertEquals(MemberState.SUSPECT, view.stateOf(C));
    UdpMembershipCounters c = f.counters.snapshot();
    assertEquals(f.acceptedAfterSetup, c.accepted(), "no forged datagram was accepted");
    assertEquals(c.received(), c.accepted() + c.droppedTotal(), "counters add up: " + c);
  }

  static byte[] mutate(byte[] seed, Random r) {
    switch (r.nextInt(8)) {
      case 0: { // flip 1 to 3 bits
        byte[] b = seed.clone();
        for (int n = 1 + r.nextInt(3); n > 0; n--) {
          b[r.nextInt(b.length)] ^= (byte) (1 << r.nextInt(8));
        }
        return b;
      }
      case 1: { // overwrite one byte
        byte[] b = seed.clone();
        b[r.nextInt(b.length)] = (byte) r.nextInt(256);
        return b;
      }
      case 2: // truncate
        return Arrays.copyOf(seed, r.nextInt(seed.length));
      case 3: { // extend with random bytes
        byte[] b = Arrays.copyOf(seed, seed.length + 1 + r.nextInt(80));
        for (int i = seed.length; i < b.length; i++) {
          b[i] = (byte) r.nextInt(256);
        }
        return b;
      }
      case 4: { // pure garbage of any size, sometimes with a plausible version byte
        byte[] b = new byte[r.nextInt(300)];
        r.nextBytes(b);
        if (b.length > 0 && r.nextBoolean()) {
          b[0] = HeartbeatCodec.VERSION;
        }
        return b;
      }
      case 5: { // tamper with a length field
        byte[] b = seed.clone();
        b[2 + (r.nextBoolean() ? 0 : 5)] = (byte) r.nextInt(256);
        return b;
      }
      case 6: // replay as is
        return seed.clone();
      default: { // splice two halves of the seed at a random point with a random byte shift
        byte[] b = seed.clone();
        int cut = r.nextInt(b.length);
        System.arraycopy(seed, 0, b, Math.min(b.length - 1, cut + 1), Math.max(0, Math.min(cut, b.length - cut - 1)));
        return b;
      }
    }
  }
}
