package io.eipfailover.membership.udp.internal;

import io.eipfailover.membership.udp.DropReason;
import java.net.SocketAddress;

/**
 * What the protocol does with input it rejects or distrusts: every dropped datagram is counted and
 * logged within its reason's budget ({@link DropLog}) and, if it came from a configured peer's
 * address and failed authentication, counted against that peer ({@link AuthFailures}); a peer
 * whose configuration fingerprint differs is reported ({@link FingerprintCheck}). Protocol thread
 * only.
 */
final class Rejections {
  final AuthFailures auth;
  private final CounterSet counters;
  private final ProtocolOutput output;
  private final long ours;
  private final DropLog dropLog;
  private final FingerprintCheck fingerprints;

  Rejections(ProtocolConfig config, int peers, CounterSet counters, ProtocolOutput output) {
    this.counters = counters;
    this.output = output;
    this.ours = config.fingerprint();
    this.dropLog = new DropLog(config.self());
    this.fingerprints = new FingerprintCheck(config.self(), config.fingerprint(), peers);
    this.auth = new AuthFailures(config.self(), config.peers(), config.peerAddresses(),
        config.detector().deadtime().toNanos(), counters);
  }

  /** A datagram of {@code bytes} from {@code source} was dropped for {@code reason}; {@code codec} still holds it. */
  void dropped(DropReason reason, SocketAddress source, int bytes, HeartbeatCodec codec, long now) {
    counters.dropped(reason);
    dropLog.dropped(reason, source, bytes, now);
    auth.failed(source, reason, codec, now);
  }

  /** Peer {@code p} sent configuration fingerprint {@code theirs}: reports a mismatch when due. */
  void fingerprint(PeerRecord p, long theirs, long now) {
    if (fingerprints.shouldReport(p, theirs, now)) {
      output.configMismatch(p.id, ours, theirs);
    }
  }
}
