package io.eipfailover.membership.udp.internal;

import io.eipfailover.core.AnnouncedStatus;
import io.eipfailover.core.NodeId;
import io.eipfailover.membership.udp.DetectorSettings;
import io.eipfailover.membership.udp.DropReason;
import io.eipfailover.membership.udp.UdpKeyring;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * The door to this module's internal codec and failure detectors for the {@code benchmarks} module,
 * published in this module's test-jar: the benchmarks measure the real classes without putting
 * their own classes into this module's package, and without widening the main jar's API. Not API:
 * for this project's benchmarks and tests only.
 */
public final class InternalProbes {
  private InternalProbes() {}

  /** A heartbeat sender and a receiver that accepts its datagrams. */
  public static CodecPair codecPair(String clusterName, NodeId sender, NodeId receiver, UdpKeyring keyring) {
    return new CodecPair(new HeartbeatCodec(clusterName, sender, List.of(receiver), keyring),
        new HeartbeatCodec(clusterName, receiver, List.of(sender), keyring));
  }

  /** A failure detector for one peer, of the kind and timing {@code settings} give. */
  public static Detector detector(DetectorSettings settings) {
    return new Detector(FailureDetector.of(settings));
  }

  /** The real {@code HeartbeatCodec} of both ends of one link. Not thread-safe. */
  public static final class CodecPair {
    private final HeartbeatCodec sender;
    private final HeartbeatCodec receiver;
    private final Heartbeat decoded = new Heartbeat();

    private CodecPair(HeartbeatCodec sender, HeartbeatCodec receiver) {
      this.sender = sender;
      this.receiver = receiver;
    }

    /** Encodes and signs one heartbeat; the buffer is the sender's, valid until the next call. */
    public ByteBuffer encode(long incarnation, long sequence, AnnouncedStatus status, long fingerprint) {
      return sender.encode(incarnation, sequence, status, fingerprint);
    }

    /** Decodes and verifies {@code datagram} at the receiver: null when accepted, else why not. */
    public DropReason decode(ByteBuffer datagram) {
      return receiver.decode(datagram, decoded);
    }

    /** The sequence number of the last accepted heartbeat. */
    public long decodedSequence() {
      return decoded.sequence;
    }
  }

  /** The real failure detector of one peer; times in ticker nanoseconds. Not thread-safe. */
  public static final class Detector {
    private final FailureDetector detector;

    private Detector(FailureDetector detector) {
      this.detector = detector;
    }

    /** A heartbeat arrived at {@code now}. */
    public void heartbeat(long now) {
      detector.heartbeat(now);
    }

    /** Whether the peer is dead at {@code now}. */
    public boolean isDead(long now) {
      return detector.isDead(now);
    }
  }
}
