package io.eipfailover.core.internal.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.eipfailover.core.HealthChecks;
import io.eipfailover.core.HealthResult;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class TcpHealthCheckTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(2);

  private static InetAddress loopback() throws Exception {
    return InetAddress.getByAddress(new byte[] {127, 0, 0, 1});
  }

  @Test
  void aListeningServiceIsHealthy() throws Exception {
    try (ServerSocket s = new ServerSocket(0, 50, loopback())) {
      HealthResult r = HealthChecks.tcp(new InetSocketAddress(loopback(), s.getLocalPort()), TIMEOUT).check();
      assertEquals(HealthResult.healthy("connected to 127.0.0.1:" + s.getLocalPort()), r);
    }
  }

  @Test
  void aClosedPortIsUnhealthy() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, loopback())) {
      port = s.getLocalPort();
    }
    HealthResult r = HealthChecks.tcp(new InetSocketAddress(loopback(), port), TIMEOUT).check();
    assertFalse(r.healthy());
    assertTrue(r.detail().startsWith("127.0.0.1:" + port + ": ConnectException"), r.detail());
  }

  @Test
  void namesItselfAndRejectsBadArguments() {
    InetSocketAddress a = InetSocketAddress.createUnresolved("127.0.0.1", 80);
    assertEquals("tcp(127.0.0.1:80, PT2S)", HealthChecks.tcp(a, TIMEOUT).toString());
    assertEquals("address must not be null",
        assertThrows(NullPointerException.class, () -> HealthChecks.tcp(null, TIMEOUT)).getMessage());
    assertEquals("timeout must be between PT0.001S and PT1M, was PT-1S",
        assertThrows(IllegalArgumentException.class, () -> HealthChecks.tcp(a, Duration.ofSeconds(-1))).getMessage());
  }

  @Test
  void alwaysHealthyIsHealthy() {
    assertTrue(HealthChecks.alwaysHealthy().check().healthy());
    assertEquals("alwaysHealthy()", HealthChecks.alwaysHealthy().toString());
  }
}
