package io.eipfailover.aws.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.eipfailover.aws.testing.Ec2Throttling.Limit;
import java.time.Duration;
import io.eipfailover.core.testing.VirtualTime;
import java.time.Instant;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The account's token buckets, on the fake's clock: one per action and class, shared by every
 * caller, refilled at the documented rate, answering {@code RequestLimitExceeded} when empty.
 */
class Ec2FakeThrottlingTest {
  private final VirtualTime clock = new VirtualTime();
  private Ec2Fake fake;
  private RawEc2 raw;

  @BeforeEach
  void setUp() {
    fake = Ec2Fake.builder().clock(clock.clock()).random(new Random(5)).throttling(Ec2Throttling.documented()).start();
    fake.addTaggedNode("prod", "a", "i-0aaa", "eni-0aaa", "10.0.1.10", "10.0.1.11");
    fake.addTaggedAddress("prod", "a", "eipalloc-0a", "198.51.100.1");
    raw = new RawEc2(fake.endpoint());
  }

  @AfterEach
  void tearDown() {
    fake.close();
  }

  private int send(String caller, String action, String... params) {
    return raw.signed(RawEc2.params(action, params), "us-east-1", caller, Ec2Fake.TEST_SECRET).status();
  }

  private int associate(String caller) {
    return send(caller, "AssociateAddress", "AllocationId", "eipalloc-0a", "NetworkInterfaceId", "eni-0aaa");
  }

  @Test
  void theMutatingBucketHoldsFiftyForTheWholeAccountAndRefillsFivePerSecond() {
    for (int i = 0; i < 50; i++) {
      assertEquals(200, associate(i % 2 == 0 ? "AKIDNODEA" : "AKIDNODEB"), "request " + i);
    }
    RawEc2.Answer throttled = raw.signed(RawEc2.params("AssociateAddress", "AllocationId", "eipalloc-0a",
        "NetworkInterfaceId", "eni-0aaa"), "us-east-1", "AKIDNODEC", Ec2Fake.TEST_SECRET);
    assertEquals(503, throttled.status());
    assertEquals("RequestLimitExceeded", throttled.code(), "a third caller shares the same bucket");
    assertEquals(200, send("AKIDNODEC", "DescribeAddresses"), "other actions have their own buckets");
    clock.advance(Duration.ofMillis(100));
    assertEquals(503, associate("AKIDNODEA"), "half a token is not one");
    clock.advance(Duration.ofMillis(100));
    assertEquals(200, associate("AKIDNODEA"), "5 per second: one token after 200 ms");
    assertEquals(503, associate("AKIDNODEA"));
    clock.advance(Duration.ofSeconds(1));
    for (int i = 0; i < 5; i++) {
      assertEquals(200, associate("AKIDNODEA"));
    }
    assertEquals(503, associate("AKIDNODEA"));
    clock.advance(Duration.ofHours(1));
    assertEquals(50.0, fake.tokens("AssociateAddress", Limit.MUTATING), 1e-9, "refill stops at the capacity");
  }

  @Test
  void unfilteredUnpagedDescribesUseTheSmallerBucket() {
    for (int i = 0; i < 50; i++) {
      assertEquals(200, send("AKIDA", "DescribeNetworkInterfaces"));
    }
    assertEquals(503, send("AKIDA", "DescribeNetworkInterfaces"));
    assertEquals(200, send("AKIDA", "DescribeNetworkInterfaces", "Filter.1.Name", "vpc-id", "Filter.1.Value.1", "*"),
        "a filtered describe draws from the 100-token bucket");
    assertEquals(200, send("AKIDA", "DescribeNetworkInterfaces", "MaxResults", "5"), "so does a paged one");
    assertEquals(98.0, fake.tokens("DescribeNetworkInterfaces", Limit.NON_MUTATING), 1e-9);
    clock.advance(Duration.ofMillis(100));
    assertEquals(200, send("AKIDA", "DescribeNetworkInterfaces"), "10 per second: one token after 100 ms");
    assertEquals(503, send("AKIDA", "DescribeNetworkInterfaces"));
    for (int i = 0; i < 100; i++) {
      assertEquals(200, send("AKIDA", "DescribeAddresses"), "DescribeAddresses is never in the small bucket");
    }
    assertEquals(503, send("AKIDA", "DescribeAddresses"));
  }

  @Test
  void throttledRequestsTakeNoTokenAndAreLoggedAndOffMeansOff() {
    fake.throttling(Ec2Throttling.off().with(Limit.MUTATING, 2, 1));
    assertTrue(fake.throttling().enabled());
    assertEquals(200, associate("AKIDA"));
    assertEquals(200, associate("AKIDA"));
    for (int i = 0; i < 5; i++) {
      assertEquals(503, associate("AKIDA"));
    }
    clock.advance(Duration.ofSeconds(1));
    assertEquals(200, associate("AKIDA"), "the five refusals took nothing");
    assertEquals(5, fake.calls("AssociateAddress").stream().filter(c -> c.errorCode().equals("RequestLimitExceeded"))
        .count());
    fake.throttling(Ec2Throttling.off());
    assertFalse(fake.throttling().enabled());
    for (int i = 0; i < 60; i++) {
      assertEquals(200, associate("AKIDA"));
    }
    assertThrows(IllegalArgumentException.class, () -> new Ec2Throttling.Bucket(0, 1));
    assertThrows(IllegalArgumentException.class, () -> new Ec2Throttling.Bucket(1, 0));
    Ec2Throttling documented = Ec2Throttling.documented();
    assertEquals(new Ec2Throttling.Bucket(50, 5), documented.bucket(Limit.MUTATING));
    assertEquals(new Ec2Throttling.Bucket(100, 20), documented.bucket(Limit.NON_MUTATING));
    assertEquals(new Ec2Throttling.Bucket(50, 10), documented.bucket(Limit.UNFILTERED_UNPAGINATED));
    assertEquals(new Ec2Throttling.Bucket(100, 5), documented.bucket(Limit.ASSIGN_PRIVATE_IP_ADDRESSES));
  }
}
