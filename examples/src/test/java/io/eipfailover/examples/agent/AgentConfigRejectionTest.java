package io.eipfailover.examples.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.io.TempDir;

/** Every rejection of the configuration parser: each names the key and shows the bad value. */
class AgentConfigRejectionTest {
  @TempDir Path dir;

  @BeforeEach
  void writeKey() throws IOException {
    ConfigFixtures.keyFile(dir);
  }

  static Arguments reject(String name, Consumer<Map<String, String>> edit, String... expected) {
    return Arguments.of(name, edit, expected);
  }

  static Consumer<Map<String, String>> set(String key, String value) {
    return m -> m.put(key, value);
  }

  static Consumer<Map<String, String>> remove(String key) {
    return m -> m.remove(key);
  }

  static Stream<Arguments> rejections() {
    return Stream.of(
        reject("missing cluster", remove("cluster.name"), "cluster.name: is required"),
        reject("bad cluster", set("cluster.name", "web lb!"), "cluster.name:", "'web lb!'"),
        reject("missing node", remove("node.id"), "node.id: is required"),
        reject("bad node id", set("node.id", "-x"), "node.id:", "'-x'"),
        reject("node not in topology", set("node.id", "lb-c"), "node.id:", "'lb-c'"),
        reject("bad source", set("topology.source", "dns"), "topology.source:", "'dns'"),
        reject("topology keys with tags", set("topology.source", "tags"), "topology.nodes: is only valid with topology.source=explicit"),
        reject("no nodes", remove("topology.nodes"), "topology.nodes: is required"),
        reject("bad node in list", set("topology.nodes", "lb-a,lb b"), "topology.nodes:", "'lb b'"),
        reject("missing eni", remove("topology.node.lb-b.eni"), "topology.node.lb-b.eni: is required"),
        reject("bad eni", set("topology.node.lb-b.eni", "eth0"), "topology.node.lb-b.eni:", "'eth0'"),
        reject("missing home ips", remove("topology.node.lb-b.home-ips"), "topology.node.lb-b.home-ips: is required"),
        reject("bad home ip", set("topology.node.lb-b.home-ips", "10.0.2.300"), "topology.node.lb-b.home-ips:", "'10.0.2.300'"),
        reject("bad reserved ip", set("topology.node.lb-b.reserved-ips", "ten"), "topology.node.lb-b.reserved-ips:", "'ten'"),
        reject("undeclared node", set("topology.node.lb-c.eni", "eni-0c"), "topology.node.lb-c.eni:", "'lb-c'"),
        reject("duplicate private ip", set("topology.node.lb-b.reserved-ips", "10.0.1.11"), "topology:", "10.0.1.11"),
        reject("no eips", m -> m.keySet().removeIf(k -> k.startsWith("topology.eip.")), "topology.eip.<allocation-id>.home: at least one"),
        reject("eip without public ip", remove("topology.eip.eipalloc-0b.public-ip"), "topology.eip.eipalloc-0b.public-ip: is required"),
        reject("eip without home", remove("topology.eip.eipalloc-0b.home"), "topology.eip.eipalloc-0b.home: is required"),
        reject("bad public ip", set("topology.eip.eipalloc-0b.public-ip", "203.0.113"), "topology.eip.eipalloc-0b.public-ip:", "'203.0.113'"),
        reject("eip home unknown", set("topology.eip.eipalloc-0b.home", "lb-z"), "topology.eip.eipalloc-0b.home:", "'lb-z'"),
        reject("bad allocation id", m -> {
          m.remove("topology.eip.eipalloc-0b.home");
          m.remove("topology.eip.eipalloc-0b.public-ip");
          m.put("topology.eip.alloc-1.home", "lb-b");
          m.put("topology.eip.alloc-1.public-ip", "203.0.113.20");
        }, "topology.eip.alloc-1:", "'alloc-1'"),
        reject("reserved capacity short", remove("topology.node.lb-b.reserved-ips"), "topology:", "lb-b", "reserved"),
        reject("bad membership type", set("membership.type", "multicast"), "membership.type:", "'multicast'"),
        reject("bad port", set("membership.port", "70000"), "membership.port:", "'70000'"),
        reject("bad address", set("membership.address.lb-a", "localhost:7000"), "membership.address.lb-a:", "'localhost:7000'"),
        reject("address of unknown node", set("membership.address.lb-q", "127.0.0.1:7000"), "membership.address.lb-q:", "'lb-q'"),
        reject("udp without key", remove("membership.key-file"), "membership.key-file: is required"),
        reject("missing key file", set("membership.key-file", "nope"), "membership.key-file:", "nope"),
        reject("bad profile", set("membership.udp.profile", "fast"), "membership.udp.profile:", "'fast'"),
        reject("jgroups key with udp", set("membership.jgroups.stack-file", "tcp.xml"), "membership.jgroups.stack-file: is only valid with membership.type=jgroups", "'tcp.xml'"),
        reject("udp key with jgroups", m -> {
          m.put("membership.type", "jgroups");
          m.put("membership.udp.profile", "default");
        }, "membership.udp.profile: is only valid with membership.type=udp"),
        reject("unreadable stack file", m -> {
          m.put("membership.type", "jgroups");
          m.put("membership.jgroups.stack-file", "missing.xml");
        }, "membership.jgroups.stack-file:", "'missing.xml'"),
        reject("jgroups without key", m -> {
          m.put("membership.type", "jgroups");
          m.remove("membership.key-file");
        }, "membership.key-file: is required with membership.type=jgroups"),
        reject("key file with a jgroups stack file", m -> {
          m.put("membership.type", "jgroups");
          m.put("membership.jgroups.stack-file", "authkeys");
        }, "membership.key-file: is not used with membership.jgroups.stack-file", "'authkeys'"),
        reject("bad strategy", set("strategy", "random"), "strategy:", "'random'"),
        reject("bad failback delay", set("strategy.failback-delay", "soon"), "strategy.failback-delay:", "'soon'"),
        reject("negative failback delay", set("strategy.failback-delay", "-PT1S"), "strategy.failback-delay:", "'-PT1S'"),
        reject("failback delay with sticky", m -> {
          m.put("strategy", "sticky");
          m.put("strategy.failback-delay", "5s");
        }, "strategy.failback-delay: is not used by strategy=sticky", "'5s'"),
        reject("priority list without home first", m -> {
          m.put("strategy", "priority");
          m.put("strategy.priority.eipalloc-0a", "lb-b,lb-a");
          m.put("strategy.priority.eipalloc-0b", "lb-b,lb-a");
        }, "strategy.priority.eipalloc-0a: must start with the home node lb-a"),
        reject("priority list missing", m -> {
          m.put("strategy", "priority");
          m.put("strategy.priority.eipalloc-0a", "lb-a,lb-b");
        }, "strategy.priority.eipalloc-0b: is required"),
        reject("priority for unknown eip", m -> {
          m.put("strategy", "priority");
          m.put("strategy.priority.eipalloc-0a", "lb-a");
          m.put("strategy.priority.eipalloc-0b", "lb-b");
          m.put("strategy.priority.eipalloc-0c", "lb-b");
        }, "strategy.priority.eipalloc-0c:", "'eipalloc-0c'"),
        reject("priority with unknown node", m -> {
          m.put("strategy", "priority");
          m.put("strategy.priority.eipalloc-0a", "lb-a,lb-x");
          m.put("strategy.priority.eipalloc-0b", "lb-b");
        }, "strategy.priority.eipalloc-0a:", "'lb-x'"),
        reject("priority keys without priority", set("strategy.priority.eipalloc-0a", "lb-a"), "strategy.priority.eipalloc-0a: is only valid with strategy=priority"),
        reject("missing guard", remove("guard"), "guard: is required"),
        reject("bad guard", set("guard", "reachability,vibes"), "guard:", "'vibes'"),
        reject("guard twice", set("guard", "reachability,reachability"), "guard: must not name a guard twice"),
        reject("unguarded combined", set("guard", "unguarded,reachability"), "guard: unguarded cannot be combined", "'unguarded,reachability'"),
        reject("quorum of two", m -> {
          m.put("guard", "quorum");
          m.remove("guard.reachability.targets");
        }, "guard: quorum can never allow a takeover in a 2-node cluster", "'quorum'"),
        reject("bad combine", set("guard.combine", "either"), "guard.combine:", "'either'"),
        reject("missing reachability targets", remove("guard.reachability.targets"), "guard.reachability.targets: is required"),
        reject("bad reachability target", set("guard.reachability.targets", "gateway:443"), "guard.reachability.targets:", "'gateway:443'"),
        reject("zero reachability timeout", set("guard.reachability.timeout", "0ms"), "guard.reachability.timeout:", "'0ms'"),
        reject("reachability key without reachability", m -> {
          m.put("guard", "ec2-instance-state");
        }, "guard.reachability.targets: is only valid when guard includes reachability"),
        reject("peer-probe key without peer-probe", set("guard.peer-probe.port", "80"), "guard.peer-probe.port: is only valid when guard includes peer-probe"),
        reject("bad peer-probe port", m -> {
          m.put("guard", "peer-probe");
          m.remove("guard.reachability.targets");
          m.put("guard.peer-probe.port", "0");
        }, "guard.peer-probe.port:", "'0'"),
        reject("missing health", remove("health.check"), "health.check: is required"),
        reject("bad health", set("health.check", "ping"), "health.check:", "'ping'"),
        reject("missing http uri", remove("health.http.uri"), "health.http.uri: is required"),
        reject("bad http uri", set("health.http.uri", "ftp://x/y"), "health.http.uri:", "'ftp://x/y'"),
        reject("http key with tcp", m -> {
          m.put("health.check", "tcp");
          m.put("health.tcp.address", "127.0.0.1:80");
        }, "health.http.uri: is only valid with health.check=http"),
        reject("missing socket", m -> {
          m.put("health.check", "haproxy-socket");
          m.remove("health.http.uri");
        }, "health.haproxy-socket.path: is required"),
        reject("relative socket", m -> {
          m.put("health.check", "haproxy-socket");
          m.remove("health.http.uri");
          m.put("health.haproxy-socket.path", "admin.sock");
        }, "health.haproxy-socket.path:", "'admin.sock'"),
        reject("missing tcp address", m -> {
          m.put("health.check", "tcp");
          m.remove("health.http.uri");
        }, "health.tcp.address: is required"),
        reject("settings with none", m -> {
          m.put("health.check", "none");
          m.remove("health.http.uri");
          m.put("health.rise", "2");
        }, "health.rise: is only valid when health.check is not none"),
        reject("bad rise", set("health.rise", "0"), "health.rise:", "'0'"),
        reject("bad fall", set("health.fall", "many"), "health.fall:", "'many'"),
        reject("bad health interval", set("health.interval", "5ms"), "health.interval:", "'5ms'"),
        reject("timeout over interval", m -> {
          m.put("health.timeout", "2s");
          m.put("health.interval", "1s");
        }, "health.timeout: must not be longer than health.interval", "'2s'"),
        reject("bad status port", set("status.port", "-1"), "status.port:", "'-1'"),
        reject("bad status enabled", set("status.enabled", "yes"), "status.enabled:", "'yes'"),
        reject("bad region", set("ec2.region", "Ireland"), "ec2.region:", "'Ireland'"),
        reject("bad endpoint", set("ec2.endpoint", "ec2.local"), "ec2.endpoint:", "'ec2.local'"),
        reject("bad imds endpoint", set("ec2.imds-endpoint", "file:///x"), "ec2.imds-endpoint:", "'file:///x'"),
        reject("bad call timeout", set("ec2.call-timeout", "10ms"), "ec2.call-timeout:", "'10ms'"),
        reject("provisioning with explicit topology", set("provision.reserved-ips", "1"), "provision.reserved-ips: is only valid with topology.source=tags", "'1'"),
        reject("bad provision count", m -> {
          m.keySet().removeIf(k -> k.startsWith("topology."));
          m.put("topology.source", "tags");
          m.put("provision.reserved-ips", "50");
        }, "provision.reserved-ips:", "'50'"),
        reject("bad os flag", set("provision.os-addresses", "on"), "provision.os-addresses:", "'on'"),
        reject("bad device", set("provision.os-device", "eth0; rm -rf /"), "provision.os-device:", "'eth0; rm -rf /'"),
        reject("bad prefix", set("provision.os-prefix-length", "33"), "provision.os-prefix-length:", "'33'"),
        reject("tolerated too many", set("failover.tolerated-failures", "2"), "failover.tolerated-failures:", "'2'"),
        reject("bad resync", set("failover.resync-interval", "100ms"), "failover.resync-interval:", "'100ms'"),
        reject("bad hold", set("failover.hold-time", "forever"), "failover.hold-time:", "'forever'"),
        reject("bad grace", set("failover.startup-grace", "-1s"), "failover.startup-grace:", "'-1s'"),
        reject("bad handoff", set("shutdown.handoff-timeout", "1d"), "shutdown.handoff-timeout:", "'1d'"),
        reject("bad log level", set("log.level", "LOUD"), "log.level:", "'LOUD'"),
        reject("bad dry run", set("dry-run", "maybe"), "dry-run:", "'maybe'"),
        reject("unknown key", set("heartbeat.interval", "1s"), "heartbeat.interval: unknown key", "'1s'"),
        reject("typo key", set("guard.reachabilty.timeout", "1s"), "guard.reachabilty.timeout: unknown key"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rejections")
  void rejectsWithAMessageNamingTheKeyAndValue(String name, Consumer<Map<String, String>> edit, String[] expected) {
    Map<String, String> m = ConfigFixtures.validPair();
    edit.accept(m);
    AgentConfigException e = assertThrows(AgentConfigException.class,
        () -> AgentConfigParser.parse(ConfigFixtures.text(m), dir));
    for (String fragment : expected) {
      assertTrue(e.problems().stream().anyMatch(p -> p.contains(fragment)),
          () -> "expected a problem containing [" + fragment + "] in:\n" + e.getMessage());
    }
  }

  @ParameterizedTest(name = "mode {0}")
  @MethodSource("looseModes")
  void refusesAKeyFileReadableByGroupOrOthers(String mode) throws IOException {
    Path key = ConfigFixtures.keyFile(dir);
    java.nio.file.Files.setPosixFilePermissions(key, java.nio.file.attribute.PosixFilePermissions.fromString(mode));
    AgentConfigException e = assertThrows(AgentConfigException.class,
        () -> AgentConfigParser.parse(ConfigFixtures.text(ConfigFixtures.validPair()), dir));
    assertEquals(1, e.problems().size(), e.getMessage());
    assertTrue(e.problems().get(0).startsWith("membership.key-file:"), e.getMessage());
    assertTrue(e.problems().get(0).contains(mode) && e.problems().get(0).contains("chmod 600"), e.getMessage());
  }

  static Stream<String> looseModes() {
    return Stream.of("rw-r-----", "rw----r--", "rw-rw-rw-", "rw-----w-", "rw---x---");
  }
}
