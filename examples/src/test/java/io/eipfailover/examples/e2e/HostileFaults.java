package io.eipfailover.examples.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The hostile cases' faults beyond the attacker's datagrams, on a running {@link Stage}: heartbeats
 * lost in one direction only, a flapping link, a key file changed under a running agent; and what
 * the agents' {@code /metrics} say. Everything acts inside the stage's namespaces. Stateless.
 */
final class HostileFaults {
  private HostileFaults() {}

  /** Drops (or stops dropping) the heartbeats {@code from} sends to {@code to}, at {@code to}'s input only. */
  static void loseHeartbeats(Stage s, String from, String to, boolean on) {
    Sh.in(s.net.ns(to), "iptables " + (on ? "-I" : "-D") + " INPUT -p udp -s " + StageNetwork.HOSTS.get(from)
        + " --dport " + Stage.HEARTBEAT_PORT + " -j DROP");
  }

  /**
   * Makes {@code lb}'s link lose every packet, both ways, for {@code downMs}, then carry them for
   * {@code upMs}, {@code times} times; ends carrying. A packet filter rather than the link's carrier:
   * taking the veth down and up also flushes the node's neighbour table and stalled its traffic for
   * about 10 s after 300 ms flaps (seen in the first runs), which is an outage, not a flap.
   */
  static void flap(Stage s, String lb, long downMs, long upMs, int times) {
    for (int i = 0; i < times; i++) {
      cut(s, lb, true);
      Sh.sleep(downMs);
      cut(s, lb, false);
      Sh.sleep(upMs);
    }
  }

  private static void cut(Stage s, String lb, boolean on) {
    String op = on ? "-I" : "-D";
    Sh.in(s.net.ns(lb), "iptables " + op + " INPUT -i eth0 -j DROP");
    Sh.in(s.net.ns(lb), "iptables " + op + " OUTPUT -o eth0 -j DROP");
  }

  /**
   * Replaces {@code lb}'s key file (same owner and mode) with key id 1 and {@code secret}, as an
   * operator's edit would, and sends its agent SIGHUP, which reloads the keyring.
   */
  static void rekey(Stage s, String lb, String secret) throws IOException {
    Path key = s.etcDir(lb).resolve("keys/cluster.key");
    Files.writeString(key, "1 " + secret + "\n");
    s.agent(lb).signal("HUP");
  }

  /** The key the stage gave every node (see {@code Stage.writeEtc}). */
  static String stageSecret(Stage s) {
    return "e2e-secret-" + s.net.runId + "-0123456789abcdef";
  }

  /** {@code lb}'s /metrics text, or "" when the endpoint does not answer. */
  static String metrics(Stage s, String lb) {
    Sh.Result r = Sh.tryRun("ip netns exec " + s.net.ns(lb) + " curl -s -m 2 http://127.0.0.1:9777/metrics");
    return r.ok() ? r.output() : "";
  }

  /** The sum of the samples of {@code series} whose labels contain {@code labelPart} ("" for all). */
  static long sum(String metricsText, String series, String labelPart) {
    long total = 0;
    for (String line : metricsText.split("\n")) {
      if (line.startsWith(series + "{") && line.contains(labelPart) || line.startsWith(series + " ") && labelPart.isEmpty()) {
        total += (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
      }
    }
    return total;
  }

  /** Lines of {@code lb}'s current agent log containing {@code text}. */
  static long logLines(Stage s, String lb, String text) {
    return s.agent(lb).output().lines().filter(l -> l.contains(text)).count();
  }
}
