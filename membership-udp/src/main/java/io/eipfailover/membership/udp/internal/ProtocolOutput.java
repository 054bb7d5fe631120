package io.eipfailover.membership.udp.internal;

import io.eipfailover.core.MembershipView;
import io.eipfailover.core.NodeId;
import java.nio.ByteBuffer;
import java.time.Duration;

/**
 * What the protocol state machine emits. Implemented by the membership facade (which sends through
 * the transport and hands events to listeners) and by tests. Called on the protocol's thread; an
 * implementation must not call back into the protocol.
 */
interface ProtocolOutput {
  /** Sends {@code datagram} (its remaining bytes; valid only during the call) to {@code peer}. */
  boolean send(NodeId peer, ByteBuffer datagram);

  /**
   * Starts one verification probe of {@code peer}'s kernel, given up after {@code timeout}; the
   * answer comes back as {@code UdpProtocol.onProbeAnswer}. Whether the attempt was made.
   */
  boolean probe(NodeId peer, Duration timeout);

  /** The view changed; {@code view} is the new one. */
  void viewChanged(MembershipView view);

  /** A peer's configuration fingerprint differs from ours (rate-limited by the protocol). */
  void configMismatch(NodeId peer, long ours, long theirs);

  /** A heartbeat from {@code peer} arrived {@code gap} after the previous one, beyond warntime. */
  void lateHeartbeat(NodeId peer, Duration gap);
}
