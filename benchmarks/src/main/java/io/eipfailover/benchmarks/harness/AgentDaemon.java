package io.eipfailover.benchmarks.harness;

import io.eipfailover.aws.testing.Ec2Fake;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Our agent as users run it: {@code java <flags> -jar eipfailover-agent.jar --config FILE} (the
 * examples module's shaded jar), in its node's namespace, configured like a real deployment (explicit
 * topology, UDP heartbeats on the node's private IP, reachability guard on the VPC gateway, EC2 and
 * IMDS through the gateway's relays to the fake) plus the setting's {@code agent.*} keys. Its log
 * lines carry microsecond UTC timestamps (a logback configuration of the harness's), from which it
 * reads the membership's peer transitions ({@code peer lb-b: ALIVE -> DEAD}), {@code started:} and
 * the end of the start-up grace ({@code allowed again after start-up grace}).
 */
final class AgentDaemon extends Daemon {
  private static final Pattern LINE = Pattern.compile("^(\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{6}) (.*)$");
  private static final Pattern PEER = Pattern.compile("\\] peer (\\S+): (\\S+) -> (\\S+)$");
  private static final Pattern VIEW = Pattern.compile("\\] View\\{\\S+ #\\d+ (.*)\\}$");

  private final Path agentJar;
  private final Path config;
  private final Path logback;

  AgentDaemon(Setting setting, PairLayout.Node node, BenchNetwork net, Path runDir, WallClock clock, Path agentJar)
      throws IOException {
    super(setting, node, net, runDir, clock);
    this.agentJar = agentJar;
    Files.createDirectories(runDir);
    Path keys = runDir.resolve("authkeys");
    Files.writeString(keys, "1 bench-shared-secret-0123456789abcdef\n", StandardCharsets.US_ASCII);
    Files.setPosixFilePermissions(keys, PosixFilePermissions.fromString("rw-------"));
    this.logback = runDir.resolve("logback-bench.xml");
    Files.writeString(logback, LOGBACK, StandardCharsets.UTF_8);
    this.config = runDir.resolve("agent-" + setting.label() + "-" + node.id() + ".properties");
    StringBuilder sb = new StringBuilder("# written by the failover harness for setting " + setting.label() + "\n");
    properties(node, setting.agentProperties()).forEach((k, v) -> sb.append(k).append(" = ").append(v).append('\n'));
    Files.writeString(config, sb.toString(), StandardCharsets.UTF_8);
  }

  static final String LOGBACK = String.join("\n",
      "<configuration>",
      "  <statusListener class=\"ch.qos.logback.core.status.NopStatusListener\"/>",
      "  <appender name=\"OUT\" class=\"ch.qos.logback.core.ConsoleAppender\">",
      "    <encoder><pattern>%d{yyyy-MM-dd'T'HH:mm:ss.SSS,UTC}%micros %-5level %logger{0} - %msg%n</pattern></encoder>",
      "  </appender>",
      "  <logger name=\"software.amazon.awssdk\" level=\"WARN\"/>",
      "  <logger name=\"org.jgroups\" level=\"WARN\"/>",
      "  <root level=\"INFO\"><appender-ref ref=\"OUT\"/></root>",
      "</configuration>", "");

  /** The agent configuration of {@code node}: the bench's base, then {@code overrides}. */
  static Map<String, String> properties(PairLayout.Node node, Map<String, String> overrides) {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("cluster.name", PairLayout.CLUSTER);
    p.put("node.id", node.id().value());
    p.put("topology.source", "explicit");
    p.put("topology.nodes", PairLayout.A + "," + PairLayout.B);
    for (PairLayout.Node n : PairLayout.nodes()) {
      p.put("topology.node." + n.id() + ".eni", n.eni());
      p.put("topology.node." + n.id() + ".home-ips", n.primaryIp());
      p.put("topology.node." + n.id() + ".reserved-ips", n.reservedIp());
      p.put("topology.eip." + n.home().allocationId() + ".public-ip", n.home().publicIp());
      p.put("topology.eip." + n.home().allocationId() + ".home", n.id().value());
    }
    p.put("membership.type", "udp");
    p.put("membership.port", Integer.toString(PairLayout.HEARTBEAT_PORT));
    p.put("membership.key-file", "authkeys");
    p.put("strategy", "home-with-failback");
    p.put("strategy.failback-delay", "1s");
    p.put("guard", "reachability");
    p.put("guard.reachability.targets", PairLayout.GATEWAY + ":" + PairLayout.EC2_PORT);
    p.put("health.check", "none");
    p.put("status.port", "9777");
    p.put("ec2.region", "us-east-1");
    p.put("ec2.endpoint", "http://" + PairLayout.GATEWAY + ":" + PairLayout.EC2_PORT);
    p.put("ec2.imds-endpoint", "http://" + PairLayout.GATEWAY + ":" + node.imdsPort());
    p.put("ec2.call-timeout", "2s");
    p.put("failover.hold-time", "2s");
    p.put("log.level", "INFO");
    p.putAll(overrides);
    return p;
  }

  @Override
  protected List<String> command() {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(setting.jvm());
    cmd.add("-Daws.accessKeyId=" + node.id());
    cmd.add("-Daws.secretAccessKey=" + Ec2Fake.TEST_SECRET);
    cmd.add("-Dlogback.configurationFile=" + logback);
    cmd.addAll(List.of("-jar", agentJar.toString(), "--config", config.toString()));
    return cmd;
  }

  @Override
  protected void onLine(String line) {
    parse(line).ifPresent(events::add);
  }

  /** The event in one log line of the agent, if it reports one. */
  static Optional<EventLine> parse(String line) {
    Matcher m = LINE.matcher(line);
    if (!m.matches()) {
      return Optional.empty();
    }
    long micros = EventLine.micros(LocalDateTime.parse(m.group(1)).toInstant(ZoneOffset.UTC));
    String msg = m.group(2);
    Matcher peer = PEER.matcher(msg);
    if (peer.find()) {
      return Optional.of(new EventLine("peer", micros, Map.of("peer", peer.group(1), "from", peer.group(2), "to",
          peer.group(3))));
    }
    Matcher view = VIEW.matcher(msg);
    if (view.find()) {
      // the reconciler's line for each membership view: "View{lb-01 #7 lb-01=ALIVE lb-02=DEAD ...}"
      return Optional.of(new EventLine("view", micros, Map.of("members", view.group(1))));
    }
    if (msg.contains("] started: ")) {
      return Optional.of(new EventLine("started", micros, Map.of()));
    }
    if (msg.contains("allowed again after start-up grace")) {
      return Optional.of(new EventLine("ready", micros, Map.of()));
    }
    if (msg.contains("allowed again after")) {
      return Optional.of(new EventLine("lifted", micros, Map.of())); // a hold other than the grace ended
    }
    if (msg.contains("this node was paused") || msg.contains("EC2 answers again after")) {
      return Optional.of(new EventLine("held", micros, Map.of())); // takeovers held back again
    }
    return Optional.empty();
  }

  @Override
  boolean convictsPeer(EventLine e) {
    return e.kind().equals("peer") && e.field("peer").equals(PairLayout.peerOf(node).id().value())
        && e.field("to").equals("DEAD");
  }

  /** Whether {@code e} shows the peer handing its EIPs over (graceful stop: it announced standby). */
  static boolean peerStandby(EventLine e) {
    return e.kind().equals("peer") && e.field("to").equals("STANDBY");
  }

  @Override
  Optional<Long> readyMicros() {
    long since = startMicros();
    return events.last(e -> e.kind().equals("ready") && e.micros() >= since).map(EventLine::micros);
  }

  /** When this start logged {@code started:} (membership and reconciler running), if it has. */
  @Override
  Optional<Long> runningMicros() {
    long since = startMicros();
    return events.last(e -> e.kind().equals("started") && e.micros() >= since).map(EventLine::micros);
  }

  @Override
  boolean steadyRoles() {
    String peer = PairLayout.peerOf(node).id().value();
    return events.last(e -> e.kind().equals("peer") && e.field("peer").equals(peer))
        .map(e -> e.field("to").equals("ALIVE")).orElse(false);
  }
}
