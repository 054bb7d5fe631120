package io.eipfailover.core.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class VirtualSchedulerTest {
  private final VirtualTime time = new VirtualTime();
  private final VirtualScheduler a = time.scheduler("a");
  private final VirtualScheduler b = time.scheduler("b");
  private final List<String> log = new ArrayList<>();

  private Runnable note(String what) {
    return () -> log.add(what + "@" + time.nanos() / 1_000_000);
  }

  @Test
  void runsTasksByDueTimeThenInsertionOrderAcrossLanes() {
    a.schedule(note("a2"), 20, TimeUnit.MILLISECONDS);
    b.schedule(note("b1"), 10, TimeUnit.MILLISECONDS);
    a.schedule(note("a1"), 10, TimeUnit.MILLISECONDS);
    b.execute(note("now"));
    time.advance(Duration.ofMillis(15));
    assertEquals(List.of("now@0", "b1@10", "a1@10"), log);
    assertEquals(15_000_000L, time.nanos());
    time.advance(Duration.ofMillis(5));
    assertEquals("a2@20", log.get(3));
  }

  @Test
  void tickerAndClockFollowVirtualTimeOnly() {
    time.advance(Duration.ofSeconds(3));
    assertEquals(3_000_000_000L, a.ticker().read());
    assertEquals(VirtualTime.EPOCH.plusSeconds(3), a.clock().instant());
  }

  @Test
  void fixedRateCatchesUpAndFixedDelayDoesNotAfterPause() {
    a.scheduleAtFixedRate(note("rate"), 0, 100, TimeUnit.MILLISECONDS);
    b.scheduleWithFixedDelay(note("delay"), 0, 100, TimeUnit.MILLISECONDS);
    time.advance(Duration.ofMillis(50));
    a.pause();
    b.pause();
    time.advance(Duration.ofMillis(300));
    assertEquals(List.of("rate@0", "delay@0"), log);
    a.resume();
    b.resume();
    time.runPending();
    // Both held-back ticks run at once, late; fixed rate then catches up (200, 300 are past due).
    assertEquals(List.of("rate@0", "delay@0", "rate@350", "delay@350", "rate@350", "rate@350"), log);
    time.advance(Duration.ofMillis(100));
    assertTrue(log.contains("delay@450"));
    assertTrue(log.contains("rate@400"));
  }

  @Test
  void cancelledTasksDoNotRun() {
    ScheduledFuture<?> f = a.schedule(note("x"), 10, TimeUnit.MILLISECONDS);
    ScheduledFuture<?> p = a.scheduleAtFixedRate(note("p"), 5, 10, TimeUnit.MILLISECONDS);
    assertTrue(f.cancel(false));
    time.advance(Duration.ofMillis(16));
    p.cancel(false);
    time.advance(Duration.ofMillis(100));
    assertEquals(List.of("p@5", "p@15"), log);
    assertTrue(f.isCancelled());
    assertFalse(f.cancel(false));
  }

  @Test
  void taskExceptionsAreRecordedAndStopPeriodicTasks() {
    int[] runs = {0};
    a.scheduleAtFixedRate(() -> {
      runs[0]++;
      throw new IllegalStateException("boom");
    }, 0, 10, TimeUnit.MILLISECONDS);
    Future<?> f = b.submit(() -> {
      throw new IllegalArgumentException("bad");
    });
    time.advance(Duration.ofMillis(100));
    assertEquals(1, runs[0]);
    assertEquals(2, time.failures().size());
    assertEquals("a", time.failures().get(0).scheduler());
    assertTrue(time.failures().get(1).error() instanceof IllegalArgumentException);
    ExecutionException e = assertThrows(ExecutionException.class, f::get);
    assertEquals("bad", e.getCause().getMessage());
  }

  @Test
  void getRunsTasksDueNowButNeverWaitsForTheFuture() throws Exception {
    Future<String> now = a.submit(() -> "done");
    assertEquals("done", now.get());
    ScheduledFuture<String> later = a.schedule(() -> "later", 1, TimeUnit.SECONDS);
    assertThrows(IllegalStateException.class, later::get);
    assertEquals(1000, later.getDelay(TimeUnit.MILLISECONDS));
    time.advance(Duration.ofSeconds(1));
    assertEquals("later", later.get());
  }

  @Test
  void pausedLaneRunsHeldTasksLateInOriginalOrderWhileOthersRunOnTime() {
    a.schedule(note("a1"), 10, TimeUnit.MILLISECONDS);
    a.schedule(note("a2"), 20, TimeUnit.MILLISECONDS);
    b.schedule(note("b"), 30, TimeUnit.MILLISECONDS);
    a.pause();
    time.advance(Duration.ofMillis(100));
    assertEquals(List.of("b@30"), log);
    assertTrue(a.isPaused());
    a.resume();
    time.runPending();
    assertEquals(List.of("b@30", "a1@100", "a2@100"), log);
  }

  @Test
  void killDropsPendingAndFutureTasksSilently() {
    a.schedule(note("x"), 10, TimeUnit.MILLISECONDS);
    a.kill();
    a.execute(note("y"));
    time.advance(Duration.ofMillis(100));
    assertEquals(List.of(), log);
    assertTrue(a.isKilled());
    assertTrue(a.isTerminated());
  }

  @Test
  void shutdownRejectsNewTasksRunsDelayedOneShotsAndCancelsPeriodic() {
    a.schedule(note("once"), 10, TimeUnit.MILLISECONDS);
    a.scheduleAtFixedRate(note("p"), 5, 10, TimeUnit.MILLISECONDS);
    time.advance(Duration.ofMillis(6));
    a.shutdown();
    assertThrows(RejectedExecutionException.class, () -> a.execute(note("z")));
    assertFalse(a.isTerminated());
    time.advance(Duration.ofMillis(100));
    assertEquals(List.of("p@5", "once@10"), log);
    assertTrue(a.isTerminated());
    assertTrue(b.shutdownNow().isEmpty());
  }

  @Test
  void shutdownNowReturnsWhatNeverRan() {
    Runnable r = note("never");
    a.schedule(r, 10, TimeUnit.MILLISECONDS);
    assertEquals(List.of(r), a.shutdownNow());
    time.advance(Duration.ofMillis(100));
    assertEquals(List.of(), log);
    assertTrue(a.isTerminated());
  }

  @Test
  void laneShorthandsDriveTheSharedClock() {
    b.schedule(note("b"), 10, TimeUnit.MILLISECONDS);
    a.advance(Duration.ofMillis(10));
    assertEquals(List.of("b@10"), log);
    a.execute(() -> {
      throw new IllegalStateException("x");
    });
    a.runPending();
    a.runUntil(20_000_000L);
    assertEquals(1, b.failures().size());
    assertEquals(20_000_000L, time.nanos());
  }

  @Test
  void rejectsBadArguments() {
    assertThrows(IllegalArgumentException.class, () -> a.scheduleAtFixedRate(note("x"), 0, 0, TimeUnit.SECONDS));
    assertThrows(IllegalArgumentException.class, () -> time.advance(Duration.ofMillis(-1)));
    time.advance(Duration.ofMillis(5));
    assertThrows(IllegalArgumentException.class, () -> time.runUntil(1));
  }

  @Test
  void reentrantRunIsRefusedAndRecorded() {
    a.execute(() -> time.advance(Duration.ofMillis(1)));
    time.runPending();
    assertEquals(1, time.failures().size());
    assertTrue(time.failures().get(0).error() instanceof IllegalStateException);
  }
}
