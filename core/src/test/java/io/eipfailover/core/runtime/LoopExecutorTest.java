package io.eipfailover.core.runtime;

import io.eipfailover.core.testing.Await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.eipfailover.core.NodeId;
import io.eipfailover.core.testing.VirtualScheduler;
import io.eipfailover.core.testing.VirtualTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class LoopExecutorTest {
  private static final Duration WAIT = Duration.ofSeconds(20);

  private static final NodeId A = NodeId.of("a");

  @Test
  void runsTasksOneAtATimeInSubmissionOrderOnAMultiThreadedScheduler() {
    ScheduledExecutorService pool = Executors.newScheduledThreadPool(4);
    try (LoopExecutor loop = LoopExecutor.create(A, "test", pool)) {
      List<Integer> ran = new ArrayList<>(); // plain list: the loop is the only writer
      AtomicInteger inside = new AtomicInteger();
      AtomicInteger maxInside = new AtomicInteger();
      int tasks = 2_000;
      for (int i = 0; i < tasks; i++) {
        int n = i;
        loop.execute(() -> {
          maxInside.accumulateAndGet(inside.incrementAndGet(), Math::max);
          ran.add(n);
          inside.decrementAndGet();
        });
      }
      AtomicInteger size = new AtomicInteger();
      Await.until("every task ran", WAIT, () -> {
        loop.execute(() -> size.set(ran.size()));
        return size.get() == tasks;
      });
      List<Integer> snapshot = new CopyOnWriteArrayList<>();
      loop.execute(() -> snapshot.addAll(ran));
      Await.until("the snapshot task ran", WAIT, () -> snapshot.size() == tasks);
      assertEquals(IntStream.range(0, tasks).boxed().toList(), snapshot);
      assertEquals(1, maxInside.get(), "never two tasks at once");
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aFailingTaskIsCountedAndTheLoopGoesOn() {
    VirtualTime time = new VirtualTime();
    VirtualScheduler scheduler = time.scheduler("a");
    LoopExecutor loop = LoopExecutor.create(A, "test", scheduler);
    List<String> ran = new ArrayList<>();
    loop.execute(() -> ran.add("first"));
    loop.execute(() -> {
      throw new QuietFailure("bug in a handler");
    });
    loop.execute(() -> ran.add("third"));
    time.runPending();
    assertEquals(List.of("first", "third"), ran);
    assertEquals(1, loop.failedTasks());
    assertEquals(List.of(), time.failures(), "the failure was contained, not passed to the scheduler");
  }

  @Test
  void workAfterCloseIsDroppedQuietlyIncludingWorkAlreadyQueued() {
    VirtualTime time = new VirtualTime();
    VirtualScheduler scheduler = time.scheduler("a");
    LoopExecutor loop = LoopExecutor.create(A, "test", scheduler);
    List<String> ran = new ArrayList<>();
    loop.execute(() -> ran.add("queued before close"));
    loop.close();
    loop.execute(() -> ran.add("after close"));
    Future<?> timer = loop.schedule(() -> ran.add("timer after close"), Duration.ofSeconds(1));
    time.advance(Duration.ofMinutes(1));
    assertEquals(List.of(), ran);
    assertTrue(timer.isCancelled());
    assertEquals(0, loop.failedTasks());
    assertEquals(List.of(), time.failures());
  }

  @Test
  void timersRunTheirTaskOnTheLoopAndPeriodicOnesStopAtClose() {
    VirtualTime time = new VirtualTime();
    VirtualScheduler scheduler = time.scheduler("a");
    LoopExecutor loop = LoopExecutor.create(A, "test", scheduler);
    List<Long> at = new ArrayList<>();
    loop.schedule(() -> at.add(-time.nanos()), Duration.ofMillis(500));
    loop.scheduleAtFixedRate(() -> at.add(time.nanos()), Duration.ofSeconds(1));
    time.advance(Duration.ofMillis(3_500));
    assertEquals(List.of(-500_000_000L, 1_000_000_000L, 2_000_000_000L, 3_000_000_000L), at);
    loop.close();
    time.advance(Duration.ofSeconds(10));
    assertEquals(4, at.size(), "no tick after close");
    assertFalse(scheduler.isShutdown(), "an injected scheduler is never shut down by the loop");
  }

  @Test
  void aSchedulerRejectingWorkNeverThrowsToTheSubmitter() {
    VirtualTime time = new VirtualTime();
    VirtualScheduler scheduler = time.scheduler("a");
    LoopExecutor loop = LoopExecutor.create(A, "test", scheduler);
    scheduler.shutdown(); // its owner shut it down under the loop
    List<String> ran = new ArrayList<>();
    loop.execute(() -> ran.add("x"));
    assertTrue(loop.schedule(() -> ran.add("y"), Duration.ZERO).isCancelled());
    assertTrue(loop.scheduleAtFixedRate(() -> ran.add("z"), Duration.ofSeconds(1)).isCancelled());
    time.advance(Duration.ofSeconds(5));
    assertEquals(List.of(), ran);
  }

  @Test
  void anOwnSchedulerIsShutDownByCloseAnInjectedOneIsNot() throws Exception {
    LoopExecutor own = LoopExecutor.create(A, "own", null);
    AtomicInteger ran = new AtomicInteger();
    own.execute(ran::incrementAndGet);
    Await.until("the task ran on the loop's own thread", WAIT, () -> ran.get() == 1);
    own.close();
    assertTrue(own.scheduler().isShutdown(), "made by the loop, so shut down by it");

    ScheduledExecutorService injected = Executors.newSingleThreadScheduledExecutor();
    try {
      LoopExecutor borrowed = LoopExecutor.create(A, "borrowed", injected);
      borrowed.close();
      assertFalse(injected.isShutdown(), "injected, so left to its owner");
      assertTrue(borrowed.isClosed());
    } finally {
      injected.shutdownNow();
    }
  }
}
