package io.eipfailover.core.event;

/** Receives {@link FailoverEvent}s, in order, on the executor it was registered with. */
@FunctionalInterface
public interface FailoverListener {
  void onEvent(FailoverEvent event);
}
