package io.eipfailover.membership.jgroups.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.jgroups.Address;
import org.jgroups.Event;
import org.jgroups.stack.Protocol;

/**
 * A pass-through protocol that reports failure-detector suspicions. JGroups 5 does not tell a
 * {@link org.jgroups.Receiver} about suspicions, so we listen in the stack: placed directly below
 * {@code VERIFY_SUSPECT2}, it sees every raw {@code SUSPECT} event that {@code FD_SOCK2} or
 * {@code FD_ALL3} sends up, and the {@code UNSUSPECT} that {@code VERIFY_SUSPECT2} sends down when
 * the suspect answers after all. It changes nothing and adds no header.
 *
 * <p>Called on JGroups threads: the {@link Sink} must only hand off (never block).
 */
public final class SuspectObserver extends Protocol {
  /** Where suspicions go. Implementations must return at once. */
  public interface Sink {
    void suspected(List<Address> suspects);

    void unsuspected(Address member);
  }

  private final Sink sink;

  public SuspectObserver(Sink sink) {
    this.sink = sink;
  }

  @Override
  public Object up(Event evt) {
    observe(evt);
    return up_prot.up(evt);
  }

  @Override
  public Object down(Event evt) {
    observe(evt);
    return down_prot.down(evt);
  }

  private void observe(Event evt) {
    if (evt.getType() == Event.SUSPECT && evt.getArg() instanceof Collection<?> c) {
      List<Address> suspects = new ArrayList<>();
      for (Object o : c) {
        if (o instanceof Address a) {
          suspects.add(a);
        }
      }
      if (!suspects.isEmpty()) {
        sink.suspected(suspects);
      }
    } else if (evt.getType() == Event.UNSUSPECT && evt.getArg() instanceof Address a) {
      sink.unsuspected(a);
    }
  }
}
