package io.eipfailover.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;

/** Every builder setter of the module rejects null at once, naming the parameter. */
class BuildersRejectNullsTest {
  @Test
  void everySetterNamesItsParameter() {
    Map<String, Executable> cases = new LinkedHashMap<>();
    cases.put("region", () -> Ec2Clients.builder().region(null));
    cases.put("credentialsProvider", () -> Ec2Clients.builder().credentialsProvider(null));
    cases.put("endpointOverride", () -> Ec2Clients.builder().endpointOverride(null));
    cases.put("executionInterceptor", () -> Ec2Clients.builder().addExecutionInterceptor(null));
    cases.put("apiCallTimeout", () -> Ec2Clients.builder().apiCallTimeout(null));
    cases.put("endpoint", () -> Ec2InstanceIdentity.builder().endpoint(null));
    cases.put("httpClient", () -> Ec2InstanceIdentity.builder().httpClient(null));
    cases.put("tokenTtl", () -> Ec2InstanceIdentity.builder().tokenTtl(null));
    cases.put("ec2Client", () -> Ec2TagTopology.builder().ec2Client(null));
    cases.put("nodeId", () -> Ec2TagTopology.builder().nodeId(null));
    cases.put("instances", () -> Ec2InstanceStateGuard.builder().instances(null));
    cases.put("node", () -> Ec2InstanceStateGuard.builder().instance(null, "i-0aaa"));
    cases.put("topology", () -> Ec2Preflight.builder().topology(null));
    cases.put("self", () -> Ec2Preflight.builder().self(null));
    cases.put("imdsEndpoint", () -> Ec2Preflight.builder().imdsEndpoint(null));
    cases.put("instanceIdentity", () -> Ec2Preflight.builder().instanceIdentity(null));
    cases.put("osAddresses", () -> Ec2Preflight.builder().osAddresses(null));
    cases.forEach((name, call) -> {
      NullPointerException e = assertThrows(NullPointerException.class, call, name);
      assertEquals(name + " must not be null", e.getMessage());
    });
  }

  @Test
  void requiredSettingsAreNamed() {
    try (Ec2Client ec2 = Ec2Clients.builder().region(Region.US_EAST_1)
        .credentialsProvider(AnonymousCredentialsProvider.create()).build()) {
      List<Map.Entry<String, Executable>> cases = List.of(
          Map.entry("clusterName must be set", () -> Ec2TagTopology.builder().ec2Client(ec2).build()),
          Map.entry("ec2Client must be set", () -> Ec2SecondaryIpProvisioner.builder().build()),
          Map.entry("ec2Client must be set", () -> Ec2InstanceStateGuard.builder().build()),
          Map.entry("self must be set", () -> Ec2Preflight.builder().ec2Client(ec2)
              .topology(io.eipfailover.core.ClusterTopology.builder().clusterName("c")
                  .node(io.eipfailover.core.NodeId.of("a"),
                      io.eipfailover.core.AttachmentPoint.primary("eni-0a", "10.0.0.5")).build()).build()));
      for (Map.Entry<String, Executable> c : cases) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, c.getValue());
        assertEquals(c.getKey(), e.getMessage());
      }
    }
  }
}
