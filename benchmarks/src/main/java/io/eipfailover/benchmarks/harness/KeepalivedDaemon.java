package io.eipfailover.benchmarks.harness;

import io.eipfailover.aws.testing.Ec2Fake;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * keepalived (the distribution's package) as the baseline, set up the way the classic EIP recipe
 * runs it, active-active like our pair: two VRRP instances, {@code VI_A} (master lb-a, priority 150
 * over 100) and {@code VI_B} (master lb-b), unicast VRRPv3 between the nodes' private IPs, the
 * setting's {@code advert_int}, default preemption. Its own configuration, pid files and notify log
 * live in the run folder; it runs in the foreground ({@code -n}) as parent and VRRP child, VRRP only
 * ({@code -P}), without respawn ({@code -R}: a {@code kill -9} stays a crash).
 *
 * <p>Its {@code notify} script writes {@code <epoch µs> <instance> <state>} to the notify log
 * first, then, on MASTER, sends {@code AssociateAddress} for that instance's EIP to the EC2 fake
 * with curl, SigV4-signed like the SDK's (the node's private IP for its own EIP, its reserved IP
 * for the peer's): the same call our agent makes, through the same relay, so both daemons are
 * timed at the fake. curl is the fastest thing a script can run; the classic recipe's AWS CLI adds
 * its start-up on top. The harness tails the notify log for the state changes.
 */
final class KeepalivedDaemon extends Daemon {
  private static final AtomicInteger INSTANCES = new AtomicInteger();
  private static final java.util.regex.Pattern STATE = java.util.regex.Pattern.compile(
      "\\((VI_[AB])\\) Entering (\\S+) STATE");
  private final Path config;
  private final Path notifyLog;
  private final Path pidDir;
  private final Thread tail;
  private volatile boolean closed;

  KeepalivedDaemon(Setting setting, PairLayout.Node node, BenchNetwork net, Path runDir, WallClock clock)
      throws IOException {
    super(setting, node, net, runDir, clock);
    String name = "keepalived-" + node.id() + "-" + INSTANCES.incrementAndGet();
    this.pidDir = Files.createDirectories(runDir.resolve(name));
    this.notifyLog = pidDir.resolve("notify.log");
    Files.writeString(notifyLog, "");
    Path script = pidDir.resolve("notify.sh");
    Files.writeString(script, notifyScript(node, notifyLog), StandardCharsets.UTF_8);
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
    this.config = pidDir.resolve("keepalived.conf");
    Files.writeString(config, config(node, setting.advertSeconds(), script), StandardCharsets.UTF_8);
    this.tail = new Thread(this::tailNotifyLog, "harness-tail-" + name);
    tail.setDaemon(true);
    tail.start();
  }

  /** The VRRP instance whose master is {@code n}. */
  static String instance(PairLayout.Node n) {
    return n.id().equals(PairLayout.A) ? "VI_A" : "VI_B";
  }

  static String config(PairLayout.Node self, double advertSeconds, Path notify) {
    PairLayout.Node peer = PairLayout.peerOf(self);
    StringBuilder sb = new StringBuilder(String.join("\n",
        "# written by the failover harness",
        "global_defs {",
        "  router_id " + self.id(),
        "  script_user root",
        "  enable_script_security",
        "  vrrp_version 3",
        "}", ""));
    int vrid = 51;
    for (PairLayout.Node owner : PairLayout.nodes()) {
      sb.append(String.join("\n",
          "vrrp_instance " + instance(owner) + " {",
          "  state BACKUP",
          "  interface eth0",
          "  virtual_router_id " + vrid++,
          "  priority " + (owner.equals(self) ? 150 : 100),
          "  advert_int " + String.format(Locale.ROOT, "%.2f", advertSeconds),
          "  unicast_src_ip " + self.primaryIp(),
          "  unicast_peer {",
          "    " + peer.primaryIp(),
          "  }",
          "  virtual_ipaddress {",
          "    " + owner.vip() + "/32 dev eth0",
          "  }",
          "  notify " + notify,
          "}", ""));
    }
    return sb.toString();
  }

  static String notifyScript(PairLayout.Node self, Path notifyLog) {
    StringBuilder sb = new StringBuilder(String.join("\n",
        "#!/bin/sh",
        "# keepalived notify: $1 = INSTANCE, $2 = instance name, $3 = new state. Written by the failover harness.",
        "echo \"$(date +%s%6N) $2 $3\" >> " + notifyLog,
        "[ \"$3\" = MASTER ] || exit 0",
        "case \"$2\" in", ""));
    for (PairLayout.Node owner : PairLayout.nodes()) {
      String ip = owner.equals(self) ? self.primaryIp() : self.reservedIp();
      sb.append("  ").append(instance(owner)).append(") alloc=").append(owner.home().allocationId()).append(" ip=")
          .append(ip).append(" ;;\n");
    }
    sb.append(String.join("\n",
        "  *) exit 0 ;;",
        "esac",
        "exec curl -s -o /dev/null -m 3 \\",
        "  --aws-sigv4 aws:amz:us-east-1:ec2 --user " + self.id() + ":" + Ec2Fake.TEST_SECRET + " \\",
        "  --data \"Action=AssociateAddress&Version=2016-11-15&AllocationId=$alloc&NetworkInterfaceId=" + self.eni()
            + "&PrivateIpAddress=$ip&AllowReassociation=true\" \\",
        "  http://" + PairLayout.GATEWAY + ":" + PairLayout.EC2_PORT + "/", ""));
    return sb.toString();
  }

  @Override
  protected List<String> command() {
    return List.of("keepalived", "-n", "-l", "-D", "-P", "-R", "-G", "-f", config.toString(),
        "-p", pidDir.resolve("keepalived.pid").toString(), "-r", pidDir.resolve("vrrp.pid").toString());
  }

  /**
   * keepalived's own log gives the order of its state changes (its timestamps have second
   * resolution); the notify log gives their times, but its lines come from concurrent scripts and
   * two changes within a millisecond may be written in either order.
   */
  @Override
  protected void onLine(String line) {
    java.util.regex.Matcher m = STATE.matcher(line);
    if (m.find()) {
      events.add(new EventLine("state", clock.micros(), Map.of("instance", m.group(1), "state", m.group(2))));
    }
  }

  /** Follows the notify log (polled every 10 ms; the times are in the lines, so polling adds no error). */
  private void tailNotifyLog() {
    try (RandomAccessFile f = new RandomAccessFile(notifyLog.toFile(), "r")) {
      StringBuilder partial = new StringBuilder();
      while (!closed) {
        String chunk;
        byte[] buf = new byte[(int) Math.max(0, f.length() - f.getFilePointer())];
        f.readFully(buf);
        chunk = new String(buf, StandardCharsets.UTF_8);
        partial.append(chunk);
        int nl;
        while ((nl = partial.indexOf("\n")) >= 0) {
          parse(partial.substring(0, nl)).ifPresent(events::add);
          partial.delete(0, nl + 1);
        }
        Thread.sleep(10);
      }
    } catch (IOException e) {
      events.add(new EventLine("error", clock.micros(), Map.of("what", "notify log unreadable: " + e)));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** {@code <epoch µs> <instance> <state>}, as the notify script writes it. */
  static Optional<EventLine> parse(String line) {
    String[] f = line.trim().split(" ");
    if (f.length != 3 || !f[0].matches("\\d{16}")) {
      return Optional.empty();
    }
    return Optional.of(new EventLine("vrrp", Long.parseLong(f[0]), Map.of("instance", f[1], "state", f[2])));
  }

  @Override
  boolean convictsPeer(EventLine e) {
    return isState(e, instance(PairLayout.peerOf(node)), "MASTER");
  }

  private static boolean isState(EventLine e, String instance, String state) {
    return e.kind().equals("vrrp") && e.field("instance").equals(instance) && e.field("state").equals(state);
  }

  /** keepalived runs, and can take over, as soon as its VRRP child has entered its first state (BACKUP, at init). */
  @Override
  Optional<Long> readyMicros() {
    return runningMicros();
  }

  @Override
  Optional<Long> runningMicros() {
    long since = startMicros();
    return events.since(0).stream().filter(e -> e.kind().equals("vrrp") && e.micros() >= since).findFirst()
        .map(EventLine::micros);
  }

  @Override
  boolean steadyRoles() {
    return lastState(instance(node)).equals("MASTER") && lastState(instance(PairLayout.peerOf(node))).equals("BACKUP");
  }

  /** The latest state keepalived logged for {@code instance} in this start, or "". */
  private String lastState(String instance) {
    long since = startMicros();
    return events.last(e -> e.kind().equals("state") && e.micros() >= since && e.field("instance").equals(instance))
        .map(e -> e.field("state")).orElse("");
  }

  @Override
  public void close() {
    super.close();
    closed = true;
  }
}
