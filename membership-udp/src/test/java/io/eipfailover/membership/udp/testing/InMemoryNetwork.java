package io.eipfailover.membership.udp.testing;

import io.eipfailover.core.NodeId;
import io.eipfailover.core.testing.VirtualTime;
import io.eipfailover.membership.udp.DatagramTransport;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * A deterministic in-memory UDP network for {@link DatagramTransport}s, driven on a {@link
 * VirtualTime} in 1 ms steps. Datagrams sent during a step are delivered at the next step, in
 * order. Faults: a node can be paused (its loop does not run; datagrams to it queue up, or are
 * lost with {@link #pause(NodeId, boolean)}), its process can be gone while the host lives (sends
 * to it are answered with port-unreachable, like the kernel's ICMP), or its host can be down
 * (silence). Every datagram is captured for replay tests. Not thread-safe.
 */
public final class InMemoryNetwork {
  /** One datagram on the wire. */
  public record Packet(NodeId from, NodeId to, byte[] bytes) {}

  private final VirtualTime time;
  private final Map<NodeId, Endpoint> endpoints = new TreeMap<>();
  private final Set<NodeId> hostsDown = new HashSet<>();
  private final Map<NodeId, Boolean> paused = new TreeMap<>();
  private final List<Packet> inFlight = new ArrayList<>();
  private final List<Packet> captured = new ArrayList<>();
  private Predicate<Packet> dropRule = p -> false;

  public InMemoryNetwork(VirtualTime time) {
    this.time = time;
  }

  /** The transport for {@code node}; replaces a closed one (a restart). */
  public DatagramTransport transport(NodeId node) {
    Endpoint e = new Endpoint(node);
    Endpoint old = endpoints.get(node);
    if (old != null && !old.closed) {
      throw new IllegalStateException(node + " already has an open transport");
    }
    endpoints.put(node, e);
    return e;
  }

  /**
   * The source address datagrams from {@code node} appear to come from: a resolved address in
   * 10.77.0.0/16 derived from the node id (stable, distinct for the few nodes of a test), so it can
   * also be given to the builder as the peer's address.
   */
  public static InetSocketAddress addressOf(NodeId node) {
    int n = Math.floorMod(node.value().hashCode(), 65_534) + 1;
    try {
      return new InetSocketAddress(InetAddress.getByAddress(node.value(), new byte[] {10, 77, (byte) (n >> 8), (byte) n}),
          5405);
    } catch (java.net.UnknownHostException impossible) {
      throw new IllegalStateException(impossible);
    }
  }

  /** Drops every packet matching {@code rule} (replaces the previous rule). */
  public void dropWhen(Predicate<Packet> rule) {
    this.dropRule = rule;
  }

  /** The host of {@code node} goes down (silent both ways, no ICMP, its loop frozen) or comes back. */
  public void hostDown(NodeId node, boolean down) {
    if (down) {
      hostsDown.add(node);
    } else {
      hostsDown.remove(node);
    }
  }

  /** Pauses {@code node}'s loop; datagrams to it are queued, or lost if {@code lose}. */
  public void pause(NodeId node, boolean lose) {
    paused.put(node, lose);
  }

  /** Resumes {@code node}'s loop. */
  public void resume(NodeId node) {
    paused.remove(node);
  }

  /** Every datagram sent so far. */
  public List<Packet> captured() {
    return captured;
  }

  /** Delivers raw bytes to {@code to} at the next step, as if from {@code from}'s address. */
  public void inject(NodeId from, NodeId to, byte[] bytes) {
    inFlight.add(new Packet(from, to, bytes.clone()));
  }

  /** Runs the network for {@code d} in 1 ms steps. */
  public void run(Duration d) {
    long steps = d.toMillis();
    for (long i = 0; i < steps; i++) {
      step();
    }
  }

  private void step() {
    time.advance(Duration.ofMillis(1));
    List<Packet> batch = new ArrayList<>(inFlight);
    inFlight.clear();
    for (Packet p : batch) {
      Endpoint to = endpoints.get(p.to());
      if (hostsDown.contains(p.to()) || hostsDown.contains(p.from()) || dropRule.test(p)) {
        continue;
      }
      if (to == null || to.closed || !to.started) {
        Endpoint from = endpoints.get(p.from());
        if (from != null && !from.closed) {
          from.unreachable.add(p.to());
        }
        continue;
      }
      Boolean lose = paused.get(p.to());
      if (lose != null) {
        if (!lose) {
          to.inbox.add(p);
        }
        continue;
      }
      to.inbox.add(p);
    }
    for (Endpoint e : new ArrayList<>(endpoints.values())) {
      if (e.started && !e.closed && !paused.containsKey(e.node) && !hostsDown.contains(e.node)) {
        e.runOnce(time.nanos());
      }
    }
  }

  /** One node's transport. */
  private final class Endpoint implements DatagramTransport {
    final NodeId node;
    final List<Packet> inbox = new ArrayList<>();
    final Set<NodeId> unreachable = new HashSet<>();
    Handler handler;
    boolean started;
    boolean closed;
    boolean wakeup;
    long nextTick;

    Endpoint(NodeId node) {
      this.node = node;
    }

    @Override
    public void start(Handler handler) {
      this.handler = handler;
      this.started = true;
      this.nextTick = time.nanos();
    }

    void runOnce(long now) {
      List<Packet> batch = new ArrayList<>(inbox);
      inbox.clear();
      for (Packet p : batch) {
        handler.onDatagram(ByteBuffer.wrap(p.bytes()), addressOf(p.from()));
      }
      if (wakeup || now - nextTick >= 0) {
        wakeup = false;
        nextTick = now + handler.onTick();
      }
      for (NodeId peer : new ArrayList<>(unreachable)) {
        unreachable.remove(peer);
        handler.onPortUnreachable(peer);
      }
    }

    @Override
    public boolean send(NodeId peer, ByteBuffer datagram) {
      byte[] bytes = new byte[datagram.remaining()];
      datagram.get(bytes);
      Packet p = new Packet(node, peer, bytes);
      captured.add(p);
      inFlight.add(p);
      return true;
    }

    @Override
    public void wakeup() {
      wakeup = true;
    }

    @Override
    public void close() {
      closed = true;
    }
  }
}
