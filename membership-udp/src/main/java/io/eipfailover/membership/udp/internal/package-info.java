/**
 * Implementation of the UDP membership: codec, protocol state machine, detectors, transport. Not
 * API: anything here may change without notice.
 */
package io.eipfailover.membership.udp.internal;
