package io.eipfailover.aws.testing;

import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.http.HttpHeader;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.time.Clock;
import java.time.Instant;
import java.util.Random;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The WireMock extension that turns every request into an EC2 answer: decode the form body, log
 * the call, apply faults, run the action, render XML (or EC2's error envelope with its HTTP status).
 */
final class Ec2Transformer implements ResponseDefinitionTransformerV2 {
  private static final Pattern CREDENTIAL = Pattern.compile("Credential=([^/,\\s]+)/");
  private static final String VERSION = "2016-11-15";

  private final Ec2Actions actions;
  private final Ec2Faults faults;
  private final CallLog calls;
  private final Clock clock;
  private final Random random;
  private final FakeControl control;

  Ec2Transformer(Ec2Actions actions, Ec2Faults faults, CallLog calls, Clock clock, Random random, FakeControl control) {
    this.actions = actions;
    this.faults = faults;
    this.calls = calls;
    this.clock = clock;
    this.random = random;
    this.control = control;
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
    String caller = caller(http);
    Instant now = clock.instant();
    long delay = faults.latencyMillis(action);
    if (faults.outage()) {
      calls.add(new Ec2Call(now, action, req.params(), caller, 0, "ConnectionReset"));
      return ResponseDefinitionBuilder.responseDefinition().withFault(Fault.CONNECTION_RESET_BY_PEER).build();
    }
    String requestId;
    synchronized (random) {
      requestId = new UUID(random.nextLong(), random.nextLong()).toString();
    }
    int status = 200;
    String code = "";
    String body;
    try {
      if (!"POST".equals(http.getMethod().getName())) {
        throw new Ec2ErrorException(400, "InvalidHttpRequest", "The EC2 Query API takes POST requests, was "
            + http.getMethod());
      }
      if (!VERSION.equals(req.get("Version").orElse(""))) {
        throw new Ec2ErrorException(400, "NoSuchVersion",
            "An invalid API version was specified: '" + req.get("Version").orElse("") + "'");
      }
      String cluster = faults.requiredClusterTag();
      String untagged = cluster == null ? null : actions.untaggedResource(req, cluster);
      Ec2ErrorException fault = faults.failureFor(action, req.flag("DryRun"), caller, untagged);
      if (fault != null) {
        throw fault;
      }
      body = actions.handle(req, requestId, now, faults.describeLag());
    } catch (Ec2ErrorException e) {
      status = e.status();
      code = e.code();
      body = Xml.error(e.code(), e.getMessage(), requestId);
    }
    calls.add(new Ec2Call(now, action, req.params(), caller, status, code));
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

  private static String caller(Request http) {
    HttpHeader auth = http.header("Authorization");
    if (auth != null && auth.isPresent()) {
      Matcher m = CREDENTIAL.matcher(auth.firstValue());
      if (m.find()) {
        return m.group(1);
      }
    }
    return "anonymous";
  }
}
