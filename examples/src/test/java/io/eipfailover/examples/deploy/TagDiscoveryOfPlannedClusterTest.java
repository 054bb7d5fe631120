package io.eipfailover.examples.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import io.eipfailover.aws.Ec2TagTopology;
import io.eipfailover.aws.testing.Ec2Fake;
import io.eipfailover.core.AttachmentPoint;
import io.eipfailover.core.ClusterTopology;
import io.eipfailover.core.ElasticIp;
import io.eipfailover.core.NodeId;
import io.eipfailover.core.NodeSpec;
import io.eipfailover.examples.deploy.TerraformState.Resource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.ec2.Ec2Client;

/**
 * Crosses the boundary between Terraform and the agent: the resources Terraform would create
 * (tests/export.tftest.hcl, applied to the mocked provider) are seeded into the EC2 fake as they
 * would exist in EC2 (instances, their ENIs with private IPs and tags, tagged EIPs), the aws
 * module's tag discovery reads them back through the real SDK client, and the topology it finds
 * must be the one the module declares in its {@code nodes} and {@code eips} outputs.
 */
@Tag("deploy")
class TagDiscoveryOfPlannedClusterTest {
  @ParameterizedTest
  @ValueSource(strings = {"udp_pair_two_eips_each", "jgroups_three_nodes_balanced"})
  void tagDiscoveryFindsExactlyTheTopologyTerraformPlanned(String run) {
    TerraformState state = Terraform.exportedStates().get(run);
    Ec2Ids ids = new Ec2Ids();
    try (Ec2Fake fake = Ec2Fake.start(); Ec2Client ec2 = fake.newClient("terraform-plan")) {
      seed(fake, state, ids);
      ClusterTopology discovered = Ec2TagTopology.builder().ec2Client(ec2).clusterName("web-lb").build().load();
      ClusterTopology planned = declared(state, ids);
      assertEquals(planned, discovered);
      assertEquals(planned.fingerprint(), discovered.fingerprint());
      assertFalse(planned.elasticIps().isEmpty(), "the run must plan EIPs");
    }
  }

  /** Seeds the fake with what EC2 would hold after {@code terraform apply}: taken from resources, not outputs. */
  private static void seed(Ec2Fake fake, TerraformState state, Ec2Ids ids) {
    Map<String, Map<String, String>> tagsByResourceId = new TreeMap<>();
    for (Resource t : state.resources("aws_ec2_tag")) {
      tagsByResourceId.computeIfAbsent(t.text("resource_id"), k -> new TreeMap<>()).put(t.text("key"), t.text("value"));
    }
    Map<String, List<Resource>> extraEnisByInstance = new TreeMap<>();
    for (Resource eni : state.resources("aws_network_interface")) {
      JsonNode attachment = eni.values().path("attachment").path(0);
      extraEnisByInstance.computeIfAbsent(attachment.path("instance").asText(), k -> new ArrayList<>()).add(eni);
    }
    for (Resource instance : state.resources("aws_instance")) {
      String instanceId = ids.id("i-", instance.text("id"));
      fake.addInstance(instanceId, instance.text("availability_zone"));
      String primaryEni = instance.text("primary_network_interface_id");
      fake.addNetworkInterface(ids.id("eni-", primaryEni), instanceId, instance.text("private_ip"),
          instance.texts("secondary_private_ips"), tagsByResourceId.getOrDefault(primaryEni, Map.of()));
      List<Resource> extras = new ArrayList<>(extraEnisByInstance.getOrDefault(instance.text("id"), List.of()));
      extras.sort(Comparator.comparingInt(e -> e.values().path("attachment").path(0).path("device_index").asInt()));
      for (int device = 1; device <= extras.size(); device++) {
        Resource eni = extras.get(device - 1);
        // The fake attaches at the next device index: Terraform's must be that one.
        assertEquals(device, eni.values().path("attachment").path(0).path("device_index").asInt(), eni.address());
        List<String> ips = eni.texts("private_ips");
        assertEquals(1, ips.size(), eni.address() + " carries one home IP");
        fake.addNetworkInterface(ids.id("eni-", eni.text("id")), instanceId, ips.get(0), List.of(), eni.tags());
      }
    }
    for (Resource eip : state.resources("aws_eip")) {
      assertEquals("vpc", eip.text("domain"), eip.address());
      fake.addAddress(ids.id("eipalloc-", eip.text("allocation_id")), ids.publicIp(eip.text("public_ip")), eip.tags());
    }
  }

  /** The topology the module says it built: its nodes and eips outputs. */
  private static ClusterTopology declared(TerraformState state, Ec2Ids ids) {
    ClusterTopology.Builder b = ClusterTopology.builder().clusterName("web-lb");
    state.output("nodes").fields().forEachRemaining(e -> {
      JsonNode n = e.getValue();
      List<AttachmentPoint> homes = new ArrayList<>();
      for (int i = 0; i < n.path("home_ips").size(); i++) {
        homes.add(AttachmentPoint.primary(ids.id("eni-", n.path("eni_ids").path(i).asText()), n.path("home_ips").path(i).asText()));
      }
      List<AttachmentPoint> reserved = new ArrayList<>();
      String firstEni = ids.id("eni-", n.path("eni_ids").path(0).asText());
      n.path("reserved_ips").forEach(ip -> reserved.add(AttachmentPoint.reserved(firstEni, ip.asText())));
      b.node(new NodeSpec(NodeId.of(e.getKey()), homes, reserved));
    });
    List<ElasticIp> eips = new ArrayList<>();
    state.output("eips").forEach(e -> eips.add(new ElasticIp(ids.id("eipalloc-", e.path("allocation_id").asText()),
        ids.publicIp(e.path("public_ip").asText()), NodeId.of(e.path("home").asText()))));
    // The tag contract orders EIPs by allocation id (the i-th EIP homed on a node lives on its i-th home IP).
    eips.sort(Comparator.comparing(ElasticIp::allocationId));
    eips.forEach(b::elasticIp);
    return b.build();
  }
}
