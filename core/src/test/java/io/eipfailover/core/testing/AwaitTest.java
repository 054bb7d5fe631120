package io.eipfailover.core.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.ConcurrentModificationException;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AwaitTest {
  private String savedScale;

  @BeforeEach
  void saveScale() {
    savedScale = System.getProperty(Await.TIME_SCALE_PROPERTY);
    System.clearProperty(Await.TIME_SCALE_PROPERTY);
  }

  @AfterEach
  void restoreScale() {
    if (savedScale == null) {
      System.clearProperty(Await.TIME_SCALE_PROPERTY);
    } else {
      System.setProperty(Await.TIME_SCALE_PROPERTY, savedScale);
    }
  }

  @Test
  void returnsTheFirstValueThatSatisfiesTheCondition() {
    AtomicInteger calls = new AtomicInteger();
    int value = Await.value("the third call", Duration.ofSeconds(30), calls::incrementAndGet, v -> v >= 3);
    assertEquals(3, value);
  }

  @Test
  void aTimeoutNamesWhatWasAwaitedAndRendersTheLastValueOnceAtFailure() {
    AtomicInteger renders = new AtomicInteger();
    AtomicInteger probes = new AtomicInteger();
    Object value = new Object() {
      @Override
      public String toString() {
        return "rendered #" + renders.incrementAndGet() + " after " + probes.get() + " probes";
      }
    };
    AssertionError e = assertThrows(AssertionError.class, () -> Await.value("a condition that never holds",
        Duration.ofMillis(50), () -> {
          probes.incrementAndGet();
          return value;
        }, v -> false));
    assertEquals(1, renders.get(), "rendered exactly once, at failure");
    assertTrue(probes.get() >= 2, "polled more than once: " + probes.get());
    assertTrue(e.getMessage().startsWith("a condition that never holds: not within PT0.05S; last observed: rendered #1"),
        e.getMessage());
  }

  @Test
  void aValueThatCannotBeRenderedStillGivesTheTimeout() {
    List<Integer> list = new ArrayList<>(List.of(1, 2, 3));
    List<Integer> view = list.subList(0, 2);
    list.add(4); // the view is now stale: rendering it throws, as a list another thread appends to can
    AssertionError e = assertThrows(AssertionError.class,
        () -> Await.until("stale view", Duration.ofMillis(20), () -> false, () -> view));
    assertTrue(e.getMessage().contains("stale view: not within PT0.02S; last observed: (could not be shown: "
        + ConcurrentModificationException.class.getName()), e.getMessage());
  }

  @Test
  void theObservedValueOfABooleanWaitIsOnlyComputedOnFailure() {
    AtomicInteger described = new AtomicInteger();
    Await.until("already true", Duration.ofSeconds(30), () -> true, described::incrementAndGet);
    assertEquals(0, described.get());
  }

  @Test
  void theTimeScaleMultipliesEveryTimeoutAndIsShownInTheMessage() {
    System.setProperty(Await.TIME_SCALE_PROPERTY, "2.5");
    assertEquals(2.5, Await.timeScale());
    assertEquals(Duration.ofSeconds(25), Await.scaled(Duration.ofSeconds(10)));
    AssertionError e = assertThrows(AssertionError.class,
        () -> Await.until("never", Duration.ofMillis(20), () -> false));
    assertTrue(e.getMessage().startsWith("never: not within PT0.05S (PT0.02S × eip.test.timeScale)"), e.getMessage());
  }

  @Test
  void withoutThePropertyTheScaleIsOne() {
    assertEquals(1.0, Await.timeScale());
    assertEquals(Duration.ofMillis(1500), Await.scaled(Duration.ofMillis(1500)));
  }

  @Test
  void aBadTimeScaleIsRejectedNamingThePropertyAndTheValue() {
    for (String bad : List.of("fast", "0", "-1", "NaN", "Infinity")) {
      System.setProperty(Await.TIME_SCALE_PROPERTY, bad);
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, Await::timeScale, bad);
      assertEquals("eip.test.timeScale must be a number > 0, was '" + bad + "'", e.getMessage());
    }
  }

  @Test
  void aTimeoutMustBePositive() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Await.until("x", Duration.ZERO, () -> true));
    assertEquals("timeout must be > 0, was PT0S", e.getMessage());
  }
}
