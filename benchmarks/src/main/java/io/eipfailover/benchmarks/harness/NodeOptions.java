package io.eipfailover.benchmarks.harness;

import io.eipfailover.core.NodeId;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The command line of {@link NodeMain}, as {@code key=value} arguments; also renders them, so the
 * harness builds the same line it parses. Immutable.
 *
 * @param self this node ({@code lb-a} or {@code lb-b})
 * @param profile the membership profile
 * @param portA lb-a's membership port (UDP, or JGroups TCP)
 * @param portB lb-b's membership port
 * @param ec2 the EC2 fake's endpoint
 * @param delayMillis mean added one-way delay of every heartbeat sent (UDP only)
 * @param jitterMillis ± spread of that delay
 * @param loss probability of dropping a heartbeat sent (UDP only)
 * @param noIcmp ignore ICMP port-unreachable (a killed peer then looks like a vanished host)
 * @param seed seed of the impairment randomness
 */
public record NodeOptions(NodeId self, Profile profile, int portA, int portB, URI ec2, int delayMillis,
    int jitterMillis, double loss, boolean noIcmp, long seed) {

  /** Parses {@code key=value} arguments; every key is required except the impairments. */
  public static NodeOptions parse(String[] args) {
    Map<String, String> m = new LinkedHashMap<>();
    for (String a : args) {
      int eq = a.indexOf('=');
      if (eq <= 0) {
        throw new IllegalArgumentException("arguments must be key=value, was '" + a + "'");
      }
      m.put(a.substring(0, eq), a.substring(eq + 1));
    }
    return new NodeOptions(NodeId.of(required(m, "self")), Profile.parse(required(m, "profile")),
        port(m, "portA"), port(m, "portB"), URI.create(required(m, "ec2")),
        Integer.parseInt(m.getOrDefault("delayMillis", "0")), Integer.parseInt(m.getOrDefault("jitterMillis", "0")),
        Double.parseDouble(m.getOrDefault("loss", "0")), Boolean.parseBoolean(m.getOrDefault("noIcmp", "false")),
        Long.parseLong(m.getOrDefault("seed", "1")));
  }

  private static String required(Map<String, String> m, String key) {
    String v = m.get(key);
    if (v == null || v.isEmpty()) {
      throw new IllegalArgumentException(key + " must be given as " + key + "=..., arguments were " + m);
    }
    return v;
  }

  private static int port(Map<String, String> m, String key) {
    int p = Integer.parseInt(required(m, key));
    if (p < 1 || p > 65_535) {
      throw new IllegalArgumentException(key + " must be 1 to 65535, was " + p);
    }
    return p;
  }

  /** The same options for the other node. */
  public NodeOptions forNode(NodeId node) {
    return new NodeOptions(node, profile, portA, portB, ec2, delayMillis, jitterMillis, loss, noIcmp, seed);
  }

  /** This node's port. */
  public int selfPort() {
    return self.equals(PairLayout.A) ? portA : portB;
  }

  /** The peer's port. */
  public int peerPort() {
    return self.equals(PairLayout.A) ? portB : portA;
  }

  /** Renders the arguments {@link #parse} reads. */
  public List<String> toArgs() {
    List<String> a = new ArrayList<>();
    a.add("self=" + self);
    a.add("profile=" + profile.label());
    a.add("portA=" + portA);
    a.add("portB=" + portB);
    a.add("ec2=" + ec2);
    a.add("delayMillis=" + delayMillis);
    a.add("jitterMillis=" + jitterMillis);
    a.add("loss=" + loss);
    a.add("noIcmp=" + noIcmp);
    a.add("seed=" + seed);
    return a;
  }
}
