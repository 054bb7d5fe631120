package io.eipfailover.core.internal.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.eipfailover.core.HealthChecks;
import io.eipfailover.core.HealthResult;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the check against a Unix-domain server in a temp dir that answers like HAProxy's CLI. */
class HaproxySocketHealthCheckTest {
  private static final String SHOW_INFO = "Name: HAProxy\nVersion: 2.8.5\nRelease_date: 2023/12/07\n"
      + "Nbthread: 2\nPid: 4242\nUptime: 0d 0h01m02s\nUptime_sec: 62\nCurrConns: 3\n\n";

  @TempDir Path dir;
  private ServerSocketChannel server;
  private CompletableFuture<String> received;

  @AfterEach
  void close() throws IOException {
    if (server != null) {
      server.close();
    }
  }

  /** Serves one connection: reads the command line, then (unless reply is null) answers and closes. */
  private Path serve(String reply) throws IOException {
    return serve(reply, false);
  }

  /** As {@link #serve(String)}; with {@code holdOpen} the connection stays open after the answer. */
  private Path serve(String reply, boolean holdOpen) throws IOException {
    Path socket = dir.resolve("haproxy.sock");
    server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
    server.bind(UnixDomainSocketAddress.of(socket));
    received = CompletableFuture.supplyAsync(() -> {
      try (SocketChannel client = server.accept()) {
        ByteBuffer in = ByteBuffer.allocate(256);
        while (in.position() == 0 || in.get(in.position() - 1) != '\n') {
          if (client.read(in) < 0) {
            break;
          }
        }
        String command = new String(in.array(), 0, in.position(), StandardCharsets.US_ASCII);
        if (reply == null) {
          client.read(ByteBuffer.allocate(1)); // hold the connection open until the check gives up
          return command;
        }
        client.write(ByteBuffer.wrap(reply.getBytes(StandardCharsets.UTF_8)));
        if (holdOpen) {
          client.read(ByteBuffer.allocate(1)); // until the check closes its end
        }
        return command;
      } catch (IOException e) {
        return "server failed: " + e;
      }
    });
    return socket;
  }

  @Test
  void healthyWhenHaproxyAnswersShowInfoAndReportsUptime() throws Exception {
    Path socket = serve(SHOW_INFO);
    HealthResult r = HealthChecks.haproxySocket(socket, Duration.ofSeconds(5)).check();
    assertEquals(HealthResult.healthy("HAProxy answered on " + socket + " (Uptime: 0d 0h01m02s)"), r);
    assertEquals("show info\n", received.get(5, TimeUnit.SECONDS));
  }

  @Test
  void unhealthyWhenSomethingElseAnswers() throws Exception {
    Path socket = serve("Unknown command. Please enter one of the following commands only :\n  help\n");
    HealthResult r = HealthChecks.haproxySocket(socket, Duration.ofSeconds(5)).check();
    assertEquals(HealthResult.unhealthy("unexpected answer to 'show info' on " + socket
        + ": 'Unknown command. Please enter one of the following commands only :'"), r);
  }

  @Test
  void anAnswerOfMoreThan64KiBEndsTheReadWithoutWaitingForTheClose() throws Exception {
    Path socket = serve(SHOW_INFO + "x".repeat(70_000), true);
    HealthResult r = HealthChecks.haproxySocket(socket, Duration.ofSeconds(20)).check();
    assertEquals(HealthResult.healthy("HAProxy answered on " + socket + " (Uptime: 0d 0h01m02s)"), r,
        "the first 64 KiB are enough; the connection is still open");
  }

  @Test
  void anUnexpectedFirstLineOf80CharactersIsShownWhole() throws Exception {
    String line = "y".repeat(80);
    Path socket = serve(line + "\nmore\n");
    HealthResult r = HealthChecks.haproxySocket(socket, Duration.ofSeconds(5)).check();
    assertEquals(HealthResult.unhealthy("unexpected answer to 'show info' on " + socket + ": '" + line + "'"), r);
  }

  @Test
  void anUnexpectedFirstLineLongerThan80CharactersIsCut() throws Exception {
    Path socket = serve("z".repeat(81) + "\n");
    HealthResult r = HealthChecks.haproxySocket(socket, Duration.ofSeconds(5)).check();
    assertEquals(HealthResult.unhealthy("unexpected answer to 'show info' on " + socket + ": '" + "z".repeat(80)
        + "...'"), r);
  }

  @Test
  void unhealthyWhenTheAnswerDoesNotCompleteWithinTheTimeout() throws Exception {
    Path socket = serve(null);
    long start = System.nanoTime();
    HealthResult r = HealthChecks.haproxySocket(socket, Duration.ofMillis(200)).check();
    long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    assertEquals(HealthResult.unhealthy("no complete answer to 'show info' on " + socket + " within PT0.2S"), r);
    assertTrue(tookMillis >= 150 && tookMillis < 5_000, "the time-out is real, took " + tookMillis + " ms");
  }

  @Test
  void unhealthyWhenTheSocketDoesNotExist() {
    Path missing = dir.resolve("missing.sock");
    HealthResult r = HealthChecks.haproxySocket(missing, Duration.ofSeconds(1)).check();
    assertFalse(r.healthy());
    assertTrue(r.detail().startsWith(missing + ": "), r.detail());
  }

  @Test
  void namesItselfAndRejectsBadArguments() {
    Path p = Path.of("/run/haproxy/admin.sock");
    assertEquals("haproxySocket(/run/haproxy/admin.sock, PT1S)", HealthChecks.haproxySocket(p, Duration.ofSeconds(1)).toString());
    assertEquals("socket must not be null",
        assertThrows(NullPointerException.class, () -> HealthChecks.haproxySocket(null, Duration.ofSeconds(1))).getMessage());
    assertEquals("timeout must be between PT0.001S and PT1M, was PT0S",
        assertThrows(IllegalArgumentException.class, () -> HealthChecks.haproxySocket(p, Duration.ZERO)).getMessage());
  }
}
