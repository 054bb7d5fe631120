package io.eipfailover.core.runtime;

import io.eipfailover.core.testing.Await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.eipfailover.core.NodeId;
import io.eipfailover.core.runtime.Lifecycle.State;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class LifecycleTest {
  private static final Duration WAIT = Duration.ofSeconds(20);

  private static final NodeId A = NodeId.of("a");

  /** A component that records what its lifecycle ran, and lets a test hold or fail an action. */
  private static final class Component {
    final List<String> calls = new CopyOnWriteArrayList<>();
    final CountDownLatch releaseStart = new CountDownLatch(1);
    final CountDownLatch releaseStop = new CountDownLatch(1);
    volatile boolean holdStart;
    volatile boolean holdStop;
    volatile RuntimeException startFailure;
    volatile RuntimeException stopFailure;
    volatile Runnable duringStart = () -> { };
    volatile Runnable duringStop = () -> { };
    final Lifecycle lifecycle = new Lifecycle(A, "test component", this::startUp, this::shutDown);

    private void startUp() {
      calls.add("startUp");
      duringStart.run();
      await(holdStart, releaseStart);
      if (startFailure != null) {
        throw startFailure;
      }
    }

    private void shutDown() {
      calls.add("shutDown");
      duringStop.run();
      await(holdStop, releaseStop);
      if (stopFailure != null) {
        throw stopFailure;
      }
    }

    private static void await(boolean hold, CountDownLatch latch) {
      try {
        if (hold && !latch.await(30, TimeUnit.SECONDS)) {
          throw new AssertionError("test never released the action");
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  @Test
  void startsOnceAndClosesOnce() {
    Component c = new Component();
    assertEquals(State.NEW, c.lifecycle.state());
    c.lifecycle.start();
    assertEquals(State.RUNNING, c.lifecycle.state());
    assertTrue(c.lifecycle.isRunning());

    IllegalStateException again = assertThrows(IllegalStateException.class, c.lifecycle::start);
    assertEquals("test component of a can be started once; it is already started", again.getMessage());

    c.lifecycle.close();
    c.lifecycle.close();
    assertEquals(State.CLOSED, c.lifecycle.state());
    assertEquals(List.of("startUp", "shutDown"), c.calls);
    IllegalStateException afterClose = assertThrows(IllegalStateException.class, c.lifecycle::start);
    assertEquals("test component of a can be started once; it is closed", afterClose.getMessage());
  }

  @Test
  void closeBeforeStartRunsShutDownOnlyAndForbidsStart() {
    Component c = new Component();
    c.lifecycle.close();
    assertEquals(State.CLOSED, c.lifecycle.state());
    assertEquals(List.of("shutDown"), c.calls, "shutDown releases what the constructor made");
    assertThrows(IllegalStateException.class, c.lifecycle::start);
    assertEquals(List.of("shutDown"), c.calls);
  }

  @Test
  void failedStartUpIsCleanedUpAndRethrown() {
    Component c = new Component();
    c.startFailure = new QuietFailure("port in use");
    IllegalStateException e = assertThrows(QuietFailure.class, c.lifecycle::start);
    assertSame(c.startFailure, e);
    assertEquals(State.CLOSED, c.lifecycle.state());
    assertEquals(List.of("startUp", "shutDown"), c.calls);
    c.lifecycle.close();
    assertEquals(List.of("startUp", "shutDown"), c.calls, "the later close has nothing left to do");
  }

  @Test
  void failingShutDownIsLoggedAndStillEndsClosed() {
    Component c = new Component();
    c.stopFailure = new QuietFailure("socket would not close");
    c.lifecycle.start();
    c.lifecycle.close();
    assertEquals(State.CLOSED, c.lifecycle.state());
    c.lifecycle.close();
    assertEquals(List.of("startUp", "shutDown"), c.calls);
  }

  @Test
  void concurrentClosesRunShutDownOnceAndAllReturnAfterIt() throws Exception {
    Component c = new Component();
    c.holdStop = true;
    c.lifecycle.start();
    Thread first = new Thread(c.lifecycle::close, "closer-0");
    first.start();
    Await.until("the first close runs shutDown", WAIT, () -> c.lifecycle.state() == State.STOPPING);
    List<Thread> others = new ArrayList<>();
    for (int i = 1; i <= 3; i++) {
      Thread t = new Thread(c.lifecycle::close, "closer-" + i);
      others.add(t);
      t.start();
    }
    for (Thread t : others) {
      awaitBlocked(t); // each later close waits for the first one's shutDown
      assertTrue(t.isAlive());
    }
    c.releaseStop.countDown();
    first.join(30_000);
    for (Thread t : others) {
      t.join(30_000);
      assertTrue(!t.isAlive(), t.getName() + " returned");
    }
    assertEquals(State.CLOSED, c.lifecycle.state());
    assertEquals(List.of("startUp", "shutDown"), c.calls);
  }

  @Test
  void closeDuringStartWaitsForStartUpThenShutsDown() throws Exception {
    Component c = new Component();
    c.holdStart = true;
    Thread starter = new Thread(c.lifecycle::start, "starter");
    starter.start();
    Await.until("startUp runs", WAIT, () -> c.lifecycle.state() == State.STARTING);
    Thread closer = new Thread(c.lifecycle::close, "closer");
    closer.start();
    awaitBlocked(closer);
    assertEquals(State.STARTING, c.lifecycle.state(), "close never interrupts a running startUp");
    c.releaseStart.countDown();
    closer.join(30_000);
    starter.join(30_000);
    assertTrue(!closer.isAlive() && !starter.isAlive());
    assertEquals(State.CLOSED, c.lifecycle.state());
    assertEquals(List.of("startUp", "shutDown"), c.calls);
  }

  @Test
  void closeFromInsideStartUpEndsClosedWithoutDeadlock() {
    Component c = new Component();
    c.duringStart = c.lifecycle::close;
    c.lifecycle.start();
    assertEquals(State.CLOSED, c.lifecycle.state());
    assertEquals(List.of("startUp", "shutDown"), c.calls);
  }

  @Test
  void closeFromInsideShutDownReturnsAtOnce() {
    Component c = new Component();
    c.duringStop = c.lifecycle::close;
    c.lifecycle.start();
    c.lifecycle.close();
    assertEquals(State.CLOSED, c.lifecycle.state());
    assertEquals(List.of("startUp", "shutDown"), c.calls);
  }

  @Test
  void rejectsMissingActionsByName() {
    NullPointerException e = assertThrows(NullPointerException.class, () -> new Lifecycle(A, "x", null, () -> { }));
    assertEquals("startUp must not be null", e.getMessage());
  }

  /** Until {@code thread} blocks (waits on a monitor or a lock), i.e. is parked by the code under test. */
  private static void awaitBlocked(Thread thread) {
    Await.until(thread.getName() + " waits", WAIT, () -> thread.getState() == Thread.State.WAITING
        || thread.getState() == Thread.State.TIMED_WAITING || thread.getState() == Thread.State.BLOCKED, thread::getState);
  }
}
