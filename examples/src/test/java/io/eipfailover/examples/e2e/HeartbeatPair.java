package io.eipfailover.examples.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A Linux-HA Heartbeat 3 pair (Debian's {@code heartbeat}, v1 {@code haresources} mode) on the
 * stage's load balancers, set up like the classic Elastic IP recipe: {@code ucast} heartbeats,
 * the VPC gateway as {@code ping} node, {@code auto_failback on}, each node the home of one EIP
 * through an {@code updateEIPn} resource script that calls {@code aws ec2 associate-address} (the
 * AWS CLI, against the stage's EC2 fake) with the ENI and private IP of the node it runs on.
 *
 * <p>Two Heartbeats cannot share a host's {@code /etc/ha.d}, {@code /var/lib/heartbeat}, {@code
 * /run} and host name, so each runs in its node's network namespace under {@code unshare --uts
 * --mount}, with its own copies bind-mounted there (made under the run directory, from the
 * installed package's files). Not thread-safe: the test thread drives it.
 */
final class HeartbeatPair {
  static final String HEARTBEAT = "/usr/libexec/heartbeat/heartbeat";
  private final Stage stage;
  private final Path root;
  private final Map<String, StageProcess> running = new LinkedHashMap<>();
  private final Map<String, Integer> starts = new LinkedHashMap<>();

  private HeartbeatPair(Stage stage, Path root) {
    this.stage = stage;
    this.root = root;
  }

  /** Writes both nodes' directories under the run directory. */
  static HeartbeatPair write(Stage stage) throws IOException {
    HeartbeatPair p = new HeartbeatPair(stage, Files.createDirectories(stage.runDir.resolve("heartbeat")));
    for (String lb : List.of("lb1", "lb2")) {
      p.writeNode(lb);
    }
    return p;
  }

  /** {@code lb}'s {@code /etc/ha.d} (what the importer reads). */
  Path haDir(String lb) {
    return root.resolve(lb).resolve("ha.d");
  }

  private void writeNode(String lb) throws IOException {
    Path dir = Files.createDirectories(root.resolve(lb));
    Path ha = Files.createDirectories(dir.resolve("ha.d"));
    Sh.run("cp -a /etc/ha.d/. " + ha);
    Path lib = Files.createDirectories(dir.resolve("lib"));
    Sh.run("cp -a /var/lib/heartbeat/. " + lib);
    for (String d : List.of("heartbeat", "heartbeat/ccm", "heartbeat/crm", "heartbeat/dopd", "crm")) {
      Path run = Files.createDirectories(dir.resolve("run").resolve(d));
      Sh.run("chown hacluster:haclient " + run);
      Files.setPosixFilePermissions(run, PosixFilePermissions.fromString("rwxr-x---"));
    }
    Files.writeString(ha.resolve("ha.cf"), String.join("\n",
        "# /etc/ha.d/ha.cf of " + lb + ": the classic two-node Elastic IP recipe (the same on both nodes)",
        "logfile " + dir.resolve("ha-log"),
        "logfacility none",
        "use_logd no",
        "realtime off",
        "udpport " + Stage.HEARTBEAT_PORT,
        "keepalive 500ms",
        "warntime 2",
        "deadtime 3",
        "initdead 10",
        "ucast eth0 " + StageNetwork.HOSTS.get("lb1"),
        "ucast eth0 " + StageNetwork.HOSTS.get("lb2"),
        "ping " + StageNetwork.GATEWAY,
        "auto_failback on",
        "node lb1",
        "node lb2",
        ""));
    Files.writeString(ha.resolve("haresources"), "lb1 updateEIP1\nlb2 updateEIP2\n");
    Path authkeys = ha.resolve("authkeys");
    Files.writeString(authkeys, "auth 1\n1 sha1 e2e-heartbeat-" + stage.net.runId + "\n");
    Files.setPosixFilePermissions(authkeys, PosixFilePermissions.fromString("rw-------"));
    int i = 1;
    for (String eip : List.of(Stage.EIP1, Stage.EIP2)) {
      String privateIp = lb.equals("lb" + i) ? StageNetwork.HOSTS.get(lb) : StageNetwork.RESERVED.get(lb);
      Path script = ha.resolve("resource.d").resolve("updateEIP" + i);
      Files.writeString(script, resourceScript(lb, eip, Stage.PUBLIC_IPS.get(eip), privateIp,
          !privateIp.equals(StageNetwork.HOSTS.get(lb)), dir.resolve("res.log")));
      Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
      i++;
    }
  }

  /**
   * The classic {@code updateEIPn}: on a peer's EIP ({@code secondary}) it first adds the reserved
   * IP to the OS, as the recipe does; {@code stop} neither disassociates nor removes the address
   * (either would cut the EIP off while its holder still serves).
   */
  private static String resourceScript(String lb, String allocationId, String publicIp, String privateIp,
      boolean secondary, Path log) {
    return String.join("\n",
        "#!/bin/sh",
        "# Heartbeat resource script: moves EIP " + publicIp + " onto this node (" + lb + ").",
        "export AWS_ACCESS_KEY_ID=AKIDE2E" + lb.toUpperCase(java.util.Locale.ROOT) + " AWS_SECRET_ACCESS_KEY=e2e-not-a-secret",
        "export AWS_DEFAULT_REGION=us-east-1 AWS_EC2_METADATA_DISABLED=true",
        "EIP=" + publicIp,
        "ALLOCATION_ID=" + allocationId,
        "ENI=" + Stage.ENIS.get(lb),
        "PRIVATE_IP=" + privateIp,
        "ENDPOINT=http://" + StageNetwork.GATEWAY + ":" + StageNetwork.EC2_PORT,
        "",
        "case \"$1\" in",
        "  start)",
        "    echo \"$(date +%T.%N) start $EIP\" >> " + log,
        secondary ? "    ip addr add $PRIVATE_IP/24 dev eth0 2>/dev/null || true" : "    # the primary IP: always there",
        "    aws --endpoint-url $ENDPOINT ec2 associate-address --allocation-id $ALLOCATION_ID \\",
        "        --network-interface-id $ENI --private-ip-address $PRIVATE_IP --allow-reassociation >> " + log + " 2>&1",
        "    ;;",
        "  stop)",
        "    # nothing: the next holder's associate-address moves the EIP in one call",
        "    echo \"$(date +%T.%N) stop $EIP\" >> " + log,
        "    ;;",
        "  status)",
        "    holder=$(aws --endpoint-url $ENDPOINT ec2 describe-addresses --allocation-ids $ALLOCATION_ID \\",
        "        --query 'Addresses[0].PrivateIpAddress' --output text)",
        "    if [ \"$holder\" = \"$PRIVATE_IP\" ]; then echo running; else echo stopped; fi",
        "    ;;",
        "esac",
        "exit 0",
        "");
  }

  /** Starts {@code lb}'s Heartbeat in its namespace, with its own host name, config and state. */
  void start(String lb) throws IOException {
    Path dir = root.resolve(lb);
    int n = starts.merge(lb, 1, Integer::sum);
    running.put(lb, StageProcess.start("heartbeat-" + lb, stage.net.ns(lb), List.of("unshare", "--uts", "--mount",
        "--propagation", "private", "sh", "-c", "hostname " + lb
            + " && mount --bind " + dir.resolve("ha.d") + " /etc/ha.d"
            + " && mount --bind " + dir.resolve("lib") + " /var/lib/heartbeat"
            + " && mount --bind " + dir.resolve("run") + " /run"
            + " && exec " + HEARTBEAT + " -f"), stage.runDir.resolve("heartbeat-" + lb + "-" + n + ".out")));
  }

  /** Kills {@code lb}'s Heartbeat with SIGKILL (a crash: its peer takes over after deadtime). */
  void crash(String lb) throws InterruptedException {
    StageProcess p = running.get(lb);
    p.signal("KILL");
    p.waitFor(10_000);
  }

  /**
   * Stops {@code lb}'s Heartbeat as {@code systemctl stop heartbeat} does (SIGTERM): it releases its
   * resources (the no-op {@code stop}), the peer takes them, and it exits.
   *
   * @return its exit code, or -1 if it still ran after {@code millis}
   */
  int stop(String lb, long millis) throws InterruptedException {
    StageProcess p = running.get(lb);
    p.signal("TERM");
    return p.waitFor(millis);
  }

  /** {@code lb}'s Heartbeat log so far. */
  String log(String lb) {
    try {
      Path f = root.resolve(lb).resolve("ha-log");
      return Files.exists(f) ? Files.readString(f) : "";
    } catch (IOException e) {
      return e.toString();
    }
  }

  /** Stops whatever still runs (teardown; the stage kills the rest with the namespaces). */
  void close() {
    running.values().forEach(p -> p.stop(2000));
  }
}
