package io.eipfailover.examples.e2e;

import static io.eipfailover.examples.e2e.Stage.EIP1;
import static io.eipfailover.examples.e2e.Stage.EIP2;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The end-to-end suite of issue 8 (see {@code examples/e2e/README.md}): each case builds a fresh
 * {@link Stage} (network namespaces, HAProxy, agents, EC2 fake, client), injects one fault, checks
 * what must hold and records its measurements in the summary written at the end. Needs root, {@code
 * ip netns}, HAProxy, iptables and node; skipped with a message otherwise. Run with {@code
 * ./mvnw -B -pl examples -Pe2e verify} (as root).
 */
@Tag("e2e")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EndToEndTest {
  private static final String PUB1 = Stage.PUBLIC_IPS.get(EIP1);
  private static final String PUB2 = Stage.PUBLIC_IPS.get(EIP2);

  @BeforeAll
  static void requireTools() {
    E2eRequirements.assumeMet();
  }

  @AfterAll
  static void writeSummary() throws Exception {
    Summary.write(Stage.buildDir().resolve("e2e-summary.md"));
  }

  @Test
  @Order(1)
  void killNineOfAnAgentMovesItsEipAndFailBackLosesNoRequest() throws Exception {
    try (Stage s = Stage.up(Stage.Options.defaults())) {
      CaseRun run = CaseRun.begin(s, "1 kill -9 of lb1's agent, restart", 60);
      long killed = System.currentTimeMillis();
      s.agent("lb1").signal("KILL");
      long moved = s.awaitHolder(EIP1, "lb2", Duration.ofSeconds(20));
      Sh.sleep(1000);
      long restarted = System.currentTimeMillis();
      s.startAgent("lb1");
      long home = s.awaitHolder(EIP1, "lb1", Duration.ofSeconds(40));
      Sh.sleep(1500);
      CaseRun.Result r = run.finish("EIP1 on lb2 " + (moved - killed) + " ms after the kill; home again "
          + (home - restarted) + " ms after the restart (JVM start + start-up grace + fail-back delay)");
      assertEquals(2, r.movesEip1(), "EIP1 moves (away and home): " + r.moves());
      assertEquals(0, r.movesEip2(), "EIP2 must not move: " + r.moves());
      assertEquals(0, r.log().failuresSince(PUB1, restarted), "requests lost on the way back: " + r.eip1().failures());
      assertTrue(r.eip1().outageMillis() < 5000, "EIP1 outage bounded by detection + API time: " + r.eip1());
      assertEquals(0, r.eip2().failed(), "EIP2 untouched: " + r.eip2().failures());
    }
  }
}
