package io.eipfailover.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** Every rejection of {@link FailoverConfigBuilder}, with the setting and the bad value named. */
class FailoverConfigBuilderTest {
  private static void rejects(String expectedMessage, Consumer<FailoverConfigBuilder> setting) {
    Exception e = assertThrows(RuntimeException.class, () -> setting.accept(FailoverConfig.builder()));
    assertEquals(expectedMessage, e.getMessage());
  }

  @Test
  void rejectsMissingDurations() {
    rejects("healthCheckInterval must not be null", b -> b.healthCheckInterval(null));
    rejects("resyncInterval must not be null", b -> b.resyncInterval(null));
    rejects("detectionDeadline must not be null", b -> b.detectionDeadline(null));
    rejects("confirmDelay must not be null", b -> b.confirmDelay(null));
    rejects("inFlightTimeout must not be null", b -> b.inFlightTimeout(null));
    rejects("initialBackoff must not be null", b -> b.initialBackoff(null));
    rejects("maxBackoff must not be null", b -> b.maxBackoff(null));
    rejects("holdTime must not be null", b -> b.holdTime(null));
    rejects("startupGrace must not be null", b -> b.startupGrace(null));
    rejects("guardTimeout must not be null", b -> b.guardTimeout(null));
    rejects("callTimeout must not be null", b -> b.callTimeout(null));
    rejects("throttleRecovery must not be null", b -> b.throttleRecovery(null));
  }

  @Test
  void rejectsZeroAndNegativePeriods() {
    rejects("healthCheckInterval must be > 0, was PT0S", b -> b.healthCheckInterval(Duration.ZERO));
    rejects("resyncInterval must be > 0, was PT-1S", b -> b.resyncInterval(Duration.ofSeconds(-1)));
    rejects("detectionDeadline must be > 0, was PT0S", b -> b.detectionDeadline(Duration.ZERO));
    rejects("confirmDelay must be > 0, was PT0S", b -> b.confirmDelay(Duration.ZERO));
    rejects("inFlightTimeout must be > 0, was PT-0.001S", b -> b.inFlightTimeout(Duration.ofMillis(-1)));
    rejects("initialBackoff must be > 0, was PT0S", b -> b.initialBackoff(Duration.ZERO));
    rejects("maxBackoff must be > 0, was PT0S", b -> b.maxBackoff(Duration.ZERO));
    rejects("holdTime must be > 0, was PT0S", b -> b.holdTime(Duration.ZERO));
    rejects("startupGrace must be >= 0, was PT-1S", b -> b.startupGrace(Duration.ofSeconds(-1)));
    rejects("guardTimeout must be > 0, was PT0S", b -> b.guardTimeout(Duration.ZERO));
    rejects("callTimeout must be > 0, was PT-1S", b -> b.callTimeout(Duration.ofSeconds(-1)));
    rejects("throttleRecovery must be > 0, was PT0S", b -> b.throttleRecovery(Duration.ZERO));
  }

  @Test
  void rejectsBadCounts() {
    rejects("toleratedFailures must be >= 0, was -1", b -> b.toleratedFailures(-1));
    rejects("apiBurst must be > 0, was 0", b -> b.apiBurst(0));
    rejects("apiCallsPerSecond must be > 0 and finite, was 0.0", b -> b.apiCallsPerSecond(0));
    rejects("apiCallsPerSecond must be > 0 and finite, was NaN", b -> b.apiCallsPerSecond(Double.NaN));
    rejects("apiCallsPerSecond must be > 0 and finite, was Infinity",
        b -> b.apiCallsPerSecond(Double.POSITIVE_INFINITY));
    rejects("resyncNodesPerInterval must be > 0, was 0", b -> b.resyncNodesPerInterval(0));
  }

  @Test
  void largeClustersResyncLessOftenPerNodeSoTheClusterTotalStaysTheSame() {
    FailoverConfig d = FailoverConfig.defaults();
    assertEquals(Duration.ofSeconds(30), d.effectiveResyncInterval(2));
    assertEquals(Duration.ofSeconds(30), d.effectiveResyncInterval(30));
    assertEquals(Duration.ofSeconds(64), d.effectiveResyncInterval(64), "64 nodes: 64 describes per 64 s");
    FailoverConfig c = d.toBuilder().resyncInterval(Duration.ofSeconds(10)).resyncNodesPerInterval(4).build();
    assertEquals(Duration.ofSeconds(10), c.effectiveResyncInterval(4));
    assertEquals(Duration.ofSeconds(25), c.effectiveResyncInterval(10));
  }

  @Test
  void rejectsContradictoryCombinationsAtBuild() {
    rejects("maxBackoff must be >= initialBackoff (PT2S), was PT1S",
        b -> b.initialBackoff(Duration.ofSeconds(2)).maxBackoff(Duration.ofSeconds(1)).build());
    rejects("inFlightTimeout must be longer than confirmDelay (PT1S), was PT1S",
        b -> b.confirmDelay(Duration.ofSeconds(1)).inFlightTimeout(Duration.ofSeconds(1)).build());
  }

  @Test
  void acceptsTheEdgesOfEachRange() {
    FailoverConfig c = FailoverConfig.builder().startupGrace(Duration.ZERO).toleratedFailures(0).apiBurst(1)
        .apiCallsPerSecond(Double.MIN_VALUE).initialBackoff(Duration.ofSeconds(1)).maxBackoff(Duration.ofSeconds(1))
        .build();
    assertEquals(Duration.ZERO, c.startupGrace());
    assertEquals(OptionalInt.of(0), c.toleratedFailures());
    assertEquals(1, c.apiBurst());
  }

  @Test
  void defaultsAreTheDocumentedValues() {
    FailoverConfig d = FailoverConfig.defaults();
    assertEquals(false, d.dryRun());
    assertEquals(OptionalInt.empty(), d.toleratedFailures());
    assertEquals(Duration.ofSeconds(1), d.healthCheckInterval());
    assertEquals(Duration.ofSeconds(30), d.resyncInterval());
    assertEquals(Duration.ofSeconds(1), d.detectionDeadline());
    assertEquals(Duration.ofMillis(500), d.confirmDelay());
    assertEquals(Duration.ofSeconds(10), d.inFlightTimeout());
    assertEquals(Duration.ofMillis(250), d.initialBackoff());
    assertEquals(Duration.ofSeconds(10), d.maxBackoff());
    assertEquals(Duration.ofSeconds(30), d.holdTime());
    assertEquals(Duration.ofSeconds(2), d.startupGrace());
    assertEquals(20, d.apiBurst());
    assertEquals(5.0, d.apiCallsPerSecond());
    assertEquals(Duration.ofSeconds(20), d.throttleRecovery());
    assertEquals(30, d.resyncNodesPerInterval());
    assertEquals(Duration.ofSeconds(5), d.guardTimeout());
    assertEquals(Duration.ofSeconds(15), d.callTimeout());
  }

  @Test
  void toBuilderCopiesEveryValueAndEqualityComparesThemAll() {
    FailoverConfig c = FailoverConfig.builder().dryRun(true).toleratedFailures(2)
        .healthCheckInterval(Duration.ofMillis(300)).resyncInterval(Duration.ofSeconds(7))
        .detectionDeadline(Duration.ofMillis(800)).confirmDelay(Duration.ofMillis(200))
        .inFlightTimeout(Duration.ofSeconds(3)).initialBackoff(Duration.ofMillis(50)).maxBackoff(Duration.ofSeconds(4))
        .holdTime(Duration.ofSeconds(11)).startupGrace(Duration.ofSeconds(5)).apiBurst(7).apiCallsPerSecond(1.5)
        .guardTimeout(Duration.ofSeconds(2)).callTimeout(Duration.ofSeconds(3)).throttleRecovery(Duration.ofSeconds(9))
        .resyncNodesPerInterval(12).build();
    assertEquals(c, c.toBuilder().build());
    assertEquals(c.hashCode(), c.toBuilder().build().hashCode());
    assertEquals(c.toString(), c.toBuilder().build().toString());
    List<UnaryOperator<FailoverConfigBuilder>> eachChanged = List.of(b -> b.dryRun(false), b -> b.toleratedFailures(1),
        b -> b.healthCheckInterval(Duration.ofMillis(301)), b -> b.resyncInterval(Duration.ofSeconds(8)),
        b -> b.detectionDeadline(Duration.ofMillis(801)), b -> b.confirmDelay(Duration.ofMillis(201)),
        b -> b.inFlightTimeout(Duration.ofSeconds(4)), b -> b.initialBackoff(Duration.ofMillis(51)),
        b -> b.maxBackoff(Duration.ofSeconds(5)), b -> b.holdTime(Duration.ofSeconds(12)),
        b -> b.startupGrace(Duration.ofSeconds(6)), b -> b.apiBurst(8), b -> b.apiCallsPerSecond(1.6),
        b -> b.guardTimeout(Duration.ofSeconds(3)), b -> b.callTimeout(Duration.ofSeconds(4)),
        b -> b.throttleRecovery(Duration.ofSeconds(10)), b -> b.resyncNodesPerInterval(13));
    for (UnaryOperator<FailoverConfigBuilder> change : eachChanged) {
      FailoverConfig other = change.apply(c.toBuilder()).build();
      assertNotEquals(c, other);
      assertNotEquals(c.toString(), other.toString());
    }
  }
}
