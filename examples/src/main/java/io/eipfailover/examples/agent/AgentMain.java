package io.eipfailover.examples.agent;

import com.google.common.base.Ticker;
import io.eipfailover.aws.Ec2Clients;
import io.eipfailover.aws.PreflightReport;
import io.eipfailover.core.AttachmentPoint;
import io.eipfailover.examples.agent.importer.ImportCommand;
import io.eipfailover.examples.agent.status.Ec2CallMetrics;
import io.eipfailover.examples.agent.statusclient.StatusCommand;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;

/**
 * {@code eipfailover-agent}: runs next to HAProxy and keeps the cluster's Elastic IPs on healthy
 * nodes.
 *
 * <pre>
 * eipfailover-agent --config /etc/eipfailover/agent.properties [--dry-run] [--preflight]
 * eipfailover-agent ports --config FILE [--json]
 * eipfailover-agent check-config --config FILE
 * </pre>
 *
 * <ul>
 *   <li>{@code --config FILE}: the configuration (examples/README.md, "Configuration reference");
 *   <li>{@code --dry-run}: plan and report, never move an EIP, assign an IP or run {@code ip addr};
 *   <li>{@code --preflight}: run every check (IAM by DryRun, IMDSv2, EIPs, reserved IPs on the ENI and
 *       in the OS, heartbeat and status ports bindable, guard targets answering), print each
 *       problem with its fix, and exit 0 (all passed) or 1;
 *   <li>{@code ports}, {@code check-config}: offline verbs, see {@link AgentVerbs}.
 * </ul>
 *
 * Signals: SIGTERM (systemd stop) hands this node's EIPs to its peers (standby, wait until EC2 shows
 * them moved or {@code shutdown.handoff-timeout}) and exits; SIGHUP re-reads the file and applies the
 * log level, the health check and (UDP membership) the heartbeat keys, naming the changed settings
 * that need a restart. Exit codes: 0 done,
 * 1 start-up or preflight failure, 2 bad command line or configuration; after SIGTERM the JVM
 * reports 143 (128 + 15) once the hand-off in the shutdown hook is done, which the systemd unit
 * declares a success ({@code SuccessExitStatus=143}).
 */
public final class AgentMain {
  private static final Logger LOG = LoggerFactory.getLogger(AgentMain.class);

  private AgentMain() {}

  public static void main(String[] args) {
    int code = run(args, System.out, System.err, CommandRunner.system());
    if (code != 0) {
      System.exit(code);
    }
  }

  /**
   * Runs the agent until SIGTERM (or, with {@code --preflight}, until the report is printed).
   *
   * @return the exit code
   */
  public static int run(String[] args, PrintStream out, PrintStream err, CommandRunner commands) {
    if (args.length > 0 && AgentVerbs.VERBS.contains(args[0])) {
      return AgentVerbs.run(args, out, err);
    }
    if (args.length > 0 && args[0].equals("status")) {
      return StatusCommand.run(java.util.Arrays.copyOfRange(args, 1, args.length), out, err);
    }
    if (args.length > 0 && args[0].equals("import")) {
      return ImportCommand.run(java.util.Arrays.copyOfRange(args, 1, args.length), out, err,
          ImportCommand.localHostname(), new java.security.SecureRandom());
    }
    Path config = null;
    boolean dryRun = false;
    boolean preflight = false;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--config" -> {
          if (i + 1 >= args.length) {
            return usage(err, "--config needs a file");
          }
          config = Path.of(args[++i]);
        }
        case "--dry-run" -> dryRun = true;
        case "--preflight" -> preflight = true;
        case "--help", "-h" -> {
          usage(out, null);
          return 0;
        }
        default -> {
          return usage(err, "unknown argument '" + args[i] + "'");
        }
      }
    }
    if (config == null) {
      return usage(err, "--config is required");
    }
    AgentConfig cfg;
    try {
      cfg = AgentConfigParser.parse(config);
    } catch (AgentConfigException e) {
      err.println(config + ": " + e.getMessage());
      return 2;
    }
    if (dryRun) {
      cfg = cfg.withDryRun(true);
    }
    LogLevels.setRoot(cfg.logLevel());
    Ec2CallMetrics ec2Metrics = new Ec2CallMetrics();
    Ec2Client ec2;
    try {
      ec2 = ec2Client(cfg, ec2Metrics);
    } catch (RuntimeException e) {
      err.println("eipfailover-agent: start-up failed: " + e.getMessage());
      return 1;
    }
    try {
      AgentStartup.Prepared prepared = AgentStartup.prepare(cfg, ec2);
      PreflightReport aws = AgentStartup.preflight(cfg, ec2, prepared);
      List<PreflightReport.Finding> all = new java.util.ArrayList<>();
      for (PreflightReport.Finding f : aws.findings()) {
        // With provision.os-addresses the agent adds missing reserved IPs itself, right after preflight.
        all.add(!f.ok() && f.check().equals("reserved-ips-in-os") && cfg.provision().osAddresses()
            ? new PreflightReport.Finding(f.check(), true, f.detail() + "; provision.os-addresses=true adds them at"
                + " start", "")
            : f);
      }
      all.addAll(LocalPreflight.run(cfg, prepared.self(), prepared.topology()));
      PreflightReport report = new PreflightReport(all);
      java.util.Optional<String> guardRisk = GuardAdvice.pingPongRisk(cfg.guards(), prepared.topology().nodes().size());
      if (preflight) {
        out.println(report);
        guardRisk.ifPresent(w -> out.println("[WARN] guard: " + w));
        ec2.close();
        return report.ok() ? 0 : 1;
      }
      report.problems().forEach(p -> LOG.warn("[id={}] preflight: {}", prepared.self(), p));
      guardRisk.ifPresent(w -> LOG.warn("[id={}] preflight: {}", prepared.self(), w));
      return runAgent(config, cfg, prepared, ec2, ec2Metrics, commands);
    } catch (RuntimeException e) {
      err.println("eipfailover-agent: start-up failed: " + e.getMessage());
      LOG.error("start-up failed", e);
      ec2.close();
      return 1;
    }
  }

  private static int runAgent(Path configFile, AgentConfig cfg, AgentStartup.Prepared p, Ec2Client ec2,
      Ec2CallMetrics ec2Metrics, CommandRunner commands) {
    GuestAddressProvisioner os = new GuestAddressProvisioner(commands, p.self().value(), cfg.provision().osDevice(),
        cfg.provision().prefixLength(), cfg.dryRun());
    if (cfg.provision().osAddresses()) {
      try {
        os.ensure(p.topology().node(p.self()).reservedPoints().stream().map(AttachmentPoint::privateIp).toList());
      } catch (java.io.IOException e) {
        LOG.error("[id={}] cannot configure reserved IPs in the OS: {}", p.self(), e.getMessage());
        ec2.close();
        return 1;
      }
    }
    AgentNode node = AgentNode.create(cfg, p.self(), p.topology(), ec2, ec2Metrics, p.instanceIds(),
        Ticker.systemTicker(), List.of());
    CountDownLatch stopped = new CountDownLatch(1);
    AtomicReference<AgentConfig> current = new AtomicReference<>(cfg);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      LOG.info("[id={}] SIGTERM: handing EIPs to peers (at most {})", p.self(), current.get().handoffTimeout());
      try {
        node.handOff(current.get().handoffTimeout(), d -> Thread.sleep(d.toMillis()));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (RuntimeException e) {
        LOG.warn("[id={}] hand-off failed: {}", p.self(), e.toString());
      } finally {
        // Ask EC2 before the failover stops: an address still carrying an EIP is never removed.
        Optional<Set<String>> carrying = cfg.provision().osAddresses() ? node.privateIpsCarryingEips() : Optional.empty();
        node.close();
        os.release(carrying);
        ec2.close();
        stopped.countDown();
      }
    }, "eipfailover-shutdown"));
    Signals.handle("HUP", p.self().value(), () -> reload(configFile, current, node));
    try {
      node.start();
    } catch (java.io.IOException | RuntimeException e) {
      LOG.error("[id={}] start failed: {}", p.self(), e.toString());
      return 1;
    }
    try {
      stopped.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return 0;
  }

  /** SIGHUP: re-read, apply what can be applied, name what needs a restart. */
  static void reload(Path configFile, AtomicReference<AgentConfig> current, AgentNode node) {
    AgentConfig fresh;
    try {
      fresh = AgentConfigParser.parse(configFile);
    } catch (AgentConfigException e) {
      LOG.error("[id={}] SIGHUP: {} not reloaded, keeping the running configuration: {}", node.self(), configFile,
          e.getMessage());
      return;
    }
    AgentConfig old = current.get();
    fresh = fresh.withDryRun(old.dryRun() || fresh.dryRun());
    if (!fresh.logLevel().equals(old.logLevel())) {
      LogLevels.setRoot(fresh.logLevel());
      LOG.info("[id={}] SIGHUP: log level {} -> {}", node.self(), old.logLevel(), fresh.logLevel());
    }
    if (!fresh.health().equals(old.health())) {
      node.reloadHealth(fresh.health());
    }
    if (!fresh.hooks().equals(old.hooks())) {
      node.reloadHooks(fresh.hooks());
    }
    if (ConfigReload.keysChanged(old, fresh) && fresh.membership().type() == AgentConfig.MembershipType.UDP
        && old.membership().type() == AgentConfig.MembershipType.UDP) {
      node.reloadKeys(fresh.membership().keys().orElseThrow());
    }
    List<String> restart = ConfigReload.needsRestart(old, fresh);
    if (!restart.isEmpty()) {
      LOG.warn("[id={}] SIGHUP: changed settings that need a restart (not applied): {}", node.self(), restart);
    }
    current.set(fresh);
    LOG.info("[id={}] SIGHUP: configuration reloaded", node.self());
  }

  static Ec2Client ec2Client(AgentConfig cfg, Ec2CallMetrics metrics) {
    Duration timeout = cfg.ec2().apiCallTimeout();
    Duration attempt = timeout.compareTo(Duration.ofSeconds(3)) < 0 ? timeout : Duration.ofSeconds(3);
    Ec2Clients.Builder b = Ec2Clients.builder().apiCallTimeout(timeout).apiCallAttemptTimeout(attempt)
        .addExecutionInterceptor(metrics);
    b.region(Region.of(cfg.ec2().region().orElseGet(() -> regionFromImds(cfg))));
    cfg.ec2().endpoint().ifPresent(b::endpointOverride);
    return b.build();
  }

  /** Without {@code ec2.region}: the region of this instance, from IMDSv2 (as the agent finds its node). */
  private static String regionFromImds(AgentConfig cfg) {
    try {
      return AgentStartup.identity(cfg).region();
    } catch (RuntimeException e) {
      throw new IllegalStateException("ec2.region is not set and this host's instance metadata (IMDSv2) gave no region ("
          + e.getMessage() + "); set ec2.region, e.g. ec2.region = eu-west-1", e);
    }
  }

  private static int usage(PrintStream s, String problem) {
    if (problem != null) {
      s.println("eipfailover-agent: " + problem);
    }
    s.println("usage: eipfailover-agent --config FILE [--dry-run] [--preflight]");
    s.println("       eipfailover-agent ports --config FILE [--json]");
    s.println("       eipfailover-agent check-config --config FILE");
    s.println("       eipfailover-agent status [--config FILE] [--json] [--watch]   (see: status --help)");
    s.println("       eipfailover-agent import heartbeat|keepalived ...   (see: import --help)");
    s.println("  --config FILE  agent configuration (see examples/README.md, Configuration reference)");
    s.println("  --dry-run      plan and report, never move an EIP or change an address");
    s.println("  --preflight    check IAM, IMDSv2, EIPs, reserved IPs, ports and guard targets, print each problem");
    s.println("                 with its fix, exit");
    s.println("  ports          the ports a security group must open (--json for tools); no network");
    s.println("  check-config   parse and validate the configuration, exit 0 or 2; no network");
    return problem == null ? 0 : 2;
  }
}
