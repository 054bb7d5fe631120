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
 * <p>Kernel probes ({@link #probe}) model a TCP connection attempt to a node's listening port, which
 * its host's kernel answers even while the process is paused: a handshake if an endpoint is bound
 * there, a refusal if none is (the process died, its host lives), nothing if either direction is
 * blocked (the host is cut off or gone: {@link #isolate} it) or the probe's packets are lost on
 * the link, or if a firewall drops probes to that address ({@link #dropProbes}); the answer takes a
 * round trip of the link's delay. A host whose kernel is paused too (a VM-level pause) is a paused
 * node that is isolated.
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
  private final Set<String> probeFiltered = new HashSet<>();
  private LinkSettings defaults = LinkSettings.CLEAN;
  private long sent;
  private long delivered;
  private long lost;
  private long partitioned;
  private long unreachable;
  private long duplicated;
  private long replayed;
  private long probes;
  private long probesUnanswered;

  /** One datagram as the receiver sees it. */
  public record Datagram(String from, String to, byte[] payload) {
    @Override
    public String toString() {
      return from + "->" + to + " (" + payload.length + " bytes)";
    }
  }

  /** Running totals ({@code probes} sent and {@code probesUnanswered} among them). */
  public record Counters(long sent, long delivered, long lost, long partitioned, long unreachable, long duplicated,
      long replayed, long probes, long probesUnanswered) {}

  /** What a host's kernel answers to a probe of its listening port. */
  public enum ProbeAnswer {
    /** The handshake completed: a process (running or paused) listens there. */
    HANDSHAKE,
    /** Refused: the host is up, nothing listens (its process died). */
    REFUSED
  }

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

  /** Lifts every block, probe filters included. */
  public void heal() {
    blocked.clear();
    probeFiltered.clear();
  }

  /**
   * A firewall in front of {@code address} drops kernel probes to it (TCP to its port), while
   * datagrams still pass: probes of it go unanswered until {@link #heal()}.
   */
  public void dropProbes(String address) {
    probeFiltered.add(address);
  }

  /**
   * Probes {@code to}'s kernel from {@code from}: after a round trip (both directions' delay),
   * {@code answer} runs on {@code from}'s scheduler with what {@code to}'s kernel said, decided when
   * the probe is sent; it never runs when the probe or its answer is lost, either direction is
   * blocked (then also when it became blocked while the answer was on its way), probes to {@code
   * to} are dropped, or {@code from} is closed by then.
   */
  public void probe(Endpoint from, String to, Consumer<ProbeAnswer> answer) {
    Objects.requireNonNull(answer, "answer");
    probes++;
    LinkSettings out = links.getOrDefault(key(from.address, to), defaults);
    LinkSettings back = links.getOrDefault(key(to, from.address), defaults);
    boolean lost = out.loss() > 0 && random.nextDouble() < out.loss() || back.loss() > 0 && random.nextDouble() < back.loss();
    if (!from.open || lost || probeFiltered.contains(to) || !canReach(from.address, to) || !canReach(to, from.address)) {
      probesUnanswered++;
      return;
    }
    ProbeAnswer said = endpoints.containsKey(to) ? ProbeAnswer.HANDSHAKE : ProbeAnswer.REFUSED;
    long rtt = delay(out) + delay(back);
    try {
      from.scheduler.schedule(() -> {
        if (from.open && canReach(from.address, to) && canReach(to, from.address)) {
          answer.accept(said);
        } else {
          probesUnanswered++;
        }
      }, rtt, TimeUnit.NANOSECONDS);
    } catch (RejectedExecutionException e) {
      probesUnanswered++;
    }
  }

  /** Whether {@code from -> to} is not blocked (ignores loss). */
  public boolean canReach(String from, String to) {
    return !blocked.contains(key(from, to));
  }

  public Counters counters() {
    return new Counters(sent, delivered, lost, partitioned, unreachable, duplicated, replayed, probes,
        probesUnanswered);
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
    long delay = delay(s);
    Datagram d = new Datagram(from, to, payload);
    try {
      target.scheduler.schedule(() -> deliver(target, d), delay, TimeUnit.NANOSECONDS);
    } catch (RejectedExecutionException e) {
      unreachable++;
    }
  }

  private long delay(LinkSettings s) {
    long delay = s.baseDelay().toNanos();
    long jitter = s.jitter().toNanos();
    if (jitter > 0) {
      delay += (long) (random.nextDouble() * jitter);
    }
    return delay;
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
