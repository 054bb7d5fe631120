/**
 * Implementation of {@code membership-jgroups}: not API, may change without notice. Use {@link
 * io.eipfailover.membership.jgroups.JGroupsMembership#builder()}.
 */
package io.eipfailover.membership.jgroups.internal;
