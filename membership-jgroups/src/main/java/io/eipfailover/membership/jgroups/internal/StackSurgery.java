package io.eipfailover.membership.jgroups.internal;

import io.eipfailover.core.NodeId;
import org.jgroups.JChannel;
import org.jgroups.protocols.Discovery;
import org.jgroups.protocols.VERIFY_SUSPECT;
import org.jgroups.protocols.VERIFY_SUSPECT2;
import org.jgroups.protocols.pbcast.GMS;
import org.jgroups.stack.Protocol;
import org.jgroups.stack.ProtocolStack;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts our two pass-through observers into a stack we did not build (a user XML file or an
 * injected channel), where the default stack has them: the traffic observer just below discovery
 * (or just above the transport), the suspect observer just below VERIFY_SUSPECT2/VERIFY_SUSPECT (or
 * just below GMS, where it then sees only verified suspicions).
 */
final class StackSurgery {
  private static final Logger LOG = LoggerFactory.getLogger(StackSurgery.class);

  private StackSurgery() {}

  static void insertObservers(JChannel channel, TrafficObserver traffic, SuspectObserver suspects, NodeId self)
      throws Exception {
    ProtocolStack stack = channel.getProtocolStack();
    Protocol discovery = stack.findProtocol(Discovery.class);
    if (discovery != null) {
      stack.insertProtocol(traffic, ProtocolStack.Position.BELOW, discovery.getClass());
    } else {
      stack.insertProtocol(traffic, ProtocolStack.Position.ABOVE, stack.getTransport().getClass());
    }
    Protocol verify = stack.findProtocol(VERIFY_SUSPECT2.class, VERIFY_SUSPECT.class);
    if (verify != null) {
      stack.insertProtocol(suspects, ProtocolStack.Position.BELOW, verify.getClass());
    } else if (stack.findProtocol(GMS.class) != null) {
      LOG.info("[id={}] stack has no VERIFY_SUSPECT2: suspicions are seen only once verified", self);
      stack.insertProtocol(suspects, ProtocolStack.Position.BELOW, GMS.class);
    } else {
      LOG.warn("[id={}] stack has neither VERIFY_SUSPECT2 nor GMS: no SUSPECT states will be reported", self);
    }
  }
}
