package io.eipfailover.examples.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Runs the README's demo exactly as a user would see it, in this JVM (node lb-a in a child JVM). */
class LocalDemoTest {
  @Test
  @Timeout(90)
  void pairTakesOverFailsBackAndHandsOffWithoutAGap() throws Exception {
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(buffer, true, StandardCharsets.UTF_8);
    LocalDemo.Result r = LocalDemo.run(new String[0], out, d -> Thread.sleep(d.toMillis()));
    String text = buffer.toString(StandardCharsets.UTF_8);
    System.out.println(text);
    assertTrue(r.takeover(), text);
    assertTrue(r.failback(), text);
    assertTrue(r.handoff(), text);
    assertTrue(r.gapFree(), text);
    assertTrue(r.ok(), text);
    assertTrue(text.contains("203.0.113.10 moved lb-a -> lb-b: failover "), text);
    assertTrue(text.contains("DEMO OK"), text);
    // generous bound: detection (crash fast path or 1 s deadtime) + one EC2 call on loopback
    assertTrue(r.failoverTime().orElseThrow().compareTo(Duration.ofSeconds(10)) < 0, text);
  }

  @Test
  void rejectsBadOptionsNamingThem() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DemoOptions.parse(new String[] {"--nodes", "9"}));
    assertTrue(e.getMessage().contains("--nodes") && e.getMessage().contains("'9'"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> DemoOptions.parse(new String[] {"--membership", "tcp"}));
    assertTrue(e.getMessage().contains("'tcp'"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> DemoOptions.parse(new String[] {"--fast"}));
    assertTrue(e.getMessage().contains("'--fast'"), e.getMessage());
    assertEquals(3, DemoOptions.parse(new String[] {"--nodes", "3"}).nodes());
  }
}
