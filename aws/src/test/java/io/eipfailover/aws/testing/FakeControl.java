package io.eipfailover.aws.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * A plain-text control API under {@code /_fake/} on the EC2 endpoint, so a test in another process
 * (an end-to-end harness driving agent processes) can break and inspect the fake:
 *
 * <pre>
 * GET  /_fake/associations                     one line per EIP: "eipalloc-.. eni-.. 10.0.1.10" or "eipalloc-.. -"
 * GET  /_fake/calls                            one line per EC2 request so far
 * POST /_fake/outage?on=true|false             connection resets
 * POST /_fake/malformed?kind=HTML_5XX|GARBAGE_200|WRONG_ROOT_200|MISSING_FIELDS_200|off   answers no EC2 gives
 * POST /_fake/authFailure?on=true|false        AuthFailure 401
 * POST /_fake/throttleNext?count=N             RequestLimitExceeded 503 for the next N requests
 * POST /_fake/throttleRandomly?p=0.3           each request throttled with probability p
 * POST /_fake/internalErrorNext?count=N        InternalError 500 for the next N requests
 * POST /_fake/latency?minMs=A&amp;maxMs=B          extra latency per answer
 * POST /_fake/describeLag?ms=N                 eventual consistency: for N ms after a change, describes
 *                                              (DescribeAddresses, the ENI's association view) show the previous association
 * POST /_fake/throttling?mode=documented|off   EC2's account-wide token buckets (see Ec2Throttling)
 * POST /_fake/maxPageSize?n=5                  at most n items per page of the paged describes
 * POST /_fake/credentials?accessKeyId=K&amp;secret=S   accept one more access key
 * POST /_fake/deny?action=X, /_fake/allow?action=X   IAM denial of one action
 * POST /_fake/instanceState?instanceId=i-..&amp;state=stopped
 * POST /_fake/requireClusterTag?cluster=prod   evaluate the IAM policy's tag condition
 * POST /_fake/clearFaults
 * </pre>
 *
 * Answers 200 with "ok" (or the listing), 400 with the reason. Control requests are not logged as
 * EC2 calls. Loopback only, like the fake. {@link #client(URI)} is a Java client of it.
 */
public final class FakeControl {
  static final String PREFIX = "/_fake/";

  private final Ec2Fake fake;

  FakeControl(Ec2Fake fake) {
    this.fake = fake;
  }

  /** The answer: status and body. */
  record Answer(int status, String body) {}

  /** A client of the control API of the fake at {@code endpoint} (its EC2 endpoint). */
  public static Client client(URI endpoint) {
    return new Client(endpoint);
  }

  /** Drives a fake in another process through {@code /_fake/}. Thread-safe. */
  public static final class Client {
    private final URI endpoint;
    private final HttpClient http = HttpClient.newHttpClient();

    private Client(URI endpoint) {
      this.endpoint = endpoint;
    }

    /** The eventual-consistency window (see {@link Ec2Faults#describeLag}). */
    public void describeLag(Duration window) {
      post("describeLag", Map.of("ms", String.valueOf(window.toMillis())));
    }

    /** EC2's documented token buckets on ({@code true}) or off. */
    public void throttling(boolean documented) {
      post("throttling", Map.of("mode", documented ? "documented" : "off"));
    }

    /** Allocation id to "eni-.. 10.0.1.10", or "-" when unassociated (the truth, ignoring any lag). */
    public Map<String, String> associations() {
      Map<String, String> result = new java.util.LinkedHashMap<>();
      for (String line : send("GET", "associations", Map.of()).split("\n")) {
        int space = line.indexOf(' ');
        if (space > 0) {
          result.put(line.substring(0, space), line.substring(space + 1));
        }
      }
      return result;
    }

    /** Any other control operation, e.g. {@code post("outage", Map.of("on", "true"))}; throws on a refusal. */
    public void post(String operation, Map<String, String> query) {
      send("POST", operation, query);
    }

    private String send(String method, String operation, Map<String, String> query) {
      StringBuilder q = new StringBuilder();
      query.forEach((k, v) -> q.append(q.length() == 0 ? "?" : "&").append(URLEncoder.encode(k, StandardCharsets.UTF_8))
          .append('=').append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
      HttpRequest.Builder b = HttpRequest.newBuilder(endpoint.resolve(PREFIX + operation + q));
      try {
        HttpResponse<String> r = http.send(method.equals("GET") ? b.GET().build()
            : b.POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
          throw new IllegalStateException("fake control " + operation + query + " refused: " + r.statusCode() + " "
              + r.body());
        }
        return r.body();
      } catch (IOException e) {
        throw new UncheckedIOException("fake control " + operation + " at " + endpoint + " failed", e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted", e);
      }
    }
  }

  Answer handle(String method, String url) {
    URI uri = URI.create(url);
    String op = uri.getPath().substring(PREFIX.length());
    Map<String, String> q = query(uri.getRawQuery());
    try {
      if (method.equals("GET")) {
        return switch (op) {
          case "associations" -> new Answer(200, associations());
          case "calls" -> new Answer(200, calls());
          default -> new Answer(404, "unknown control GET " + op);
        };
      }
      Ec2Faults f = fake.faults();
      switch (op) {
        case "outage" -> f.outage(Boolean.parseBoolean(need(q, "on")));
        case "malformed" -> f.malformed("off".equals(need(q, "kind")) ? null : Malformed.valueOf(need(q, "kind")));
        case "authFailure" -> f.authFailure(Boolean.parseBoolean(need(q, "on")));
        case "throttleNext" -> f.throttleNext(Integer.parseInt(need(q, "count")));
        case "throttleRandomly" -> f.throttleRandomly(Double.parseDouble(need(q, "p")));
        case "internalErrorNext" -> f.internalErrorNext(Integer.parseInt(need(q, "count")));
        case "latency" -> f.latency(Duration.ofMillis(Long.parseLong(need(q, "minMs"))),
            Duration.ofMillis(Long.parseLong(need(q, "maxMs"))));
        case "describeLag" -> f.describeLag(Duration.ofMillis(Long.parseLong(need(q, "ms"))));
        case "throttling" -> fake.throttling(switch (need(q, "mode")) {
          case "documented" -> Ec2Throttling.documented();
          case "off" -> Ec2Throttling.off();
          default -> throw new IllegalArgumentException("mode must be documented or off, was '" + q.get("mode") + "'");
        });
        case "maxPageSize" -> fake.maxPageSize(Integer.parseInt(need(q, "n")));
        case "credentials" -> fake.allowCredentials(need(q, "accessKeyId"), need(q, "secret"));
        case "deny" -> f.deny(need(q, "action"));
        case "allow" -> f.allow(need(q, "action"));
        case "instanceState" -> fake.setInstanceState(need(q, "instanceId"), need(q, "state"));
        case "requireClusterTag" -> f.requireClusterTag(need(q, "cluster"));
        case "clearFaults" -> f.clear();
        default -> {
          return new Answer(404, "unknown control POST " + op);
        }
      }
      return new Answer(200, "ok");
    } catch (RuntimeException e) {
      return new Answer(400, e.getClass().getSimpleName() + ": " + e.getMessage());
    }
  }

  private String associations() {
    StringBuilder sb = new StringBuilder();
    synchronized (fake.state) {
      for (String id : fake.state.addresses.keySet()) {
        sb.append(id).append(' ').append(fake.association(id)
            .map(a -> a.networkInterfaceId() + " " + a.privateIp()).orElse("-")).append('\n');
      }
    }
    return sb.toString();
  }

  private String calls() {
    StringBuilder sb = new StringBuilder();
    fake.calls().forEach(c -> sb.append(c).append('\n'));
    return sb.toString();
  }

  private static String need(Map<String, String> q, String name) {
    String v = q.get(name);
    if (v == null || v.isEmpty()) {
      throw new IllegalArgumentException("missing query parameter '" + name + "'");
    }
    return v;
  }

  private static Map<String, String> query(String raw) {
    Map<String, String> q = new HashMap<>();
    if (raw != null) {
      for (String pair : raw.split("&")) {
        int eq = pair.indexOf('=');
        if (eq > 0) {
          q.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
              URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
      }
    }
    return q;
  }
}
