package io.eipfailover.examples.agent.status;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent's local status endpoint on {@code 127.0.0.1} only (it is not authenticated, so it is
 * never exposed beyond the host): {@code GET /status} answers the status snapshot as JSON, {@code
 * GET /metrics} the Prometheus text format, {@code GET /healthz} {@code ok}. Anything else is 404,
 * any method but GET/HEAD 405.
 *
 * <p>Lifecycle: {@link #start} binds and serves on one daemon thread created here; {@link #close()}
 * stops it (idempotent). Thread-safe; the suppliers are called on the server thread.
 */
public final class StatusServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(StatusServer.class);

  private final HttpServer server;
  private final ExecutorService executor;
  private final String node;

  private StatusServer(HttpServer server, ExecutorService executor, String node) {
    this.server = server;
    this.executor = executor;
    this.node = node;
  }

  /**
   * Binds {@code 127.0.0.1:port} (0 picks a free port, see {@link #port()}) and serves.
   *
   * @throws IOException if the port is taken
   */
  public static StatusServer start(String node, int port, Supplier<String> statusJson, Supplier<String> metricsText)
      throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 16);
    ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "eipfailover-status-" + node);
      t.setDaemon(true);
      return t;
    });
    server.setExecutor(executor);
    server.createContext("/", ex -> {
      try (ex) {
        route(ex, statusJson, metricsText);
      } catch (RuntimeException e) {
        LOG.warn("[id={}] status request {} failed", node, ex.getRequestURI(), e);
      }
    });
    server.start();
    StatusServer s = new StatusServer(server, executor, node);
    LOG.info("[id={}] status endpoint on http://127.0.0.1:{}/status and /metrics", node, s.port());
    return s;
  }

  private static void route(HttpExchange ex, Supplier<String> statusJson, Supplier<String> metricsText)
      throws IOException {
    String method = ex.getRequestMethod();
    if (!method.equals("GET") && !method.equals("HEAD")) {
      ex.getResponseHeaders().add("Allow", "GET, HEAD");
      send(ex, 405, "text/plain; charset=utf-8", "method not allowed\n");
      return;
    }
    switch (ex.getRequestURI().getPath()) {
      case "/status" -> send(ex, 200, "application/json; charset=utf-8", statusJson.get());
      case "/metrics" -> send(ex, 200, AgentMetrics.CONTENT_TYPE, metricsText.get());
      case "/healthz" -> send(ex, 200, "text/plain; charset=utf-8", "ok\n");
      default -> send(ex, 404, "text/plain; charset=utf-8", "not found: try /status or /metrics\n");
    }
  }

  private static void send(HttpExchange ex, int status, String type, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", type);
    boolean head = ex.getRequestMethod().equals("HEAD");
    ex.sendResponseHeaders(status, head ? -1 : bytes.length);
    if (!head) {
      try (OutputStream out = ex.getResponseBody()) {
        out.write(bytes);
      }
    }
  }

  /** The bound port. */
  public int port() {
    return server.getAddress().getPort();
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
    LOG.debug("[id={}] status endpoint closed", node);
  }
}
