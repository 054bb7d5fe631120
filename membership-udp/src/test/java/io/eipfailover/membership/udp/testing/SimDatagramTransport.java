package io.eipfailover.membership.udp.testing;

import io.eipfailover.core.NodeId;
import io.eipfailover.core.testing.SimNetwork;
import io.eipfailover.core.testing.VirtualScheduler;
import io.eipfailover.membership.udp.DatagramTransport;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A {@link DatagramTransport} on the core simulation kit's {@link SimNetwork}: the real UDP
 * membership protocol runs unchanged on a node's {@link VirtualScheduler} lane, so crashes (lane
 * killed, address unbound), pauses (lane frozen: ticks and deliveries run late), partitions, loss,
 * delay, duplication and replay all reach it as they would on a real network.
 *
 * <p>ICMP port-unreachable is emulated the way a kernel behaves: a datagram to a peer whose address
 * is unbound (its process crashed, its host alive) on a link that is not blocked is answered with a
 * port-unreachable signal after {@link #ICMP_DELAY}. A paused peer stays bound and answers nothing.
 *
 * <p>Verification probes go to the network's kernel-probe model ({@link SimNetwork#probe}): an
 * answer that comes after the probe's time-out, or after a handshake from the same peer ended the
 * probes still pending (as the real transport closes them), is not delivered.
 *
 * <p>Ticks form one chain on the scheduler; a wake-up or a signal starts a new chain and retires
 * the old one, so the handler is ticked no later than it asked. Not thread-safe (virtual time is
 * single-threaded).
 */
public final class SimDatagramTransport implements DatagramTransport {
  /** Delay of an emulated ICMP answer. */
  public static final Duration ICMP_DELAY = Duration.ofMillis(1);

  private final NodeId self;
  private final SimNetwork network;
  private final VirtualScheduler scheduler;
  private SimNetwork.Endpoint endpoint;
  private Handler handler;
  private boolean closed;
  private long chain;
  private long icmpSignals;
  /** Per peer: bumped by every handshake, so answers to probes sent before it are stale. */
  private final Map<NodeId, Long> probeGeneration = new HashMap<>();

  public SimDatagramTransport(NodeId self, SimNetwork network, VirtualScheduler scheduler) {
    this.self = self;
    this.network = network;
    this.scheduler = scheduler;
  }

  @Override
  public void start(Handler handler) {
    this.handler = handler;
    endpoint = network.bind(self.value(), scheduler, d -> {
      if (!closed) {
        handler.onDatagram(ByteBuffer.wrap(d.payload()),
            InetSocketAddress.createUnresolved(d.from(), 5405));
      }
    });
    scheduler.execute(this::tickNow);
  }

  private void tickNow() {
    if (closed) {
      return;
    }
    long delay = handler.onTick();
    long mine = ++chain;
    scheduler.schedule(() -> {
      if (mine == chain) {
        tickNow();
      }
    }, delay, TimeUnit.NANOSECONDS);
  }

  @Override
  public boolean send(NodeId peer, ByteBuffer datagram) {
    byte[] bytes = new byte[datagram.remaining()];
    datagram.get(bytes);
    if (!network.isBound(peer.value()) && network.canReach(self.value(), peer.value())) {
      scheduler.schedule(() -> {
        if (!closed) {
          icmpSignals++;
          handler.onPortUnreachable(peer);
          tickNow();
        }
      }, ICMP_DELAY.toNanos(), TimeUnit.NANOSECONDS);
    }
    endpoint.send(peer.value(), bytes);
    return true;
  }

  @Override
  public boolean probe(NodeId peer, Duration timeout) {
    if (closed) {
      return false;
    }
    long generation = probeGeneration.getOrDefault(peer, 0L);
    long deadline = scheduler.ticker().read() + timeout.toNanos();
    network.probe(endpoint, peer.value(), answer -> {
      if (closed || scheduler.ticker().read() - deadline > 0 || probeGeneration.getOrDefault(peer, 0L) != generation) {
        return;
      }
      if (answer == SimNetwork.ProbeAnswer.HANDSHAKE) {
        probeGeneration.put(peer, generation + 1);
      }
      handler.onProbeAnswer(peer, answer == SimNetwork.ProbeAnswer.HANDSHAKE ? ProbeAnswer.HANDSHAKE
          : ProbeAnswer.REFUSED);
      tickNow();
    });
    return true;
  }

  @Override
  public void wakeup() {
    scheduler.execute(this::tickNow);
  }

  /** Port-unreachable signals delivered so far. */
  public long icmpSignals() {
    return icmpSignals;
  }

  @Override
  public void close() {
    closed = true;
    if (endpoint != null) {
      endpoint.close();
    }
  }
}
