package io.eipfailover.core.runtime;

import com.google.common.util.concurrent.MoreExecutors;
import io.eipfailover.core.NodeId;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers calls to registered listeners of type {@code L}, each on the executor it was registered
 * with (as Curator's {@code addListener(listener, executor)}):
 *
 * <ul>
 *   <li><b>In order</b>: each listener's executor is wrapped in a sequential executor, so a
 *       listener sees one call at a time, in the order they were {@linkplain #post posted}, even on
 *       a thread pool. Post from one thread (the component's loop) and the post order is the event
 *       order.
 *   <li><b>Never under our locks</b>: a post only hands a task to each executor; the listener runs
 *       there (on the posting thread only if the listener was registered with a direct executor).
 *   <li><b>Failures contained</b>: an exception from a listener, or from an executor that rejects
 *       the task (a pool shut down by its owner), is logged at WARN with the node id and counted
 *       in {@link #failures()}; it never reaches the poster and never stops later deliveries.
 * </ul>
 *
 * <p>Executors are never shut down by the bus. Thread-safe.
 *
 * @param <L> the listener type
 */
public final class ListenerBus<L> {
  private static final Logger LOG = LoggerFactory.getLogger(ListenerBus.class);

  private final NodeId self;
  private final String kind;
  private final List<Subscriber<L>> subscribers = new CopyOnWriteArrayList<>();
  private final AtomicLong failures = new AtomicLong();

  /**
   * @param self the node, for logs
   * @param kind what the listeners listen to, for logs, e.g. {@code "membership"}
   */
  public ListenerBus(NodeId self, String kind) {
    this.self = Checks.notNull("self", self);
    this.kind = Checks.notNull("kind", kind);
  }

  /**
   * Registers {@code listener}, called on {@code executor} from the next post on. The returned
   * subscriber reaches this listener alone, in the same order as posts (for a catch-up call, such
   * as the current view for a late listener).
   */
  public Subscriber<L> add(L listener, Executor executor) {
    Subscriber<L> s = new Subscriber<>(this, Checks.notNull("listener", listener),
        MoreExecutors.newSequentialExecutor(Checks.notNull("executor", executor)));
    subscribers.add(s);
    return s;
  }

  /**
   * Hands {@code call} to every listener's executor. Never throws for a listener's or an
   * executor's failure.
   *
   * @param what the event, shown in log lines (its {@code toString()} runs only if one is written)
   */
  public void post(Object what, Consumer<? super L> call) {
    for (Subscriber<L> s : subscribers) {
      s.deliver(what, call);
    }
  }

  /** Listener exceptions and executor rejections so far. */
  public long failures() {
    return failures.get();
  }

  /** How many listeners are registered. */
  public int size() {
    return subscribers.size();
  }

  /** One registered listener. */
  public static final class Subscriber<L> {
    private final ListenerBus<L> bus;
    private final L listener;
    private final Executor ordered;

    private Subscriber(ListenerBus<L> bus, L listener, Executor ordered) {
      this.bus = bus;
      this.listener = listener;
      this.ordered = ordered;
    }

    /** Hands {@code call} to this listener's executor alone; same guarantees as {@link #post}. */
    public void deliver(Object what, Consumer<? super L> call) {
      try {
        ordered.execute(() -> {
          try {
            call.accept(listener);
          } catch (RuntimeException e) {
            bus.failures.incrementAndGet();
            LOG.warn("[id={}] {} listener {} threw on {}; later events still reach it", bus.self, bus.kind,
                listener, what, e);
          }
        });
      } catch (RuntimeException rejected) {
        bus.failures.incrementAndGet();
        LOG.warn("[id={}] the executor of {} listener {} rejected {}: {}", bus.self, bus.kind, listener, what,
            rejected.toString());
      }
    }

    @Override
    public String toString() {
      return bus.kind + " listener " + listener;
    }
  }
}
