package io.eipfailover.membership.jgroups.internal;

import com.google.common.util.concurrent.MoreExecutors;
import io.eipfailover.core.EipFailoverException;
import io.eipfailover.core.MembershipListener;
import io.eipfailover.core.MembershipView;
import io.eipfailover.core.NodeId;
import io.eipfailover.core.NodeState;
import io.eipfailover.core.NodeStatus;
import io.eipfailover.core.PeerState;
import io.eipfailover.membership.jgroups.JGroupsMembership;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.jgroups.Address;
import org.jgroups.BytesMessage;
import org.jgroups.JChannel;
import org.jgroups.Message;
import org.jgroups.Receiver;
import org.jgroups.View;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link JGroupsMembership} implementation: owns the channel wiring and the single logical
 * thread (a sequential executor on the scheduler) where {@link MembershipState} lives. JGroups
 * threads only copy what they got and post it to that thread. Thread-safe.
 */
public final class JGroupsMembershipImpl implements JGroupsMembership {
  private static final Logger LOG = LoggerFactory.getLogger(JGroupsMembershipImpl.class);

  private final MembershipSettings s;
  private final NodeId self;
  private final JChannel channel;
  private final boolean ownsChannel;
  private final ScheduledExecutorService scheduler;
  private final boolean ownsScheduler;
  private final Executor loop;
  private final ListenerBus bus;
  private final MembershipState state;
  private final ConcurrentMap<Address, Long> heard = new ConcurrentHashMap<>();
  private final AtomicBoolean started = new AtomicBoolean();
  private final AtomicBoolean closed = new AtomicBoolean();
  private final AtomicLong dropped = new AtomicLong();
  private volatile ScheduledFuture<?> announcer;

  public JGroupsMembershipImpl(MembershipSettings settings) {
    this.s = settings;
    this.self = settings.self();
    this.ownsScheduler = settings.scheduler() == null;
    this.scheduler = ownsScheduler ? Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "eipfailover-jgroups-" + settings.self());
      t.setDaemon(true);
      return t;
    }) : settings.scheduler();
    this.loop = MoreExecutors.newSequentialExecutor(scheduler);
    this.bus = new ListenerBus(self);
    this.state = new MembershipState(settings, heard, bus, dropped, this::send);
    TrafficObserver traffic = new TrafficObserver(a -> heard.put(a, s.ticker().read()));
    SuspectObserver suspects = new SuspectObserver(new SuspectObserver.Sink() {
      @Override
      public void suspected(List<Address> members) {
        long at = s.ticker().read();
        onLoop(() -> state.onSuspected(members, at));
      }

      @Override
      public void unsuspected(Address member) {
        onLoop(() -> state.onUnsuspected(member));
      }
    });
    this.ownsChannel = settings.channel() == null;
    this.channel = createChannel(traffic, suspects);
  }

  private JChannel createChannel(TrafficObserver traffic, SuspectObserver suspects) {
    try {
      if (s.channel() != null) {
        StackSurgery.insertObservers(s.channel(), traffic, suspects, self);
        return s.channel();
      }
      if (s.stackFile() != null) {
        JChannel ch;
        try (InputStream in = Files.newInputStream(s.stackFile())) {
          ch = new JChannel(in);
        }
        StackSurgery.insertObservers(ch, traffic, suspects, self);
        return ch;
      }
      List<org.jgroups.stack.Protocol> protocols =
          Objects.requireNonNull(s.stackCustomizer().apply(DefaultStack.protocols(s, traffic, suspects)),
              "stackCustomizer returned null");
      return new JChannel(protocols);
    } catch (Exception e) {
      throw new EipFailoverException("node " + self + " cannot create its JGroups channel ("
          + (s.stackFile() != null ? "stackFile " + s.stackFile() : s.channel() != null ? "injected channel"
          : "default stack on " + s.bindAddress().getHostAddress() + ":" + s.bindPort()) + "): " + e.getMessage(), e);
    }
  }

  @Override
  public void start() {
    if (closed.get()) {
      throw new IllegalStateException("JGroupsMembership of " + self + " is closed");
    }
    if (!started.compareAndSet(false, true)) {
      throw new IllegalStateException("JGroupsMembership of " + self + " was already started");
    }
    channel.name(self.value());
    channel.setReceiver(new Receiver() {
      @Override
      public void viewAccepted(View view) {
        onLoop(() -> state.onView(view));
      }

      @Override
      public void receive(Message msg) {
        Address src = msg.getSrc();
        if (!msg.hasArray()) {
          dropped.incrementAndGet();
          return;
        }
        byte[] copy = java.util.Arrays.copyOfRange(msg.getArray(), msg.getOffset(), msg.getOffset() + msg.getLength());
        onLoop(() -> state.onMessage(src, copy));
      }
    });
    try {
      channel.connect(s.clusterName());
    } catch (Exception e) {
      throw new EipFailoverException("node " + self + " cannot join JGroups cluster '" + s.clusterName() + "': "
          + e.getMessage(), e);
    }
    Address local = channel.getAddress();
    LOG.info("[id={}] joined JGroups cluster '{}' as {} ({}), view {}", self, s.clusterName(), local,
        ownsChannel ? (s.stackFile() != null ? "stack " + s.stackFile() : "default stack") : "injected channel",
        channel.getView());
    onLoop(() -> state.onStarted(local, channel.getView()));
    long every = s.announceInterval().toNanos();
    announcer = scheduler.scheduleAtFixedRate(() -> onLoop(state::announceNow), every, every, TimeUnit.NANOSECONDS);
  }

  private void send(byte[] payload) {
    if (closed.get() || !channel.isConnected()) {
      return;
    }
    try {
      // Out-of-band: a joiner must not wait for a retransmission gap (an older message it never
      // got) to be filled before it learns our status; Announcement.sequence restores order.
      channel.send(new BytesMessage(null, payload).setFlag(Message.Flag.OOB));
    } catch (Exception e) {
      LOG.warn("[id={}] could not multicast our state: {}", self, e.toString());
    }
  }

  @Override
  public MembershipView view() {
    return state.current();
  }

  @Override
  public void announce(NodeStatus status) {
    Objects.requireNonNull(status, "status must not be null");
    state.setSelfStatus(status);
    onLoop(state::onSelfStatusChanged);
  }

  @Override
  public void addListener(MembershipListener listener, Executor executor) {
    Objects.requireNonNull(listener, "listener must not be null");
    Objects.requireNonNull(executor, "executor must not be null");
    // Registered on the loop so the catch-up view and later views reach it in order.
    onLoop(() -> {
      var direct = bus.add(listener, executor);
      if (started.get()) {
        MembershipView now = state.current();
        direct.accept(l -> l.viewChanged(now));
      }
    });
  }

  @Override
  public long droppedMessages() {
    return dropped.get();
  }

  /** Runs {@code work} on the logical thread; a failure is logged and the next event runs. */
  private void onLoop(Runnable work) {
    if (closed.get()) {
      return;
    }
    try {
      loop.execute(() -> {
        if (closed.get()) {
          return;
        }
        try {
          work.run();
        } catch (RuntimeException e) {
          LOG.error("[id={}] membership event failed; continuing", self, e);
        }
      });
    } catch (RuntimeException rejected) {
      LOG.debug("[id={}] membership event rejected after shutdown: {}", self, rejected.toString());
    }
  }

  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    LOG.info("[id={}] leaving JGroups cluster '{}'", self, s.clusterName());
    ScheduledFuture<?> a = announcer;
    if (a != null) {
      a.cancel(false);
    }
    try {
      if (ownsChannel) {
        channel.close();
      } else if (channel.isConnected()) {
        channel.disconnect();
      }
    } catch (RuntimeException e) {
      LOG.warn("[id={}] error while leaving the cluster: {}", self, e.toString());
    } finally {
      state.markClosed();
      if (ownsScheduler) {
        scheduler.shutdownNow();
      }
    }
  }

  /** A view with every peer DEAD and self as announced: the view before start. */
  static MembershipView initialView(MembershipSettings s, NodeStatus selfStatus, long now) {
    Map<NodeId, PeerState> members = new TreeMap<>();
    for (NodeId n : s.topology().nodeIds()) {
      members.put(n, PeerState.of(n.equals(s.self()) ? selfStatus.asState() : NodeState.DEAD, now));
    }
    return new MembershipView(0, s.self(), members);
  }
}
