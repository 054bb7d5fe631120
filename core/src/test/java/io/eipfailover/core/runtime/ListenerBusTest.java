package io.eipfailover.core.runtime;

import io.eipfailover.core.testing.Await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.eipfailover.core.NodeId;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ListenerBusTest {
  private static final Duration WAIT = Duration.ofSeconds(20);

  private static final NodeId A = NodeId.of("a");

  /** Records the events it gets, and how many calls overlapped. */
  private static final class Recorder implements Consumer<Integer> {
    final List<Integer> seen = new CopyOnWriteArrayList<>();
    final AtomicInteger inside = new AtomicInteger();
    volatile boolean overlapped;

    @Override
    public void accept(Integer event) {
      if (inside.incrementAndGet() > 1) {
        overlapped = true;
      }
      Thread.yield(); // widen the window in which an unordered executor would interleave
      seen.add(event);
      inside.decrementAndGet();
    }
  }

  /** An executor that runs nothing until the test says so. */
  private static final class ManualExecutor implements Executor {
    final Queue<Runnable> queue = new ArrayDeque<>();

    @Override
    public synchronized void execute(Runnable command) {
      queue.add(command);
    }

    synchronized void runAll() {
      Runnable r;
      while ((r = queue.poll()) != null) {
        r.run();
      }
    }
  }

  @Test
  void eachListenerSeesEveryEventInOrderOnAMultiThreadedExecutor() {
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      ListenerBus<Consumer<Integer>> bus = new ListenerBus<>(A, "test");
      Recorder first = new Recorder();
      Recorder second = new Recorder();
      bus.add(first, pool);
      bus.add(second, pool);
      int events = 2_000;
      for (int i = 0; i < events; i++) {
        int e = i;
        bus.post(e, l -> l.accept(e));
      }
      Await.until("both listeners saw every event", WAIT, () -> first.seen.size() == events && second.seen.size() == events);
      List<Integer> expected = IntStream.range(0, events).boxed().toList();
      assertEquals(expected, first.seen);
      assertEquals(expected, second.seen);
      assertTrue(!first.overlapped && !second.overlapped, "one call at a time per listener");
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aThrowingListenerIsCountedAndKeepsGettingLaterEventsAsDoOthers() {
    ListenerBus<Consumer<Integer>> bus = new ListenerBus<>(A, "test");
    List<Integer> thrower = new ArrayList<>();
    Recorder healthy = new Recorder();
    bus.add(e -> {
      thrower.add(e);
      if (e == 1) {
        throw new QuietFailure("listener bug");
      }
    }, Runnable::run);
    bus.add(healthy, Runnable::run);
    for (int i = 0; i < 3; i++) {
      int e = i;
      bus.post(e, l -> l.accept(e)); // must not throw
    }
    assertEquals(List.of(0, 1, 2), thrower);
    assertEquals(List.of(0, 1, 2), healthy.seen);
    assertEquals(1, bus.failures());
  }

  @Test
  void aRejectingExecutorIsCountedAndDoesNotStopTheOtherListeners() {
    ListenerBus<Consumer<Integer>> bus = new ListenerBus<>(A, "test");
    bus.add(e -> { }, command -> {
      throw new RejectedExecutionException("pool shut down");
    });
    Recorder healthy = new Recorder();
    bus.add(healthy, Runnable::run);
    bus.post(7, l -> l.accept(7));
    bus.post(8, l -> l.accept(8));
    assertEquals(List.of(7, 8), healthy.seen);
    assertEquals(2, bus.failures());
  }

  @Test
  void deliveryHappensOnTheListenersExecutorNotInsidePost() {
    ListenerBus<Consumer<Integer>> bus = new ListenerBus<>(A, "test");
    ManualExecutor executor = new ManualExecutor();
    Recorder r = new Recorder();
    bus.add(r, executor);
    bus.post(1, l -> l.accept(1));
    assertEquals(List.of(), r.seen, "post returned before the listener ran");
    executor.runAll();
    assertEquals(List.of(1), r.seen);
  }

  @Test
  void aSubscriberReachesItsListenerAloneInPostOrder() {
    ListenerBus<Consumer<Integer>> bus = new ListenerBus<>(A, "test");
    Recorder early = new Recorder();
    bus.add(early, Runnable::run);
    ManualExecutor lateExecutor = new ManualExecutor();
    Recorder late = new Recorder();
    ListenerBus.Subscriber<Consumer<Integer>> s = bus.add(late, lateExecutor);
    s.deliver("catch-up", l -> l.accept(0));
    bus.post(1, l -> l.accept(1));
    lateExecutor.runAll();
    assertEquals(List.of(0, 1), late.seen);
    assertEquals(List.of(1), early.seen);
    assertEquals(2, bus.size());
  }
}
