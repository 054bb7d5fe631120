package io.eipfailover.aws.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;

/** Many SDK clients moving EIPs at once leave the fake consistent: one EIP per private IP. */
class Ec2FakeConcurrencyTest {
  @Test
  void concurrentAssociatesKeepOneEipPerPrivateIp() throws Exception {
    try (Ec2Fake fake = Ec2Fake.start()) {
      Ec2FakeServer.seedDemoCluster(fake, "demo", 4);
      List<String> targets = List.of("10.0.1.10", "10.0.1.11", "10.0.2.10", "10.0.2.11", "10.0.3.11", "10.0.4.11");
      ExecutorService pool = Executors.newFixedThreadPool(8);
      List<Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        int seed = t;
        futures.add(pool.submit(() -> {
          try (Ec2Client ec2 = fake.newClient("AKIDT" + seed)) {
            for (int i = 0; i < 15; i++) {
              String eip = "eipalloc-0000000" + (1 + (seed + i) % 4);
              String ip = targets.get((seed * 7 + i) % targets.size());
              String eni = "eni-0000000" + ip.split("\\.")[2];
              ec2.associateAddress(r -> r.allocationId(eip).networkInterfaceId(eni).privateIpAddress(ip)
                  .allowReassociation(true));
            }
          }
          return null;
        }));
      }
      for (Future<?> f : futures) {
        f.get(30, TimeUnit.SECONDS);
      }
      pool.shutdown();
      Set<String> used = new HashSet<>();
      for (int n = 1; n <= 4; n++) {
        Optional<FakeAssociation> a = fake.association("eipalloc-0000000" + n);
        a.ifPresent(x -> assertTrue(used.add(x.privateIp()), "two EIPs on " + x.privateIp()));
      }
      assertEquals(120, fake.calls("AssociateAddress").size());
      assertTrue(fake.calls().stream().allMatch(Ec2Call::succeeded));
    }
  }
}
