package io.eipfailover.core;

import java.util.concurrent.Executor;

/**
 * Who is alive, as this node sees it. Implementations: UDP heartbeats ({@code membership-udp}),
 * JGroups ({@code membership-jgroups}), and a manual one in the core test kit.
 *
 * <p>Contract: a dead peer is declared {@link MemberState#DEAD} within the implementation's
 * configured bound; ordinary jitter must not flap a view; the state of self reflects the last
 * {@link #announce} call. Implementations are thread-safe. {@link #start()} may be called once;
 * {@link #close()} is idempotent.
 */
public interface Membership extends AutoCloseable {
  /** Starts heartbeating/joining. Calling it twice throws {@link IllegalStateException}. */
  void start();

  /** The current view (never null once started; before that, every peer is DEAD). */
  MembershipView view();

  /** Tells peers this node's status; takes effect in the next heartbeat or sooner. */
  void announce(AnnouncedStatus status);

  /**
   * Registers a listener, called in order on {@code executor}. Listener exceptions are caught and
   * logged.
   */
  void addListener(MembershipListener listener, Executor executor);

  /** Leaves the cluster and releases sockets/threads this membership created. Idempotent. */
  @Override
  void close();
}
