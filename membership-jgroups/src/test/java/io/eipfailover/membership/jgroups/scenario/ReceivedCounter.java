package io.eipfailover.membership.jgroups.scenario;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import org.jgroups.Address;
import org.jgroups.Message;
import org.jgroups.stack.Protocol;
import org.jgroups.util.MessageBatch;

/**
 * A test protocol near the bottom of a member's stack that counts messages arriving from other
 * members (its own looped-back multicasts excluded) and passes everything up unchanged. Lets a test
 * wait for evidence that peers kept talking (join attempts, merge rounds) before asserting that
 * nothing came of it, instead of sleeping.
 */
final class ReceivedCounter extends Protocol {
  private final AtomicLong fromOthers = new AtomicLong();

  /** Messages received so far from any address other than this member's. */
  long fromOthers() {
    return fromOthers.get();
  }

  @Override
  public Object up(Message msg) {
    count(msg.getSrc(), 1);
    return up_prot.up(msg);
  }

  @Override
  public void up(MessageBatch batch) {
    count(batch.sender(), batch.size());
    up_prot.up(batch);
  }

  private void count(Address sender, int messages) {
    if (sender != null && !Objects.equals(sender, local_addr)) {
      fromOthers.addAndGet(messages);
    }
  }
}
