package io.eipfailover.core.testing;

import io.eipfailover.core.MembershipListener;
import io.eipfailover.core.NodeId;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Membership listeners of the test kit: each called in registration order, on its own executor,
 * with exceptions caught and logged (they must not break the membership that reports).
 */
final class ListenerList {
  private static final Logger LOG = LoggerFactory.getLogger(ListenerList.class);

  private record Registration(MembershipListener listener, Executor executor) {}

  private final NodeId self;
  private final List<Registration> registrations = new CopyOnWriteArrayList<>();

  ListenerList(NodeId self) {
    this.self = self;
  }

  void add(MembershipListener listener, Executor executor) {
    registrations.add(new Registration(Objects.requireNonNull(listener, "listener must not be null"),
        Objects.requireNonNull(executor, "executor must not be null")));
  }

  void fire(Consumer<MembershipListener> call) {
    for (Registration r : registrations) {
      r.executor().execute(() -> {
        try {
          call.accept(r.listener());
        } catch (RuntimeException e) {
          LOG.warn("[id={}] membership listener {} failed", self, r.listener(), e);
        }
      });
    }
  }
}
