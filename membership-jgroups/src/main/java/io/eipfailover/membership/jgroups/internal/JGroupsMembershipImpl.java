package io.eipfailover.membership.jgroups.internal;

import io.eipfailover.core.AnnouncedStatus;
import io.eipfailover.core.EipFailoverException;
import io.eipfailover.core.MemberEntry;
import io.eipfailover.core.MemberState;
import io.eipfailover.core.MembershipListener;
import io.eipfailover.core.MembershipView;
import io.eipfailover.core.NodeId;
import io.eipfailover.core.runtime.Checks;
import io.eipfailover.core.runtime.Lifecycle;
import io.eipfailover.core.runtime.ListenerBus;
import io.eipfailover.core.runtime.LoopExecutor;
import io.eipfailover.membership.jgroups.JGroupsMembership;
import io.eipfailover.membership.jgroups.JGroupsMembershipCounters;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import org.jgroups.Address;
import org.jgroups.BytesMessage;
import org.jgroups.JChannel;
import org.jgroups.MergeView;
import org.jgroups.Message;
import org.jgroups.Receiver;
import org.jgroups.View;
import org.jgroups.protocols.FailureDetection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link JGroupsMembership} implementation: wires the channel to the single logical thread (a
 * {@link LoopExecutor}) where {@link MembershipState} lives. JGroups threads only copy what they got
 * and post it to that thread. Lifecycle and listener delivery are the shared runtime's ({@link
 * Lifecycle}, {@link ListenerBus}). Thread-safe.
 */
public final class JGroupsMembershipImpl implements JGroupsMembership {
  private static final Logger LOG = LoggerFactory.getLogger(JGroupsMembershipImpl.class);

  private final JGroupsParts parts;
  private final NodeId self;
  private final JChannel channel;
  private final boolean ownsChannel;
  private final LoopExecutor loop;
  private final ListenerBus<MembershipListener> listeners;
  private final MembershipState state;
  private final Lifecycle lifecycle;
  private final ConcurrentMap<Address, Long> heard = new ConcurrentHashMap<>();
  private final AtomicLong dropped = new AtomicLong();
  private final AtomicLong suspicions = new AtomicLong();
  private final AtomicLong groupViews = new AtomicLong();
  private final AtomicLong merges = new AtomicLong();

  public JGroupsMembershipImpl(JGroupsParts parts) {
    this.parts = Checks.notNull("parts", parts);
    this.self = parts.self();
    this.listeners = new ListenerBus<>(self, "membership");
    this.state = new MembershipState(parts, heard, listeners, dropped, this::send);
    TrafficObserver traffic = new TrafficObserver(a -> heard.put(a, parts.ticker().read()));
    SuspectObserver suspects = new SuspectObserver(new SuspectObserver.Sink() {
      @Override
      public void suspected(List<Address> members) {
        suspicions.addAndGet(members.size());
        long at = parts.ticker().read();
        loop.execute(() -> state.onSuspected(members, at));
      }

      @Override
      public void unsuspected(Address member) {
        loop.execute(() -> state.onUnsuspected(member));
      }
    });
    this.ownsChannel = parts.channel() == null;
    this.channel = createChannel(traffic, suspects);
    this.loop = LoopExecutor.create(self, "jgroups", parts.scheduler());
    this.lifecycle = new Lifecycle(self, "JGroupsMembership", this::startUp, this::shutDown);
  }

  private JChannel createChannel(TrafficObserver traffic, SuspectObserver suspects) {
    try {
      if (parts.channel() != null) {
        StackSurgery.insertObservers(parts.channel(), traffic, suspects, self);
        return parts.channel();
      }
      if (parts.stackFile() != null) {
        JChannel ch;
        try (InputStream in = Files.newInputStream(parts.stackFile())) {
          ch = new JChannel(in);
        }
        StackSurgery.insertObservers(ch, traffic, suspects, self);
        return ch;
      }
      List<org.jgroups.stack.Protocol> protocols = Checks.notNull("stackCustomizer result",
          parts.stackCustomizer().apply(DefaultStack.protocols(parts, traffic, suspects)));
      return new JChannel(protocols);
    } catch (Exception e) {
      throw new EipFailoverException("node " + self + " cannot create its JGroups channel (" + channelSource()
          + "): " + e.getMessage(), e);
    }
  }

  private String channelSource() {
    return parts.stackFile() != null ? "stackFile " + parts.stackFile() : parts.channel() != null ? "injected channel"
        : "default stack on " + parts.bindAddress().getHostAddress() + ":" + parts.bindPort();
  }

  @Override
  public void start() {
    lifecycle.start();
  }

  private void startUp() {
    channel.name(self.value());
    channel.setReceiver(new Receiver() {
      @Override
      public void viewAccepted(View view) {
        groupViews.incrementAndGet();
        if (view instanceof MergeView) {
          merges.incrementAndGet();
        }
        loop.execute(() -> state.onView(view));
      }

      @Override
      public void receive(Message msg) {
        Address src = msg.getSrc();
        if (!msg.hasArray()) {
          dropped.incrementAndGet();
          return;
        }
        byte[] copy = Arrays.copyOfRange(msg.getArray(), msg.getOffset(), msg.getOffset() + msg.getLength());
        loop.execute(() -> state.onMessage(src, copy));
      }
    });
    try {
      channel.connect(parts.clusterName());
    } catch (Exception e) {
      throw new EipFailoverException("node " + self + " cannot join JGroups cluster '" + parts.clusterName() + "': "
          + e.getMessage(), e);
    }
    Address local = channel.getAddress();
    LOG.info("[id={}] joined JGroups cluster '{}' as {} ({}), view {}", self, parts.clusterName(), local,
        channelSource(), channel.getView());
    loop.execute(() -> state.onStarted(local, channel.getView()));
    loop.scheduleAtFixedRate(state::announceNow, parts.config().announceInterval());
  }

  /**
   * Runs once, whatever happened before (see {@link Lifecycle}): stops the loop, leaves the
   * cluster, and closes the channel only if we built it (an injected one is only disconnected).
   */
  private void shutDown() {
    loop.close();
    try {
      if (ownsChannel) {
        LOG.info("[id={}] leaving JGroups cluster '{}' and closing our channel", self, parts.clusterName());
        channel.close();
      } else if (channel.isConnected()) {
        LOG.info("[id={}] leaving JGroups cluster '{}' (the injected channel stays open)", self, parts.clusterName());
        channel.disconnect();
      }
    } catch (RuntimeException e) {
      LOG.warn("[id={}] error while leaving the cluster: {}", self, e.toString());
    } finally {
      state.markClosed();
    }
  }

  private void send(byte[] payload) {
    if (loop.isClosed() || !channel.isConnected()) {
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
  public void announce(AnnouncedStatus status) {
    state.setSelfStatus(Checks.notNull("status", status));
    loop.execute(state::onSelfStatusChanged);
  }

  @Override
  public void addListener(MembershipListener listener, Executor executor) {
    Checks.notNull("listener", listener);
    Checks.notNull("executor", executor);
    // Registered on the loop so the catch-up view and later views reach it in order.
    loop.execute(() -> {
      ListenerBus.Subscriber<MembershipListener> subscriber = listeners.add(listener, executor);
      if (lifecycle.state() != Lifecycle.State.NEW) {
        MembershipView now = state.current();
        subscriber.deliver(now, l -> l.viewChanged(now));
      }
    });
  }

  @Override
  public long droppedMessages() {
    return dropped.get();
  }

  @Override
  public JGroupsMembershipCounters counters() {
    FailureDetection fd = channel.getProtocolStack() == null ? null
        : channel.getProtocolStack().findProtocol(FailureDetection.class);
    return new JGroupsMembershipCounters(fd == null ? 0 : fd.getHeartbeatsSent(),
        fd == null ? 0 : fd.getHeartbeatsReceived(), suspicions.get(), groupViews.get(), merges.get(), dropped.get());
  }

  @Override
  public void close() {
    lifecycle.close();
  }

  /** A view with every peer DEAD and self as announced: the view before start. */
  static MembershipView initialView(JGroupsParts parts, AnnouncedStatus selfStatus, long now) {
    Map<NodeId, MemberEntry> members = new TreeMap<>();
    for (NodeId n : parts.topology().nodeIds()) {
      members.put(n, MemberEntry.of(n.equals(parts.self()) ? selfStatus.asState() : MemberState.DEAD, now));
    }
    return new MembershipView(0, parts.self(), members);
  }
}
