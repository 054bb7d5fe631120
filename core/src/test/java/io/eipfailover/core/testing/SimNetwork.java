package io.eipfailover.core.testing;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A simulated datagram network between named endpoints (node ids or "host:port" strings) on a
 * {@link VirtualTime}. Each datagram is delivered on the receiving endpoint's {@link
 * VirtualScheduler} after its link's delay, so a paused receiver gets it late and a killed one never
 * does. Links can lose, delay, duplicate and replay datagrams ({@link LinkSettings}); partitions
 * block directed pairs (asymmetric: {@link #block}) or both directions ({@link #partition}), and
 * {@link #heal()} lifts every block. The pseudo-address {@link #GATEWAY} stands for the VPC gateway
 * (Heartbeat's {@code ping} node) so guards can ask whether a node is cut off.
 *
 * <p>All randomness comes from the injected {@link Random}, drawn in send order, and no decision
 * depends on hash order, so a seed replays exactly. Payloads are copied on send. Not thread-safe:
 * use from the thread that drives the virtual time.
 */
public final class SimNetwork {
  /** The pseudo-address of the VPC gateway. */
  public static final String GATEWAY = "gateway";
  private static final int REPLAY_MEMORY = 8;

  private final Random random;
  private final Map<String, Endpoint> endpoints = new HashMap<>();
  private final Set<String> addresses = new TreeSet<>(List.of(GATEWAY));
  private final Set<String> blocked = new HashSet<>();
  private final Map<String, LinkSettings> links = new HashMap<>();
  private final Map<String, Deque<byte[]>> history = new HashMap<>();
  private LinkSettings defaults = LinkSettings.CLEAN;
  private long sent;
  private long delivered;
  private long lost;
  private long partitioned;
  private long unreachable;
  private long duplicated;
  private long replayed;

  /** One datagram as the receiver sees it. */
  public record Datagram(String from, String to, byte[] payload) {
    @Override
    public String toString() {
      return from + "->" + to + " (" + payload.length + " bytes)";
    }
  }

  /** Running totals. */
  public record Counters(long sent, long delivered, long lost, long partitioned, long unreachable, long duplicated,
      long replayed) {}

  /** A bound address: sends from it, and receives on its scheduler until {@link #close()}. */
  public final class Endpoint implements AutoCloseable {
    private final String address;
    private final VirtualScheduler scheduler;
    private final Consumer<Datagram> receiver;
    private boolean open = true;

    private Endpoint(String address, VirtualScheduler scheduler, Consumer<Datagram> receiver) {
      this.address = address;
      this.scheduler = scheduler;
      this.receiver = receiver;
    }

    public String address() {
      return address;
    }

    /** Sends a copy of {@code payload} to {@code to}; silently lost if nobody listens there. */
    public void send(String to, byte[] payload) {
      if (open) {
        SimNetwork.this.send(this, to, Arrays.copyOf(payload, payload.length));
      }
    }

    /** Unbinds; datagrams in flight to it are dropped. Idempotent. */
    @Override
    public void close() {
      if (open) {
        open = false;
        endpoints.remove(address, this);
      }
    }
  }

  /** A network drawing delays and losses from {@code random}. */
  public SimNetwork(Random random) {
    this.random = Objects.requireNonNull(random, "random");
  }

  /** Binds {@code address}; datagrams to it are handed to {@code receiver} on {@code scheduler}. */
  public Endpoint bind(String address, VirtualScheduler scheduler, Consumer<Datagram> receiver) {
    Objects.requireNonNull(address, "address");
    Endpoint existing = endpoints.get(address);
    if (existing != null) {
      throw new IllegalStateException("address " + address + " is already bound");
    }
    Endpoint e = new Endpoint(address, Objects.requireNonNull(scheduler, "scheduler"),
        Objects.requireNonNull(receiver, "receiver"));
    endpoints.put(address, e);
    addresses.add(address);
    return e;
  }

  /** Unbinds whatever endpoint holds {@code address} (a crashed process losing its socket). */
  public void unbind(String address) {
    Endpoint e = endpoints.get(address);
    if (e != null) {
      e.close();
    }
  }

  /** Whether an endpoint is bound at {@code address}. */
  public boolean isBound(String address) {
    return endpoints.containsKey(address);
  }

  /** The settings of links without their own. */
  public void setDefaults(LinkSettings settings) {
    this.defaults = Objects.requireNonNull(settings, "settings");
  }

  public LinkSettings defaults() {
    return defaults;
  }

  /** Settings for the directed link {@code from -> to}. */
  public void setLink(String from, String to, LinkSettings settings) {
    links.put(key(from, to), Objects.requireNonNull(settings, "settings"));
  }

  /** Drops per-link settings: every link uses the defaults again. */
  public void resetLinks() {
    links.clear();
  }

  /** Blocks {@code from -> to} only (asymmetric partition). */
  public void block(String from, String to) {
    blocked.add(key(from, to));
  }

  /** Blocks both directions between every address of {@code a} and every address of {@code b}. */
  public void partition(Collection<String> a, Collection<String> b) {
    for (String x : a) {
      for (String y : b) {
        block(x, y);
        block(y, x);
      }
    }
  }

  /** Cuts {@code address} off from every address ever bound and from the gateway. */
  public void isolate(String address) {
    List<String> others = new ArrayList<>(addresses);
    others.remove(address);
    partition(List.of(address), others);
  }

  /** Lifts every block. */
  public void heal() {
    blocked.clear();
  }

  /** Whether {@code from -> to} is not blocked (ignores loss). */
  public boolean canReach(String from, String to) {
    return !blocked.contains(key(from, to));
  }

  public Counters counters() {
    return new Counters(sent, delivered, lost, partitioned, unreachable, duplicated, replayed);
  }

  private void send(Endpoint from, String to, byte[] payload) {
    sent++;
    String link = key(from.address, to);
    if (blocked.contains(link)) {
      partitioned++;
      return;
    }
    LinkSettings s = links.getOrDefault(link, defaults);
    Deque<byte[]> past = history.computeIfAbsent(link, k -> new ArrayDeque<>());
    if (s.replay() > 0 && !past.isEmpty() && random.nextDouble() < s.replay()) {
      replayed++;
      byte[] old = past.stream().skip(random.nextInt(past.size())).findFirst().orElseThrow();
      deliverLater(from.address, to, old, s);
    }
    past.addLast(payload);
    if (past.size() > REPLAY_MEMORY) {
      past.removeFirst();
    }
    if (s.loss() > 0 && random.nextDouble() < s.loss()) {
      lost++;
      return;
    }
    deliverLater(from.address, to, payload, s);
    if (s.duplicate() > 0 && random.nextDouble() < s.duplicate()) {
      duplicated++;
      deliverLater(from.address, to, payload, s);
    }
  }

  private void deliverLater(String from, String to, byte[] payload, LinkSettings s) {
    Endpoint target = endpoints.get(to);
    if (target == null) {
      unreachable++;
      return;
    }
    long delay = s.baseDelay().toNanos();
    long jitter = s.jitter().toNanos();
    if (jitter > 0) {
      delay += (long) (random.nextDouble() * jitter);
    }
    Datagram d = new Datagram(from, to, payload);
    try {
      target.scheduler.schedule(() -> deliver(target, d), delay, TimeUnit.NANOSECONDS);
    } catch (RejectedExecutionException e) {
      unreachable++;
    }
  }

  private void deliver(Endpoint target, Datagram d) {
    if (!target.open) {
      unreachable++;
      return;
    }
    if (blocked.contains(key(d.from(), d.to()))) {
      partitioned++;
      return;
    }
    delivered++;
    target.receiver.accept(new Datagram(d.from(), d.to(), Arrays.copyOf(d.payload(), d.payload().length)));
  }

  private static String key(String from, String to) {
    return from + "\u0000" + to;
  }
}
