package io.eipfailover.aws.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.ec2.Ec2Client;

/** Another process can break and inspect the fake over its /_fake/ control API. */
class FakeControlTest {
  private final HttpClient http = HttpClient.newHttpClient();

  private HttpResponse<String> call(Ec2Fake fake, String method, String pathAndQuery) throws Exception {
    URI uri = fake.endpoint().resolve(pathAndQuery);
    HttpRequest.Builder b = HttpRequest.newBuilder(uri);
    b = method.equals("POST") ? b.POST(HttpRequest.BodyPublishers.noBody()) : b.GET();
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void switchesFaultsAndListsState() throws Exception {
    try (Ec2Fake fake = Ec2Fake.start(); Ec2Client ec2 = fake.newClient("AKIDCTL")) {
      Ec2FakeServer.seedDemoCluster(fake, "demo", 2);
      assertEquals("eipalloc-00000001 eni-00000001 10.0.1.10\neipalloc-00000002 eni-00000002 10.0.2.10\n",
          call(fake, "GET", "/_fake/associations").body());
      assertEquals(200, call(fake, "POST", "/_fake/outage?on=true").statusCode());
      assertThrows(SdkClientException.class, () -> ec2.describeAddresses());
      call(fake, "POST", "/_fake/clearFaults");
      assertEquals(2, ec2.describeAddresses().addresses().size());
      assertEquals(200, call(fake, "POST", "/_fake/instanceState?instanceId=i-00000002&state=stopped").statusCode());
      assertEquals("stopped", ec2.describeInstanceStatus(r -> r.instanceIds("i-00000002").includeAllInstances(true))
          .instanceStatuses().get(0).instanceState().nameAsString());
      HttpResponse<String> bad = call(fake, "POST", "/_fake/throttleNext");
      assertEquals(400, bad.statusCode());
      assertTrue(bad.body().contains("missing query parameter 'count'"), bad.body());
      assertEquals(404, call(fake, "POST", "/_fake/nonsense").statusCode());
      String calls = call(fake, "GET", "/_fake/calls").body();
      assertTrue(calls.contains("AKIDCTL DescribeAddresses -> 0 ConnectionReset"), calls);
      assertTrue(fake.calls().stream().noneMatch(c -> c.action().isEmpty()), "control requests are not EC2 calls");
    }
  }

  @Test
  void switchesThrottlingPagingConsistencyAndCredentials() throws Exception {
    try (Ec2Fake fake = Ec2Fake.start()) {
      Ec2FakeServer.seedDemoCluster(fake, "demo", 2);
      assertEquals(200, call(fake, "POST", "/_fake/throttling?mode=documented").statusCode());
      assertEquals(Ec2Throttling.documented().bucket(Ec2Throttling.Limit.MUTATING),
          fake.throttling().bucket(Ec2Throttling.Limit.MUTATING));
      assertEquals(400, call(fake, "POST", "/_fake/throttling?mode=sometimes").statusCode());
      call(fake, "POST", "/_fake/throttling?mode=off");
      assertFalse(fake.throttling().enabled());
      call(fake, "POST", "/_fake/maxPageSize?n=1");
      call(fake, "POST", "/_fake/describeLag?ms=60000");
      assertEquals(200, call(fake, "POST", "/_fake/credentials?accessKeyId=AKIDCTL2&secret=s3cret").statusCode());
      RawEc2 raw = new RawEc2(fake.endpoint());
      assertEquals(200, raw.signed(RawEc2.params("AssociateAddress", "AllocationId", "eipalloc-00000001",
          "NetworkInterfaceId", "eni-00000002"), "us-east-1", "AKIDCTL2", "s3cret").status());
      String eni1 = raw.signed(RawEc2.params("DescribeNetworkInterfaces", "NetworkInterfaceId.1", "eni-00000001"),
          "us-east-1", "AKIDCTL2", "s3cret").body();
      assertTrue(eni1.contains("<publicIp>198.51.100.1</publicIp>"), "still shown on its old ENI inside the window");
      String page = raw.signed(RawEc2.params("DescribeInstanceStatus"), "us-east-1", "AKIDCTL2", "s3cret").body();
      assertTrue(page.contains("<nextToken>"), page);
      assertEquals(400, call(fake, "POST", "/_fake/maxPageSize?n=0").statusCode());
    }
  }

  @Test
  void theJavaClientDrivesTheSameApi() {
    try (Ec2Fake fake = Ec2Fake.start()) {
      Ec2FakeServer.seedDemoCluster(fake, "demo", 2);
      FakeControl.Client control = FakeControl.client(fake.endpoint());
      control.describeLag(Duration.ofSeconds(7));
      assertEquals(Duration.ofSeconds(7), fake.faults().describeLag());
      control.throttling(true);
      assertTrue(fake.throttling().enabled());
      control.post("outage", java.util.Map.of("on", "true"));
      assertTrue(fake.faults().outage());
      assertEquals("eni-00000002 10.0.2.10", control.associations().get("eipalloc-00000002"));
      IllegalStateException refused = assertThrows(IllegalStateException.class,
          () -> control.post("throttleNext", java.util.Map.of()));
      assertTrue(refused.getMessage().contains("missing query parameter 'count'"), refused.getMessage());
    }
  }
}
