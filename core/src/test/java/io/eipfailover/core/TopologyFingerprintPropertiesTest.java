package io.eipfailover.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * The topology fingerprint is what nodes compare in heartbeats: equal topologies must agree on it,
 * and a change to any single field must change it.
 */
class TopologyFingerprintPropertiesTest {

  /** A mutable description of a topology, so single fields can be changed before building. */
  static final class Desc {
    String cluster;
    final List<String> nodes = new ArrayList<>();
    final Map<String, List<AttachmentPoint>> homes = new HashMap<>();
    final Map<String, List<AttachmentPoint>> spares = new HashMap<>();
    final List<String[]> eips = new ArrayList<>(); // {allocationId, publicIp, home}

    static Desc random(long seed) {
      Random r = new Random(seed);
      Desc d = new Desc();
      d.cluster = "c" + r.nextInt(1000);
      int nodes = 1 + r.nextInt(5);
      int ip = 1 + r.nextInt(50);
      for (int i = 0; i < nodes; i++) {
        String id = "n" + r.nextInt(100) + "x" + i;
        d.nodes.add(id);
        String eni = "eni-" + Integer.toHexString(r.nextInt(1 << 20)) + i;
        List<AttachmentPoint> h = new ArrayList<>();
        for (int k = 0, n = 1 + r.nextInt(3); k < n; k++) {
          h.add(AttachmentPoint.primary(eni, "10.1." + (ip / 250) + "." + (ip++ % 250)));
        }
        List<AttachmentPoint> s = new ArrayList<>();
        for (int k = 0, n = r.nextInt(3); k < n; k++) {
          s.add(AttachmentPoint.reserved(eni, "10.1." + (ip / 250) + "." + (ip++ % 250)));
        }
        d.homes.put(id, h);
        d.spares.put(id, s);
      }
      int k = 0;
      for (String n : d.nodes) {
        for (int j = 0, c = r.nextInt(d.homes.get(n).size() + 1); j < c; j++, k++) {
          d.eips.add(new String[] {"eipalloc-" + Integer.toHexString(r.nextInt(1 << 24)) + "0" + k, "52.9." + k + "." + r.nextInt(250), n});
        }
      }
      Collections.shuffle(d.eips, r);
      return d;
    }

    ClusterTopology build(boolean reverseNodes) {
      ClusterTopology.Builder b = ClusterTopology.builder().clusterName(cluster);
      List<String> order = new ArrayList<>(nodes);
      if (reverseNodes) {
        Collections.reverse(order);
      }
      for (String n : order) {
        b.node(new NodeSpec(NodeId.of(n), homes.get(n), spares.get(n)));
      }
      eips.forEach(e -> b.elasticIp(ElasticIp.of(e[0], e[1], e[2])));
      return b.build();
    }
  }

  @Property(tries = 300)
  void equalTopologiesHaveEqualFingerprints(@ForAll long seed) {
    Desc d = Desc.random(seed);
    ClusterTopology one = d.build(false);
    ClusterTopology two = Desc.random(seed).build(true);
    assertEquals(one, two);
    assertEquals(one.fingerprint(), two.fingerprint());
  }

  @Property(tries = 300)
  void differentTopologiesHaveDifferentFingerprints(@ForAll long seed1, @ForAll long seed2) {
    ClusterTopology one = Desc.random(seed1).build(false);
    ClusterTopology two = Desc.random(seed2).build(false);
    Assume.that(!one.equals(two));
    assertNotEquals(one.fingerprint(), two.fingerprint(), one + " vs " + two);
  }

  @Property(tries = 300)
  void changingAnySingleFieldChangesTheFingerprint(@ForAll long seed, @ForAll @IntRange(min = 0, max = 8) int field) {
    Desc d = Desc.random(seed);
    long before = d.build(false).fingerprint();
    String n = d.nodes.get(0);
    switch (field) {
      case 0 -> d.cluster = d.cluster + "-b";
      case 1 -> { // rename the first node (and the homes of its EIPs)
        String renamed = n + "r";
        d.nodes.set(0, renamed);
        d.homes.put(renamed, d.homes.remove(n));
        d.spares.put(renamed, d.spares.remove(n));
        d.eips.forEach(e -> e[2] = e[2].equals(n) ? renamed : e[2]);
      }
      case 2 -> { // another ENI id for the first home point
        AttachmentPoint p = d.homes.get(n).get(0);
        d.homes.get(n).set(0, AttachmentPoint.primary(p.networkInterfaceId() + "f", p.privateIp()));
      }
      case 3 -> { // another private IP for the first home point
        AttachmentPoint p = d.homes.get(n).get(0);
        d.homes.get(n).set(0, AttachmentPoint.primary(p.networkInterfaceId(), "10.200.0.1"));
      }
      case 4 -> // one more reserved point
          d.spares.get(n).add(AttachmentPoint.reserved("eni-abc", "10.200.0.2"));
      case 5 -> { // a reserved point becomes a home point (same ENI and IP, other role)
        Assume.that(!d.spares.get(n).isEmpty());
        AttachmentPoint p = d.spares.get(n).remove(0);
        d.homes.get(n).add(AttachmentPoint.primary(p.networkInterfaceId(), p.privateIp()));
      }
      case 6 -> {
        Assume.that(!d.eips.isEmpty());
        d.eips.get(0)[0] = d.eips.get(0)[0] + "a";
      }
      case 7 -> {
        Assume.that(!d.eips.isEmpty());
        d.eips.get(0)[1] = "52.200.0.1";
      }
      default -> { // EIP order decides home points, so it is part of the topology
        Assume.that(d.eips.size() >= 2);
        Collections.swap(d.eips, 0, 1);
      }
    }
    assertNotEquals(before, d.build(false).fingerprint(), "field " + field);
  }
}
