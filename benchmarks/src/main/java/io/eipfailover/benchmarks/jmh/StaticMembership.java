package io.eipfailover.benchmarks.jmh;

import io.eipfailover.core.AnnouncedStatus;
import io.eipfailover.core.Membership;
import io.eipfailover.core.MembershipListener;
import io.eipfailover.core.MembershipView;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;

/**
 * A membership whose view is fixed: {@link #start()} delivers it once to every listener (on the
 * listener's executor). Lets a benchmark feed the real reconciler a large view without a network.
 * Thread-safe.
 */
final class StaticMembership implements Membership {
  private record Registration(MembershipListener listener, Executor executor) {}

  private final MembershipView view;
  private final List<Registration> listeners = new CopyOnWriteArrayList<>();
  private volatile AnnouncedStatus announced = AnnouncedStatus.ALIVE;

  StaticMembership(MembershipView view) {
    this.view = view;
  }

  @Override
  public void start() {
    for (Registration r : listeners) {
      r.executor().execute(() -> r.listener().viewChanged(view));
    }
  }

  @Override
  public MembershipView view() {
    return view;
  }

  @Override
  public void announce(AnnouncedStatus status) {
    this.announced = status;
  }

  /** The last status announced by the failover. */
  AnnouncedStatus announced() {
    return announced;
  }

  @Override
  public void addListener(MembershipListener listener, Executor executor) {
    listeners.add(new Registration(listener, executor));
  }

  @Override
  public void close() {}
}
