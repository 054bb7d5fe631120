package io.eipfailover.aws.testing;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.http.HttpHeader;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The WireMock extension that turns every request into an EC2 answer, in EC2's order: the
 * connection (outage), the signature ({@link SigV4Verifier}), the API version and action, the
 * injected faults, the account's token bucket for the action ({@link TokenBuckets}), then the
 * action itself ({@link Ec2Actions}: parameters, ids, permission and {@code DryRun}, state). The
 * answer is EC2's XML, or its error envelope with the HTTP status; every request is logged.
 */
final class Ec2Transformer implements ResponseDefinitionTransformerV2 {
  private static final Pattern CREDENTIAL = Pattern.compile("Credential=([^/,\\s]+)/");
  private static final String VERSION = "2016-11-15";

  private final Ec2Fake fake;
  private final Ec2Actions actions;
  private final SigV4Verifier verifier;
  private final FakeControl control;

  Ec2Transformer(Ec2Fake fake) {
    this.fake = fake;
    this.actions = new Ec2Actions(fake.state);
    this.verifier = new SigV4Verifier(fake.account);
    this.control = new FakeControl(fake);
  }

  @Override
  public String getName() {
    return "eipfailover-ec2-fake";
  }

  @Override
  public ResponseDefinition transform(ServeEvent serveEvent) {
    Request http = serveEvent.getRequest();
    if (http.getUrl().startsWith(FakeControl.PREFIX)) {
      FakeControl.Answer a = control.handle(http.getMethod().getName(), http.getUrl());
      return ResponseDefinitionBuilder.responseDefinition().withStatus(a.status())
          .withHeader("Content-Type", "text/plain;charset=UTF-8").withBody(a.body()).build();
    }
    QueryRequest req = QueryRequest.parse(http.getBodyAsString());
    String action = req.action();
    String claimed = claimedCaller(http);
    Instant now = fake.clock.instant();
    Ec2Faults faults = fake.faults();
    long delay = faults.latencyMillis(action);
    if (faults.outage()) {
      fake.calls.add(new Ec2Call(now, action, req.params(), claimed, 0, "ConnectionReset"));
      return ResponseDefinitionBuilder.responseDefinition().withFault(Fault.CONNECTION_RESET_BY_PEER).build();
    }
    Malformed malformed = faults.malformed();
    if (malformed != null) {
      fake.calls.add(new Ec2Call(now, action, req.params(), claimed, malformed.status(), "Malformed." + malformed));
      return ResponseDefinitionBuilder.responseDefinition().withStatus(malformed.status())
          .withHeader("Content-Type", malformed.contentType()).withBody(malformed.body(req)).build();
    }
    String requestId = fake.newRequestId();
    int status = 200;
    String code = "";
    String body;
    try {
      body = answer(http, req, now, requestId);
    } catch (Ec2ErrorException e) {
      status = e.status();
      code = e.code();
      body = Xml.error(e.code(), e.getMessage(), requestId);
    }
    fake.calls.add(new Ec2Call(now, action, req.params(), claimed, status, code));
    fake.observe(new Ec2Fake.Answer(action, status, body));
    ResponseDefinitionBuilder answer = ResponseDefinitionBuilder.responseDefinition()
        .withStatus(status)
        .withHeader("Content-Type", "text/xml;charset=UTF-8")
        .withHeader("x-amzn-RequestId", requestId)
        .withHeader("Server", "AmazonEC2")
        .withBody(body);
    if (delay > 0) {
      answer.withFixedDelay((int) delay);
    }
    return answer.build();
  }

  private String answer(Request http, QueryRequest req, Instant now, String requestId) {
    if (!"POST".equals(http.getMethod().getName())) {
      throw new Ec2ErrorException(400, "InvalidHttpRequest", "The EC2 Query API takes POST requests, was "
          + http.getMethod());
    }
    String url = http.getUrl();
    int q = url.indexOf('?');
    String caller = verifier.verify(http.getMethod().getName(), q < 0 ? url : url.substring(0, q),
        q < 0 ? "" : url.substring(q + 1), headers(http), http.getBody());
    if (!VERSION.equals(req.get("Version").orElse(""))) {
      throw new Ec2ErrorException(400, "NoSuchVersion",
          "An invalid API version was specified: '" + req.get("Version").orElse("") + "'");
    }
    ActionSpec spec = Ec2Actions.spec(req.action());
    Ec2ErrorException fault = fake.faults().failureFor(req.action());
    if (fault != null) {
      throw fault;
    }
    boolean filteredOrPaged = req.hasFilters() || req.get("MaxResults").isPresent() || req.get("NextToken").isPresent();
    if (!fake.buckets.tryTake(req.action(), Ec2Throttling.limitOf(spec.category(), filteredOrPaged))) {
      throw Ec2ErrorException.throttled();
    }
    return actions.handle(new Ec2Context(req, caller, now, requestId, fake.account, fake.faults(), fake.maxPageSize()));
  }

  private static Map<String, List<String>> headers(Request http) {
    Map<String, List<String>> headers = new LinkedHashMap<>();
    for (HttpHeader h : http.getHeaders().all()) {
      headers.put(h.key(), h.values());
    }
    return headers;
  }

  /** The access key id the request claims (verified or not), for the call log. */
  private static String claimedCaller(Request http) {
    HttpHeader auth = http.header("Authorization");
    if (auth != null && auth.isPresent()) {
      Matcher m = CREDENTIAL.matcher(auth.firstValue());
      if (m.find()) {
        return m.group(1);
      }
    }
    return "anonymous";
  }

  /** A request id from the fake's seeded randomness, so a seeded run answers the same ids. */
  static String requestId(java.util.Random random) {
    synchronized (random) {
      return new UUID(random.nextLong(), random.nextLong()).toString();
    }
  }
}
