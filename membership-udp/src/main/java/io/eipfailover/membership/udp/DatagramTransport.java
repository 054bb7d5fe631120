package io.eipfailover.membership.udp;

import io.eipfailover.core.NodeId;
import java.net.SocketAddress;
import java.nio.ByteBuffer;

/**
 * The seam between the UDP membership's protocol logic and the network. The real transport
 * (built by {@link UdpMembership#builder()} when none is given) is one {@code DatagramChannel}
 * loop on one thread; tests and the deterministic simulation plug in an in-memory one, so the same
 * protocol code runs at virtual speed over a simulated network.
 *
 * <p>Contract: after {@link #start}, the transport calls the {@link Handler} one call at a time
 * (never concurrently, never re-entrantly from {@link #send}), from a thread of its choosing, until
 * {@link #close()} returns. It must call {@link Handler#onTick()} again no later than the delay the
 * previous call returned (a late call is how the membership notices that its node was paused).
 * A transport serves one membership run: the membership starts it and stops it with {@link
 * #close()}, the undo of {@link #start}. A transport must open nothing before {@code start}, so one
 * that was never started needs no closing; the real one comes from {@link DatagramTransports#udp}.
 */
public interface DatagramTransport extends AutoCloseable {
  /**
   * Opens the network resources and starts calling {@code handler}. Called once.
   *
   * @throws io.eipfailover.core.EipFailoverException if a resource cannot be opened (port in use),
   *     with a message naming the setting and its value
   */
  void start(Handler handler);

  /**
   * Sends one datagram (the buffer's remaining bytes) to {@code peer}, best effort. Called only
   * from inside a handler call; the transport must not keep the buffer after returning. A send the
   * network rejects as port-unreachable is reported later through {@link
   * Handler#onPortUnreachable}, never by calling the handler from inside this method.
   *
   * @return whether the datagram was handed to the network
   */
  boolean send(NodeId peer, ByteBuffer datagram);

  /** Asks for an {@link Handler#onTick()} call as soon as possible. Callable from any thread. */
  void wakeup();

  /** Stops calling the handler and releases what {@link #start} opened. Idempotent. */
  @Override
  void close();

  /** What the transport drives: the membership's protocol. */
  interface Handler {
    /**
     * A datagram arrived. The buffer's remaining bytes are the datagram; it is valid only during
     * the call. {@code source} is used for logging only (datagrams are authenticated by content).
     */
    void onDatagram(ByteBuffer datagram, SocketAddress source);

    /**
     * The network reported that {@code peer}'s host answered a datagram with ICMP port-unreachable
     * (a connected {@code DatagramChannel} surfaces it as {@code PortUnreachableException}).
     */
    void onPortUnreachable(NodeId peer);

    /**
     * The transport's crash-detection TCP connection to {@code peer} was closed or reset by the
     * peer's host: its process has likely died. Like {@link #onPortUnreachable}, a signal to
     * confirm with probes, never a conviction by itself (anyone on the path can reset a TCP
     * connection). Transports without such a link never call it. The default treats it as a
     * port-unreachable signal, so a handler wrapper that does not know this call loses nothing.
     */
    default void onConnectionLost(NodeId peer) {
      onPortUnreachable(peer);
    }

    /**
     * Time passes: send due heartbeats and probes, evaluate the detectors.
     *
     * @return nanoseconds until the next call is wanted (always > 0)
     */
    long onTick();
  }
}
