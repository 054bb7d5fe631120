package io.eipfailover.aws.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import io.eipfailover.core.testing.VirtualTime;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The IMDS fake speaks IMDSv2 only: token PUT with a TTL, GETs with an unexpired token. */
class ImdsFakeTest {
  private final VirtualTime time = new VirtualTime();
  private final Ec2Fake fake = Ec2Fake.start(time.clock(), new Random(5));
  private final HttpClient http = HttpClient.newHttpClient();

  @AfterEach
  void tearDown() {
    fake.close();
  }

  private HttpResponse<String> send(HttpRequest.Builder b) throws IOException, InterruptedException {
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void requiresATokenWithATtlAndExpiresIt() throws Exception {
    Ec2FakeServer.seedDemoCluster(fake, "demo", 1);
    URI base = fake.imds("i-00000001").endpoint();
    URI instanceId = base.resolve("/latest/meta-data/instance-id");
    assertEquals(401, send(HttpRequest.newBuilder(instanceId).GET()).statusCode(), "IMDSv1 style GET is refused");
    assertEquals(400, send(HttpRequest.newBuilder(base.resolve("/latest/api/token"))
        .PUT(HttpRequest.BodyPublishers.noBody())).statusCode(), "a token needs a TTL");
    HttpResponse<String> token = send(HttpRequest.newBuilder(base.resolve("/latest/api/token"))
        .header("X-aws-ec2-metadata-token-ttl-seconds", "60").PUT(HttpRequest.BodyPublishers.noBody()));
    assertEquals(200, token.statusCode());
    assertEquals("60", token.headers().firstValue("x-aws-ec2-metadata-token-ttl-seconds").orElse(""));
    HttpResponse<String> id = send(HttpRequest.newBuilder(instanceId).header("X-aws-ec2-metadata-token", token.body()).GET());
    assertEquals(200, id.statusCode());
    assertEquals("i-00000001", id.body());
    HttpResponse<String> macs = send(HttpRequest.newBuilder(base.resolve("/latest/meta-data/network/interfaces/macs/"))
        .header("X-aws-ec2-metadata-token", token.body()).GET());
    String mac = macs.body().trim().replace("/", "");
    HttpResponse<String> ips = send(HttpRequest.newBuilder(base.resolve("/latest/meta-data/network/interfaces/macs/" + mac
        + "/local-ipv4s")).header("X-aws-ec2-metadata-token", token.body()).GET());
    assertEquals("10.0.1.10\n10.0.1.11", ips.body());
    assertEquals(404, send(HttpRequest.newBuilder(base.resolve("/latest/meta-data/no-such-thing"))
        .header("X-aws-ec2-metadata-token", token.body()).GET()).statusCode());
    time.advance(Duration.ofSeconds(60));
    assertEquals(401, send(HttpRequest.newBuilder(instanceId).header("X-aws-ec2-metadata-token", token.body()).GET())
        .statusCode(), "expired token");
  }
}
