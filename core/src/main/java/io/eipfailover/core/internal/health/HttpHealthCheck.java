package io.eipfailover.core.internal.health;

import io.eipfailover.core.HealthCheck;
import io.eipfailover.core.HealthResult;
import io.eipfailover.core.internal.guard.TcpProbe;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.Proxy;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * An HTTP GET of HAProxy's {@code monitor-uri}: 2xx is healthy, anything else (HAProxy answers 503
 * while a {@code monitor fail} condition holds) or any I/O failure is unhealthy. Connects directly,
 * never through a proxy (the target is the local HAProxy), and does not follow redirects. The
 * time-out applies to the connect and to each read. Immutable and thread-safe.
 */
public final class HttpHealthCheck implements HealthCheck {
  private static final int MAX_BODY = 64 * 1024;

  private final URI uri;
  private final Duration timeout;

  public HttpHealthCheck(URI uri, Duration timeout) {
    Objects.requireNonNull(uri, "uri must not be null");
    String scheme = uri.getScheme();
    if (!uri.isAbsolute() || uri.getHost() == null
        || !("http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme))) {
      throw new IllegalArgumentException(
          "uri must be an absolute http:// or https:// URI with a host, was '" + uri + "'");
    }
    this.uri = uri;
    this.timeout = TcpProbe.requireTimeout("timeout", timeout);
  }

  @Override
  public HealthResult check() {
    HttpURLConnection connection = null;
    try {
      connection = (HttpURLConnection) uri.toURL().openConnection(Proxy.NO_PROXY);
      connection.setConnectTimeout((int) timeout.toMillis());
      connection.setReadTimeout((int) timeout.toMillis());
      connection.setInstanceFollowRedirects(false);
      connection.setUseCaches(false);
      connection.setRequestMethod("GET");
      int status = connection.getResponseCode();
      drain(status < 400 ? connection.getInputStream() : connection.getErrorStream());
      String detail = "HTTP " + status;
      return status >= 200 && status < 300 ? HealthResult.healthy(detail) : HealthResult.unhealthy(detail);
    } catch (IOException | RuntimeException e) {
      return HealthResult.unhealthy(uri + ": " + TcpProbe.describe(e));
    } finally {
      if (connection != null) {
        connection.disconnect();
      }
    }
  }

  /** Reads (a bounded amount of) the body so the exchange completes cleanly. */
  private static void drain(InputStream in) throws IOException {
    if (in == null) {
      return;
    }
    try (in) {
      in.readNBytes(MAX_BODY);
    }
  }

  @Override
  public String toString() {
    return "http(" + uri + ", " + timeout + ")";
  }
}
