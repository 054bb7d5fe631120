package io.eipfailover.examples.e2e;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The hostile cases' attacker: {@code hostile.py} run as root in the stage's namespaces. It sits on
 * the VPC subnet in the {@code cloud} host, so it can send from any address of the subnet with a
 * raw socket (the load balancers' firewalls open the heartbeat port to the cluster's addresses
 * only, so garbage must claim one of them to get through, as it could on a subnet without source
 * checks), and it captures a peer's real heartbeats in the receiving node's namespace. Only the
 * stage's addresses are ever targeted. Stateless.
 */
final class Attacker {
  private static final Pattern SENT = Pattern.compile("sent (\\d+)");

  private Attacker() {}

  /** One flood: {@code mode} ({@code garbage}, {@code mutated}, {@code replay}) at {@code lb}'s heartbeat port. */
  record Flood(String mode, String lb, double seconds, int rate, List<String> sources, Path captured) {}

  /** Captures {@code count} heartbeats {@code fromIp} sends to {@code lb} (in {@code lb}'s namespace). */
  static Path capture(Stage s, String lb, String fromIp, int count) throws IOException, InterruptedException {
    Path file = s.runDir.resolve("captured-" + fromIp + "-to-" + lb + ".hex");
    StageProcess p = StageProcess.start("capture", s.net.ns(lb), List.of("python3", Stage.script("hostile.py"),
        "capture", "eth0", fromIp, String.valueOf(Stage.HEARTBEAT_PORT), String.valueOf(count), file.toString()),
        s.runDir.resolve("attacker-capture.log"));
    int exit = p.waitFor(60_000);
    if (exit != 0) {
      p.stop(0);
      throw new AssertionError("capturing " + fromIp + "'s heartbeats in " + lb + " failed (" + exit + "): " + p.output());
    }
    return file;
  }

  /** Runs {@code floods} at once from the attacker's host; returns the datagrams each sent. */
  static List<Long> flood(Stage s, List<Flood> floods) throws IOException, InterruptedException {
    List<StageProcess> running = new ArrayList<>();
    for (Flood f : floods) {
      List<String> argv = new ArrayList<>(List.of("python3", Stage.script("hostile.py"), "flood", f.mode(),
          StageNetwork.HOSTS.get(f.lb()), String.valueOf(Stage.HEARTBEAT_PORT), String.valueOf(f.seconds()),
          String.valueOf(f.rate()), String.join(",", f.sources())));
      if (f.captured() != null) {
        argv.add(f.captured().toString());
      }
      running.add(StageProcess.start("flood-" + f.mode() + "-" + f.lb(), s.net.ns("cloud"), argv,
          s.runDir.resolve("attacker-" + f.mode() + "-" + f.lb() + ".log")));
    }
    List<Long> sent = new ArrayList<>();
    for (int i = 0; i < running.size(); i++) {
      StageProcess p = running.get(i);
      int exit = p.waitFor((long) (floods.get(i).seconds() * 1000) + 30_000);
      Matcher m = SENT.matcher(p.output());
      if (exit != 0 || !m.find()) {
        p.stop(0);
        throw new AssertionError("flood " + floods.get(i) + " failed (" + exit + "): " + p.output());
      }
      sent.add(Long.parseLong(m.group(1)));
    }
    return sent;
  }
}
