package io.eipfailover.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.eipfailover.aws.testing.Ec2Fake;
import io.eipfailover.core.ClusterTopology;
import io.eipfailover.core.ElasticIp;
import io.eipfailover.core.MemberEntry;
import io.eipfailover.core.MemberState;
import io.eipfailover.core.MembershipView;
import io.eipfailover.core.NodeId;
import io.eipfailover.core.TakeoverRequest;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.protocols.jsoncore.JsonNode;
import software.amazon.awssdk.services.ec2.Ec2Client;

/**
 * The shipped IAM policy grants exactly the EC2 operations this module performs. Runs last (see
 * the surefire configuration) so the suite-wide {@link TestClients#RECORDER} has seen every test,
 * and also exercises every production path itself so it does not depend on the other tests.
 */
@Order(Integer.MAX_VALUE)
class IamPolicyTest {
  private static final NodeId A = NodeId.of("a");
  private static final NodeId B = NodeId.of("b");

  /** Every action of the policy, mapped to its statement's condition (empty when none). */
  private static Map<String, String> policyActions() {
    JsonNode policy = JsonNode.parser().parse(Ec2IamPolicy.template());
    assertEquals("2012-10-17", policy.field("Version").get().text());
    Map<String, String> actions = new TreeMap<>();
    for (JsonNode st : policy.field("Statement").get().asArray()) {
      assertEquals("Allow", st.field("Effect").get().text());
      assertEquals("*", st.field("Resource").get().text());
      String condition = st.field("Condition").map(c -> {
        JsonNode eq = c.field("StringEquals").orElseThrow();
        return eq.asObject().keySet() + "=" + eq.asObject().values().iterator().next().text();
      }).orElse("");
      st.field("Action").get().asArray().forEach(a -> actions.put(a.text(), condition));
    }
    return actions;
  }

  @Test
  void grantsExactlyTheOperationsThisModulePerforms() {
    Set<String> here = ConcurrentHashMap.newKeySet();
    ExecutionInterceptor local = new ExecutionInterceptor() {
      @Override
      public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        here.add(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME));
      }
    };
    try (Ec2Fake fake = Ec2Fake.start();
        Ec2Client ec2 = TestClients.builder(fake, "AKIDIAM").addExecutionInterceptor(TestClients.RECORDER)
            .addExecutionInterceptor(local).build()) {
      exerciseEveryProductionPath(fake, ec2);
    }
    Map<String, String> policy = policyActions();
    Set<String> usedAnywhere = new TreeSet<>();
    TestClients.recordedOperations().forEach(op -> usedAnywhere.add("ec2:" + op));
    here.forEach(op -> usedAnywhere.add("ec2:" + op));
    Set<String> missing = new TreeSet<>(usedAnywhere);
    missing.removeAll(policy.keySet());
    assertTrue(missing.isEmpty(), "operations performed but not in iam-policy.json: " + missing);
    Set<String> unused = new TreeSet<>(policy.keySet());
    here.forEach(op -> unused.remove("ec2:" + op));
    assertTrue(unused.isEmpty(), "iam-policy.json grants operations the module never performs: " + unused);
  }

  @Test
  void scopesEveryMutatingActionToTheClusterTag() {
    Map<String, String> policy = policyActions();
    policy.forEach((action, condition) -> {
      if (action.startsWith("ec2:Describe")) {
        assertEquals("", condition, action + " needs no condition (Describe has no resource-level permissions)");
      } else {
        assertEquals("[ec2:ResourceTag/eipfailover:cluster]=" + Ec2IamPolicy.PLACEHOLDER, condition, action);
      }
    });
    String prod = Ec2IamPolicy.forCluster("prod");
    assertFalse(prod.contains(Ec2IamPolicy.PLACEHOLDER));
    assertTrue(prod.contains("\"ec2:ResourceTag/eipfailover:cluster\": \"prod\""), prod);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Ec2IamPolicy.forCluster("a b"));
    assertEquals("clusterName must be 1 to 32 characters of [A-Za-z0-9._-], was 'a b'", e.getMessage());
  }

  private static void exerciseEveryProductionPath(Ec2Fake fake, Ec2Client ec2) {
    fake.addTaggedNode("prod", "a", "i-0aaa", "eni-0aaa", "10.0.1.10", "10.0.1.11");
    fake.addTaggedNode("prod", "b", "i-0bbb", "eni-0bbb", "10.0.2.10", "10.0.2.11");
    fake.addTaggedAddress("prod", "a", "eipalloc-0a", "198.51.100.1");
    fake.addTaggedAddress("prod", "b", "eipalloc-0b", "198.51.100.2");
    ClusterTopology topology = Ec2TagTopology.builder().ec2Client(ec2).clusterName("prod").build().load();
    Ec2ElasticIpManager manager = Ec2ElasticIpManager.builder().ec2Client(ec2).nodeId(A).build();
    ElasticIp eipB = topology.elasticIp("eipalloc-0b").orElseThrow();
    manager.describe(topology.elasticIps());
    manager.associate(eipB, topology.node(A).reservedPoints().get(0));
    Ec2SecondaryIpProvisioner.builder().ec2Client(ec2).networkInterfaceId("eni-0aaa").build().ensureReserved(2);
    MembershipView view = new MembershipView(1, A, Map.of(A, MemberEntry.of(MemberState.ALIVE, 0), B,
        MemberEntry.of(MemberState.DEAD, 0)));
    Ec2InstanceStateGuard.builder().ec2Client(ec2).instance(B, "i-0bbb").build()
        .evaluate(new TakeoverRequest(A, eipB, Optional.of(B), view, topology));
    Ec2Preflight.builder().ec2Client(ec2).topology(topology).self(A).imdsEndpoint(fake.imds("i-0aaa").endpoint())
        .osAddresses(Set::of).build().run();
  }
}
