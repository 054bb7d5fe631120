package io.eipfailover.membership.jgroups.internal;

import java.util.function.Consumer;
import org.jgroups.Address;
import org.jgroups.Message;
import org.jgroups.stack.Protocol;
import org.jgroups.util.MessageBatch;

/**
 * A pass-through protocol placed just below discovery that notes the sender of every message that
 * comes up (failure-detector heartbeats included), so {@code MemberEntry.lastHeard} is as fresh as
 * the heartbeats rather than as our own state messages. Changes nothing, adds no header.
 *
 * <p>Called on JGroups threads for every message: the sink must be a cheap non-blocking write
 * (a concurrent map put).
 */
public final class TrafficObserver extends Protocol {
  private final Consumer<Address> sink;

  public TrafficObserver(Consumer<Address> sink) {
    this.sink = sink;
  }

  @Override
  public Object up(Message msg) {
    Address src = msg.getSrc();
    if (src != null) {
      sink.accept(src);
    }
    return up_prot.up(msg);
  }

  @Override
  public void up(MessageBatch batch) {
    if (batch.sender() != null) {
      sink.accept(batch.sender());
    }
    up_prot.up(batch);
  }
}
