package io.eipfailover.core.internal.guard;

import io.eipfailover.core.GuardVerdict;
import io.eipfailover.core.SplitBrainGuard;
import io.eipfailover.core.TakeoverRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Allows everything, loudly: a WARN when created and on every takeover it allows, so nobody runs it
 * in production by accident. Stateless and thread-safe.
 */
public final class UnguardedGuard implements SplitBrainGuard {
  private static final Logger LOG = LoggerFactory.getLogger(UnguardedGuard.class);

  public UnguardedGuard() {
    LOG.warn("[id=-] unguarded() split-brain guard created: every takeover will be allowed, and a node"
        + " cut off from its peers will take their EIPs; use quorum(), reachability() or peerProbe()");
  }

  @Override
  public GuardVerdict evaluate(TakeoverRequest request) {
    LOG.warn("[id={}] unguarded: allowing takeover of {} from {} without any split-brain check",
        request.self(), request.elasticIp(), request.currentHolder().map(Object::toString).orElse("nobody"));
    return GuardVerdict.allow("unguarded: takeovers are never checked");
  }

  @Override
  public String toString() {
    return "unguarded()";
  }
}
