package io.eipfailover.examples.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The agent's command line and {@code --preflight}, in this JVM against the EC2 fake and its IMDS. */
@Timeout(60)
class AgentMainTest {
  @TempDir Path dir;
  private final ByteArrayOutputStream outBuf = new ByteArrayOutputStream();
  private final ByteArrayOutputStream errBuf = new ByteArrayOutputStream();
  private final List<List<String>> commands = new ArrayList<>();

  @BeforeAll
  static void credentials() {
    System.setProperty("aws.accessKeyId", "AKIDTEST");
    System.setProperty("aws.secretAccessKey", "secret");
  }

  private int run(String... args) {
    return AgentMain.run(args, new PrintStream(outBuf, true, StandardCharsets.UTF_8),
        new PrintStream(errBuf, true, StandardCharsets.UTF_8), argv -> {
          commands.add(argv);
          return new CommandRunner.Result(0, "");
        });
  }

  private String out() {
    return outBuf.toString(StandardCharsets.UTF_8);
  }

  private String err() {
    return errBuf.toString(StandardCharsets.UTF_8);
  }

  @Test
  void commandLineErrorsExitWithTwoAndUsage() {
    assertEquals(2, run());
    assertTrue(err().contains("--config is required") && err().contains("usage:"), err());
    assertEquals(2, run("--config"));
    assertEquals(2, run("--config", "x", "--fast"));
    assertTrue(err().contains("unknown argument '--fast'"), err());
    assertEquals(0, run("--help"));
    assertTrue(out().contains("--preflight"), out());
  }

  @Test
  void configurationErrorsExitWithTwoAndNameEveryBadKey() throws Exception {
    Path f = dir.resolve("bad.properties");
    Files.writeString(f, "cluster.name = t\nnode.id = lb-a\nstrategy = random\nwhatever = 1\n");
    assertEquals(2, run("--config", f.toString()));
    assertTrue(err().contains("strategy: must be one of") && err().contains("'random'"), err());
    assertTrue(err().contains("whatever: unknown key"), err());
    assertEquals(2, run("--config", dir.resolve("missing.properties").toString()));
    assertTrue(err().contains("cannot read"), err());
  }

  @Test
  void preflightPrintsEveryCheckWithItsFixAndFailsOnProblems() throws Exception {
    try (TwoNodeWorld world = new TwoNodeWorld(dir)) {
      world.fake.faults().deny("AssociateAddress");
      int code = run("--config", world.config("lb-a", Map.of()).toString(), "--preflight");
      String text = out();
      assertEquals(1, code, text + err());
      assertTrue(text.startsWith("preflight: "), text);
      assertTrue(text.contains("[FAIL] iam:AssociateAddress"), text);
      assertTrue(text.contains("fix: allow ec2:AssociateAddress"), text);
      assertTrue(text.contains("[ OK ] imds"), text);
      assertTrue(text.contains("[ OK ] elastic-ips"), text);
      assertTrue(text.contains("[ OK ] reserved-ips-on-eni"), text);
      // 10.0.1.20 is not configured on this test host
      assertTrue(text.contains("[FAIL] reserved-ips-in-os"), text);
      assertTrue(world.fake.calls("AssociateAddress").stream().allMatch(c -> c.dryRun()), "preflight only dry-runs");
      assertEquals(List.of(), commands, "preflight runs no OS command");
    }
  }
}
