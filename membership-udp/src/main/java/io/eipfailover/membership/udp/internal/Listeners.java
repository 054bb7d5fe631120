package io.eipfailover.membership.udp.internal;

import com.google.common.util.concurrent.MoreExecutors;
import io.eipfailover.core.MembershipListener;
import io.eipfailover.core.MembershipView;
import io.eipfailover.core.NodeId;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The registered membership listeners. Each is called on its own executor through a sequential
 * wrapper, so it sees events in the order they happened even on a thread pool; calls never happen
 * under a lock of ours; exceptions (from the listener or a rejecting executor) are caught and
 * logged. Thread-safe.
 */
final class Listeners {
  private static final Logger LOG = LoggerFactory.getLogger(Listeners.class);

  private record Registration(MembershipListener listener, Executor executor) {}

  private final NodeId self;
  private final List<Registration> registrations = new CopyOnWriteArrayList<>();

  Listeners(NodeId self) {
    this.self = self;
  }

  void add(MembershipListener listener, Executor executor) {
    Objects.requireNonNull(listener, "listener must not be null");
    Objects.requireNonNull(executor, "executor must not be null");
    registrations.add(new Registration(listener, MoreExecutors.newSequentialExecutor(executor)));
  }

  void viewChanged(MembershipView view) {
    deliver("viewChanged", l -> l.viewChanged(view));
  }

  void configMismatch(NodeId peer, long ours, long theirs) {
    deliver("configMismatch", l -> l.configMismatch(peer, ours, theirs));
  }

  void lateHeartbeat(NodeId peer, Duration gap) {
    deliver("lateHeartbeat", l -> l.lateHeartbeat(peer, gap));
  }

  private void deliver(String what, Consumer<MembershipListener> call) {
    for (Registration r : registrations) {
      try {
        r.executor().execute(() -> {
          try {
            call.accept(r.listener());
          } catch (RuntimeException e) {
            LOG.warn("[node={}] membership listener {} failed in {}", self, r.listener(), what, e);
          }
        });
      } catch (RejectedExecutionException e) {
        LOG.warn("[node={}] executor of membership listener {} rejected {}", self, r.listener(), what, e);
      }
    }
  }
}
