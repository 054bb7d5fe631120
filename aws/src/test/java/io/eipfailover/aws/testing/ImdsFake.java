package io.eipfailover.aws.testing;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.common.ConsoleNotifier;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.http.HttpHeader;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import io.eipfailover.aws.testing.FakeEc2State.Eni;
import io.eipfailover.aws.testing.FakeEc2State.Instance;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * IMDSv2 of one simulated instance (its own WireMock server on a dynamic loopback port): {@code PUT
 * /latest/api/token} with the TTL header issues a token; {@code GET /latest/meta-data/...} answers
 * from the {@link Ec2Fake}'s live state and requires an unexpired token (401 otherwise, as IMDSv2
 * with {@code HttpTokens=required}). Token expiry follows the fake's clock.
 *
 * <p>Faults: {@link #unreachable}, {@link #hopLimitExceeded} (token answers never arrive in time, as
 * when a container is one hop too far), {@link #expireTokens}. Thread-safe.
 */
public final class ImdsFake implements AutoCloseable {
  static final String TTL_HEADER = "x-aws-ec2-metadata-token-ttl-seconds";
  static final String TOKEN_HEADER = "x-aws-ec2-metadata-token";

  private final Ec2Fake fake;
  private final String instanceId;
  private final WireMockServer server;
  private final Map<String, Instant> tokens = new HashMap<>();
  private final List<String> requests = new ArrayList<>();
  private int tokenCounter;
  private boolean unreachable;
  private Duration tokenDelay = Duration.ZERO;

  ImdsFake(Ec2Fake fake, String instanceId) {
    this.fake = fake;
    this.instanceId = instanceId;
    this.server = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1")
        .notifier(new ConsoleNotifier(false)).disableRequestJournal().extensions(new Transformer()));
    server.start();
    server.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(500)));
  }

  /** The endpoint to give {@code Ec2MetadataClient.builder().endpoint(...)}. */
  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + server.port());
  }

  /** While on, every connection is reset. */
  public synchronized ImdsFake unreachable(boolean on) {
    this.unreachable = on;
    return this;
  }

  /**
   * While on, token answers are delayed by {@code delay}: a client with a shorter timeout never
   * gets a token, as when the PUT response's hop limit (default 1) is too small for a container.
   */
  public synchronized ImdsFake hopLimitExceeded(Duration delay) {
    this.tokenDelay = delay;
    return this;
  }

  /** Invalidates every issued token: the next GET with one gets 401. */
  public synchronized ImdsFake expireTokens() {
    tokens.clear();
    return this;
  }

  /** Requests so far, as {@code "PUT /latest/api/token -> 200"} lines. */
  public synchronized List<String> requests() {
    return List.copyOf(requests);
  }

  /** How many tokens were issued. */
  public synchronized int tokensIssued() {
    return tokenCounter;
  }

  @Override
  public void close() {
    if (server.isRunning()) {
      server.stop();
    }
  }

  private synchronized ResponseDefinition answer(Request http) {
    String method = http.getMethod().getName();
    String path = http.getUrl();
    ResponseDefinitionBuilder r = ResponseDefinitionBuilder.responseDefinition().withHeader("Content-Type", "text/plain");
    if (unreachable) {
      requests.add(method + " " + path + " -> reset");
      return r.withFault(Fault.CONNECTION_RESET_BY_PEER).build();
    }
    Instant now = fake.clock.instant();
    int status;
    String body;
    if (path.equals("/latest/api/token")) {
      String ttl = header(http, TTL_HEADER);
      int seconds = parse(ttl);
      if (!method.equals("PUT")) {
        status = 405;
        body = "";
      } else if (seconds < 1 || seconds > 21600) {
        status = 400;
        body = "";
      } else {
        status = 200;
        body = "AQAEA-fake-token-" + instanceId + "-" + (++tokenCounter);
        tokens.put(body, now.plusSeconds(seconds));
        r.withHeader(TTL_HEADER, String.valueOf(seconds));
        if (!tokenDelay.isZero()) {
          r.withFixedDelay((int) tokenDelay.toMillis());
        }
      }
    } else {
      Instant expiry = tokens.get(header(http, TOKEN_HEADER));
      if (!method.equals("GET")) {
        status = 405;
        body = "";
      } else if (expiry == null || !now.isBefore(expiry)) {
        status = 401;
        body = "";
      } else {
        body = metadata(path);
        status = body == null ? 404 : 200;
      }
    }
    requests.add(method + " " + path + " -> " + status);
    return r.withStatus(status).withBody(body == null ? "" : body).build();
  }

  private String metadata(String path) {
    String p = path.startsWith("/latest/meta-data/") ? path.substring("/latest/meta-data/".length()) : null;
    if (p == null) {
      return null;
    }
    synchronized (fake.state) {
      Instance inst = fake.state.instance(instanceId);
      List<Eni> enis = fake.state.enisOf(instanceId);
      switch (p) {
        case "instance-id":
          return instanceId;
        case "placement/availability-zone":
          return inst.availabilityZone;
        case "placement/region":
          return fake.region();
        case "mac":
          return enis.isEmpty() ? null : enis.get(0).mac;
        case "local-ipv4":
          return enis.isEmpty() ? null : enis.get(0).privateIps.get(0);
        case "network/interfaces/macs/", "network/interfaces/macs":
          StringBuilder sb = new StringBuilder();
          enis.forEach(e -> sb.append(sb.length() == 0 ? "" : "\n").append(e.mac).append('/'));
          return sb.toString();
        default:
          break;
      }
      for (Eni e : enis) {
        String prefix = "network/interfaces/macs/" + e.mac + "/";
        if (p.startsWith(prefix)) {
          return switch (p.substring(prefix.length())) {
            case "interface-id" -> e.id;
            case "local-ipv4s" -> String.join("\n", e.privateIps);
            case "vpc-ipv4-cidr-block", "vpc-ipv4-cidr-blocks" -> fake.state.vpcCidr;
            case "subnet-ipv4-cidr-block" -> e.subnetCidr;
            case "device-number" -> String.valueOf(e.deviceIndex);
            case "vpc-id" -> fake.state.vpcId;
            case "subnet-id" -> e.subnetId();
            case "mac" -> e.mac;
            default -> null;
          };
        }
      }
      return null;
    }
  }

  private static String header(Request http, String name) {
    HttpHeader h = http.header(name);
    return h != null && h.isPresent() ? h.firstValue() : null;
  }

  private static int parse(String s) {
    try {
      return s == null ? -1 : Integer.parseInt(s.trim());
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private final class Transformer implements ResponseDefinitionTransformerV2 {
    @Override
    public String getName() {
      return "eipfailover-imds-fake";
    }

    @Override
    public ResponseDefinition transform(ServeEvent serveEvent) {
      return answer(serveEvent.getRequest());
    }
  }
}
