package io.eipfailover.core.internal;

import com.google.common.util.concurrent.MoreExecutors;
import io.eipfailover.core.event.FailoverEvent;
import io.eipfailover.core.event.FailoverListener;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers events to listeners in order, each on its own executor (serialised per listener), never
 * under the caller's locks; a listener's exception is logged and does not reach the reconciler.
 */
final class EventBus {
  private static final Logger LOG = LoggerFactory.getLogger(EventBus.class);

  private record Subscriber(FailoverListener listener, Executor ordered) {}

  private final List<Subscriber> subscribers = new CopyOnWriteArrayList<>();

  void add(FailoverListener listener, Executor executor) {
    subscribers.add(new Subscriber(listener, MoreExecutors.newSequentialExecutor(executor)));
  }

  void publish(FailoverEvent event) {
    for (Subscriber s : subscribers) {
      try {
        s.ordered().execute(() -> deliver(s.listener(), event));
      } catch (RuntimeException rejected) {
        LOG.warn("[id={}] listener executor rejected {}: {}", event.self(), event, rejected.toString());
      }
    }
  }

  private static void deliver(FailoverListener listener, FailoverEvent event) {
    try {
      listener.onEvent(event);
    } catch (RuntimeException e) {
      LOG.warn("[id={}] listener {} threw on {}", event.self(), listener, event, e);
    }
  }
}
