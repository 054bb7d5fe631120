package io.eipfailover.core.internal.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.eipfailover.core.HealthCheck;
import io.eipfailover.core.HealthChecks;
import io.eipfailover.core.HealthResult;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HttpHealthCheckTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(2);
  private final Deque<Integer> statuses = new ArrayDeque<>();
  private HttpServer server;
  private URI monitor;

  @BeforeEach
  void startServer() throws Exception {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getByAddress(new byte[] {127, 0, 0, 1}), 0), 0);
    server.createContext("/monitor", exchange -> {
      int status = statuses.isEmpty() ? 500 : statuses.removeFirst();
      byte[] body = ("status " + status).getBytes(StandardCharsets.US_ASCII);
      exchange.getResponseHeaders().add("Location", "/healthy"); // where a redirect would lead
      exchange.sendResponseHeaders(status, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    server.createContext("/healthy", exchange -> {
      exchange.sendResponseHeaders(200, -1);
      exchange.close();
    });
    server.start();
    monitor = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/monitor");
  }

  @AfterEach
  void stopServer() {
    server.stop(0);
  }

  @Test
  void twoHundredIsHealthyAndFiveOhThreeIsNot() {
    statuses.addAll(List.of(200, 503, 204, 302));
    HealthCheck check = HealthChecks.http(monitor, TIMEOUT);
    assertEquals(HealthResult.healthy("HTTP 200"), check.check());
    assertEquals(HealthResult.unhealthy("HTTP 503"), check.check());
    assertEquals(HealthResult.healthy("HTTP 204"), check.check());
    assertEquals(HealthResult.unhealthy("HTTP 302"), check.check(), "redirects are not followed");
  }

  @Test
  void onlyTwoHundredsAreHealthyAndTheStatusIsReadEvenFromAnErrorAnswer() {
    statuses.addAll(List.of(299, 300, 399, 400));
    HealthCheck check = HealthChecks.http(monitor, TIMEOUT);
    assertEquals(HealthResult.healthy("HTTP 299"), check.check());
    assertEquals(HealthResult.unhealthy("HTTP 300"), check.check(), "a redirect to /healthy is not followed");
    assertEquals(HealthResult.unhealthy("HTTP 399"), check.check());
    assertEquals(HealthResult.unhealthy("HTTP 400"), check.check(), "the error body is drained, not thrown");
  }

  @Test
  void aServerThatNeverAnswersIsUnhealthyAfterTheTimeout() throws Exception {
    try (ServerSocket silent = new ServerSocket(0, 5, InetAddress.getByAddress(new byte[] {127, 0, 0, 1}))) {
      URI uri = URI.create("http://127.0.0.1:" + silent.getLocalPort() + "/monitor");
      // accepted by the kernel, never answered: only the read time-out ends the wait
      HealthResult r = assertTimeoutPreemptively(Duration.ofSeconds(30),
          () -> HealthChecks.http(uri, Duration.ofMillis(300)).check());
      assertEquals(HealthResult.unhealthy(uri + ": SocketTimeoutException: Read timed out"), r);
    }
  }

  @Test
  void aMissingPathIsUnhealthy() {
    HealthResult r = HealthChecks.http(monitor.resolve("/nothing-here"), TIMEOUT).check();
    assertEquals(HealthResult.unhealthy("HTTP 404"), r);
  }

  @Test
  void aRefusedConnectionIsUnhealthyWithTheExceptionText() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByAddress(new byte[] {127, 0, 0, 1}))) {
      port = s.getLocalPort();
    }
    URI closed = URI.create("http://127.0.0.1:" + port + "/monitor");
    HealthResult r = HealthChecks.http(closed, TIMEOUT).check();
    assertFalse(r.healthy());
    assertTrue(r.detail().startsWith(closed + ": ConnectException"), r.detail());
  }

  @Test
  void namesItself() {
    assertEquals("http(" + monitor + ", PT2S)", HealthChecks.http(monitor, TIMEOUT).toString());
  }

  @Test
  void rejectsBadUrisAndTimeouts() {
    NullPointerException npe = assertThrows(NullPointerException.class, () -> HealthChecks.http(null, TIMEOUT));
    assertEquals("uri must not be null", npe.getMessage());
    for (String bad : List.of("/monitor", "ftp://127.0.0.1/x", "http:///nohost", "mailto:a@b")) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> HealthChecks.http(URI.create(bad), TIMEOUT));
      assertEquals("uri must be an absolute http:// or https:// URI with a host, was '" + bad + "'", e.getMessage());
    }
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> HealthChecks.http(monitor, Duration.ZERO));
    assertEquals("timeout must be between PT0.001S and PT1M, was PT0S", e.getMessage());
  }
}
