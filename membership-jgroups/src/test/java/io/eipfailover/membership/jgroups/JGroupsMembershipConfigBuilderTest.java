package io.eipfailover.membership.jgroups;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class JGroupsMembershipConfigBuilderTest {
  private static void rejects(String expected, Executable call) {
    assertEquals(expected, assertThrows(IllegalArgumentException.class, call).getMessage());
  }

  private static JGroupsMembershipConfigBuilder b() {
    return JGroupsMembershipConfig.builder();
  }

  @Test
  void rejectsEveryBadValueNamingTheSettingAndTheValue() {
    rejects("heartbeat interval must be shorter than timeout (PT0.5S), was PT0.5S",
        () -> b().heartbeat(Duration.ofMillis(500), Duration.ofMillis(500)));
    rejects("heartbeat interval must be > 0, was PT0S", () -> b().heartbeat(Duration.ZERO, Duration.ofSeconds(1)));
    rejects("heartbeat timeout must be > 0, was PT0S", () -> b().heartbeat(Duration.ofMillis(5), Duration.ZERO));
    rejects("suspectVerifyTimeout must be > 0, was PT-1S", () -> b().suspectVerifyTimeout(Duration.ofSeconds(-1)));
    rejects("mergeInterval max must be longer than min (PT2S), was PT1S",
        () -> b().mergeInterval(Duration.ofSeconds(2), Duration.ofSeconds(1)));
    rejects("mergeInterval min must be > 0, was PT0S", () -> b().mergeInterval(Duration.ZERO, Duration.ofSeconds(1)));
    rejects("joinTimeout must be > 0, was PT0S", () -> b().joinTimeout(Duration.ZERO));
    rejects("announceInterval must be > 0, was PT0S", () -> b().announceInterval(Duration.ZERO));
    rejects("configMismatchReportInterval must be > 0, was PT0S", () -> b().configMismatchReportInterval(Duration.ZERO));
    assertEquals("joinTimeout must not be null",
        assertThrows(NullPointerException.class, () -> b().joinTimeout(null)).getMessage());
  }

  @Test
  void defaultsAreTheDocumentedOnesAndToBuilderRoundTrips() {
    JGroupsMembershipConfig d = JGroupsMembershipConfig.defaults();
    assertEquals(Duration.ofMillis(150), d.heartbeatInterval());
    assertEquals(Duration.ofMillis(600), d.heartbeatTimeout());
    assertEquals(Duration.ofMillis(250), d.suspectVerifyTimeout());
    assertEquals(Duration.ofSeconds(1), d.mergeMinInterval());
    assertEquals(Duration.ofSeconds(3), d.mergeMaxInterval());
    assertEquals(Duration.ofSeconds(2), d.joinTimeout());
    assertEquals(Duration.ofSeconds(1), d.announceInterval());
    assertEquals(Duration.ofMinutes(1), d.configMismatchReportInterval());

    JGroupsMembershipConfig tuned = d.toBuilder().joinTimeout(Duration.ofMillis(700)).build();
    assertEquals(tuned, tuned.toBuilder().build());
    assertEquals(tuned.hashCode(), tuned.toBuilder().build().hashCode());
    assertNotEquals(d, tuned);
    assertEquals(Duration.ofMillis(700), tuned.joinTimeout());
    assertEquals(d.heartbeatInterval(), tuned.heartbeatInterval(), "toBuilder keeps every other value");
  }

  @Test
  void namesTheFirstChangedDefaultStackTimingOnly() {
    assertEquals(Optional.empty(), JGroupsMembershipConfig.defaults().changedStackTiming());
    assertEquals(Optional.empty(), b().announceInterval(Duration.ofMillis(300)).build().changedStackTiming());
    assertEquals(Optional.of("suspectVerifyTimeout"),
        b().suspectVerifyTimeout(Duration.ofMillis(300)).build().changedStackTiming());
    assertEquals(Optional.of("mergeInterval"),
        b().mergeInterval(Duration.ofSeconds(1), Duration.ofSeconds(4)).build().changedStackTiming());
    assertEquals(Optional.of("joinTimeout"), b().joinTimeout(Duration.ofSeconds(5)).build().changedStackTiming());
  }
}
