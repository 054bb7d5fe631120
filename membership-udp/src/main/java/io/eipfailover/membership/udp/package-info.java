/**
 * Authenticated unicast UDP heartbeat membership: Linux-HA Heartbeat's {@code ucast} done right.
 *
 * <p>Entry point: {@link io.eipfailover.membership.udp.UdpMembership#builder()}. Every heartbeat
 * carries the cluster name, sender, incarnation, sequence number, status and configuration
 * fingerprint, authenticated with HMAC-SHA256 under a {@link
 * io.eipfailover.membership.udp.UdpKeyring}. Detection is tuned by {@link
 * io.eipfailover.membership.udp.DetectorSettings}. The wire format is documented byte by byte in
 * the module's {@code README.md}.
 */
package io.eipfailover.membership.udp;
