package io.eipfailover.examples.e2e;

import static io.eipfailover.examples.e2e.Stage.EIP1;
import static io.eipfailover.examples.e2e.Stage.EIP2;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.eipfailover.examples.packaging.Packages;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The cut-over of docs/migrating.md on the stage: a pair running real Heartbeat 3 (v1 haresources,
 * ucast, AWS CLI resource scripts against the EC2 fake) fails over once by itself (kill -9 of lb1's
 * Heartbeat, restart, auto_failback), then is replaced node by node by agents configured by {@code
 * eipfailover-agent import heartbeat} (run as an operator would, with the installed launcher) and
 * installed as the package lays its files out, each agent run as its unit does behind the firewall
 * {@code ports} asks for, while the client keeps sending requests: zero may fail. Runs after
 * {@code package} (failsafe, profile eip-e2e): installs the Debian package, purges it at the end.
 */
@Tag("e2e")
class HeartbeatCutOverIT {
  @BeforeAll
  static void requireToolsAndInstallThePackage() throws Exception {
    E2eRequirements.assumeMet();
    assumeTrue(Files.isExecutable(Path.of(HeartbeatPair.HEARTBEAT)), "cut-over case skipped: Heartbeat 3 is not"
        + " installed (apt-get install heartbeat)");
    assumeTrue(Sh.available("aws --version"), "cut-over case skipped: the AWS CLI is not installed (apt-get install"
        + " awscli)");
    Packages.purge();
    Packages.installBuilt();
  }

  @AfterAll
  static void writeSummaryCheckTeardownAndPurge() throws Exception {
    Packages.purge();
    Summary.write(Stage.buildDir().resolve("e2e-summary.md"));
    synchronized (Stage.RUN_IDS) {
      for (String runId : Stage.RUN_IDS) {
        assertEquals(List.of(), StageNetwork.leftovers(runId), "namespaces left behind by run " + runId);
      }
    }
  }

  @Test
  void heartbeatPairIsReplacedNodeByNodeWithoutALostRequest() throws Exception {
    try (Stage s = Stage.up(Stage.Options.defaults().withoutAgents())) {
      HeartbeatPair hb = HeartbeatPair.write(s);
      try {
        hb.start("lb1");
        hb.start("lb2");
        s.awaitOk("both Heartbeats active", Duration.ofSeconds(60), () -> hb.log("lb1").contains("remote resource"
            + " transition completed") && hb.log("lb2").contains("remote resource transition completed"));
        s.awaitOk("every EIP at home", Duration.ofSeconds(30), s::atHome);
        CaseRun run = CaseRun.begin(s, "9 Heartbeat pair: one Heartbeat failover, then cut over to agents node by"
            + " node", 600);

        // 1. Heartbeat fails over by itself: lb1's Heartbeat crashes, lb2 takes EIP1; back home on restart.
        long crashed = System.currentTimeMillis();
        hb.crash("lb1");
        long hbMoved = s.awaitHolder(EIP1, "lb2", Duration.ofSeconds(60));
        hb.start("lb1");
        long hbHome = s.awaitHolder(EIP1, "lb1", Duration.ofSeconds(90));
        s.awaitOk("lb1's Heartbeat settled", Duration.ofSeconds(60), () -> hb.log("lb1")
            .contains("Initial resource acquisition complete (auto_failback)"));

        // 2. On lb1, import both nodes' /etc/ha.d once; lb2's file gets lb2's node.id and the same key.
        Path imported = s.runDir.resolve("imported");
        for (String lb : List.of("lb1", "lb2")) {
          Path out = Files.createDirectories(imported.resolve(lb));
          if (lb.equals("lb2")) {
            Files.createDirectories(out.resolve("keys"));
            Files.copy(imported.resolve("lb1/keys/cluster.key"), out.resolve("keys/cluster.key"),
                java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
          }
          Sh.Result r = s.operator("lb1", "import", "heartbeat", "--out", out.toString(), "--cluster", Stage.CLUSTER,
              "--node", lb, "--ping-port", String.valueOf(StageNetwork.GATEWAY_PING_PORT), "--service-port", "80",
              "lb1=" + hb.haDir("lb1"), "lb2=" + hb.haDir("lb2"));
          Files.writeString(out.resolve("import-report.txt"), r.output());
          assertEquals(0, r.exitCode(), "the importer accepts the pair's files:\n" + r.output());
        }

        // 3. lb1: stop Heartbeat (lb2's takes EIP1), start the agent. It takes nothing from lb2, whose
        //    HAProxy answers (peer-probe).
        long lb1Stop = System.currentTimeMillis();
        assertTrue(hb.stop("lb1", 60_000) >= 0, "lb1's Heartbeat stops:\n" + hb.log("lb1"));
        long handedOver = s.awaitHolder(EIP1, "lb2", Duration.ofSeconds(60));
        s.startAgentWith("lb1", imported.resolve("lb1"));
        s.awaitOk("lb1's agent running, lb2 not an agent yet", Duration.ofSeconds(60), () -> s.sees("lb1", "lb2", "DEAD"));
        s.awaitOk("lb1's guard refusing lb2's EIPs", Duration.ofSeconds(60), () -> s.status("lb1")
            .contains("\"type\":\"guard-denied\""));
        assertEquals(java.util.Optional.of("lb2"), s.holder(EIP1), "EIP1 stays on lb2 while lb2 serves");
        assertEquals(java.util.Optional.of("lb2"), s.holder(EIP2));

        // 4. lb2: stop Heartbeat (its stop scripts do nothing: the EIPs stay), start its agent; lb1 pulls
        //    EIP1 home once they hear each other.
        assertTrue(hb.stop("lb2", 60_000) >= 0, "lb2's Heartbeat stops:\n" + hb.log("lb2"));
        long lb2Agent = System.currentTimeMillis();
        s.startAgentWith("lb2", imported.resolve("lb2"));
        long agentsHome = s.awaitHolder(EIP1, "lb1", Duration.ofSeconds(90));
        s.awaitSteady(Duration.ofSeconds(60));
        Sh.sleep(2000);
        Sh.Result lb1Status = s.operator("lb1", "status");
        CaseRun.Result r = run.finish("Heartbeat: EIP1 on lb2 " + (hbMoved - crashed) + " ms after kill -9, home "
            + (hbHome - hbMoved) + " ms later (restart + auto_failback); cut-over: EIP1 on lb2 " + (handedOver
            - lb1Stop) + " ms after lb1's Heartbeat stop, home " + (agentsHome - lb2Agent) + " ms after lb2's agent"
            + " start (its JVM start, then the agents meet; lb1 had been up longer than the fail-back delay)");
        assertEquals(0, r.failed(), "zero failed client requests: " + r.eip1().failures() + r.eip2().failures());
        assertEquals(4, r.movesEip1(), "EIP1: to lb2 and home by Heartbeat, to lb2 at lb1's stop, home by the"
            + " agents: " + r.moves());
        assertEquals(0, r.movesEip2(), "EIP2 never moves: " + r.moves());
        assertEquals(0, lb1Status.exitCode(), "eipfailover-agent status on lb1 after the cut-over:\n"
            + lb1Status.output());
        assertTrue(lb1Status.output().contains("OK: every node alive, every EIP at home"), lb1Status.output());
      } finally {
        hb.close();
      }
    }
  }
}
