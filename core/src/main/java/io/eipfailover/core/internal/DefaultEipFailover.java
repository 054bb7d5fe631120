package io.eipfailover.core.internal;

import io.eipfailover.core.EipFailover;
import io.eipfailover.core.FailoverStatus;
import io.eipfailover.core.event.FailoverListener;
import java.util.concurrent.Executor;

/** Placeholder while the reconciler is written. */
public final class DefaultEipFailover implements EipFailover {
  public DefaultEipFailover(FailoverSettings settings) {}

  @Override public void start() { throw new UnsupportedOperationException(); }
  @Override public FailoverStatus status() { throw new UnsupportedOperationException(); }
  @Override public void standby() { throw new UnsupportedOperationException(); }
  @Override public void resume() { throw new UnsupportedOperationException(); }
  @Override public void reconcileNow() { throw new UnsupportedOperationException(); }
  @Override public void addListener(FailoverListener listener, Executor executor) { throw new UnsupportedOperationException(); }
  @Override public void close() {}
}
