package io.eipfailover.membership.jgroups.internal;

import com.google.common.util.concurrent.MoreExecutors;
import io.eipfailover.core.MembershipListener;
import io.eipfailover.core.NodeId;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers to registered listeners, each on its own executor, in the order events were posted:
 * every registration wraps its executor in a sequential executor, so even a thread pool sees
 * one call at a time, in order. A listener's exception is logged and does not stop later calls.
 * Thread-safe; callers post from our single logical thread, so the posting order is the event
 * order.
 */
final class ListenerBus {
  private static final Logger LOG = LoggerFactory.getLogger(ListenerBus.class);

  private record Registration(MembershipListener listener, Executor executor) {}

  private final NodeId self;
  private final List<Registration> registrations = new CopyOnWriteArrayList<>();

  ListenerBus(NodeId self) {
    this.self = self;
  }

  /** Adds a listener; returns a poster that reaches only it (for a first, catch-up view). */
  Consumer<Consumer<MembershipListener>> add(MembershipListener listener, Executor executor) {
    Registration r = new Registration(listener, MoreExecutors.newSequentialExecutor(executor));
    registrations.add(r);
    return call -> deliver(r, call);
  }

  /** Posts {@code call} to every listener. */
  void post(Consumer<MembershipListener> call) {
    for (Registration r : registrations) {
      deliver(r, call);
    }
  }

  private void deliver(Registration r, Consumer<MembershipListener> call) {
    try {
      r.executor().execute(() -> {
        try {
          call.accept(r.listener());
        } catch (RuntimeException e) {
          LOG.warn("[id={}] membership listener {} threw; continuing", self, r.listener(), e);
        }
      });
    } catch (RuntimeException rejected) {
      LOG.warn("[id={}] listener executor rejected a membership event: {}", self, rejected.toString());
    }
  }
}
