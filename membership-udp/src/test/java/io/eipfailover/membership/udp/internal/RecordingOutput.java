package io.eipfailover.membership.udp.internal;

import io.eipfailover.core.MembershipView;
import io.eipfailover.core.NodeId;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** A {@link ProtocolOutput} that records everything, for tests of the bare state machine. */
final class RecordingOutput implements ProtocolOutput {
  record Sent(NodeId peer, byte[] bytes) {}

  final List<Sent> sent = new ArrayList<>();
  final List<MembershipView> views = new ArrayList<>();
  final List<NodeId> mismatches = new ArrayList<>();
  final List<Duration> lates = new ArrayList<>();
  final List<NodeId> probes = new ArrayList<>();
  /** What {@link #probe} answers: whether the transport could make the attempt. */
  boolean canProbe = true;

  @Override
  public boolean send(NodeId peer, ByteBuffer datagram) {
    byte[] b = new byte[datagram.remaining()];
    datagram.get(b);
    sent.add(new Sent(peer, b));
    return true;
  }

  @Override
  public boolean probe(NodeId peer, Duration timeout) {
    probes.add(peer);
    return canProbe;
  }

  @Override
  public void viewChanged(MembershipView view) {
    views.add(view);
  }

  @Override
  public void configMismatch(NodeId peer, long ours, long theirs) {
    mismatches.add(peer);
  }

  @Override
  public void lateHeartbeat(NodeId peer, Duration gap) {
    lates.add(gap);
  }
}
