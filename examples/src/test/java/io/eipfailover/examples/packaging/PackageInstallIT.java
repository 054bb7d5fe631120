package io.eipfailover.examples.packaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The package as an operator meets it, on this machine, as root (profile {@code eip-e2e}, which
 * CI runs): lintian is clean; {@code dpkg -i} creates the user and the key directory and gives a
 * launcher that runs; a newer build keeps an edited configuration; {@code dpkg --purge} removes
 * files and configuration. Skipped, saying why, without root, dpkg or lintian.
 */
@Tag("e2e")
class PackageInstallIT {
  private static final Path CONFIG = Path.of("/etc/eipfailover/agent.properties");
  private static final Path KEYS = Path.of("/etc/eipfailover/keys");
  private static Path deb;

  @BeforeAll
  static void requireRootAndDpkg() throws IOException {
    assumeTrue(Cmd.ok("id", "-u").strip().equals("0"), "SKIPPED: installing the package needs root");
    assumeTrue(Cmd.available("dpkg") && Cmd.available("dpkg-deb"), "SKIPPED: dpkg not found (not Debian?)");
    deb = AgentPackage.built();
  }

  @Test
  void lintianReportsNothingButTheJustifiedOverride() {
    assumeTrue(Cmd.available("lintian"), "SKIPPED: lintian not installed (examples/e2e/install-deps.sh installs it)");
    Cmd.Result r = Cmd.run("lintian", "--pedantic", "--info", "--show-overrides", deb.toString());
    List<String> tags = r.output().lines().filter(l -> l.matches("^[EWIPXO]: .*")).toList();
    assertEquals(List.of("O: eipfailover-agent: non-standard-dir-perm 0700 != 0755 [etc/eipfailover/keys/]"), tags,
        "lintian output:\n" + r.output());
    assertEquals(0, r.exitCode(), r.output());
  }

  @Test
  void installUpgradeKeepingAnEditedConfigAndPurge(@TempDir Path tmp) throws IOException {
    Packages.purge();
    try {
      Packages.install(deb);
      assertTrue(Cmd.ok("getent", "passwd", "eipfailover").contains("nologin"), "a system user without a shell");
      assertEquals("eipfailover:eipfailover 700", Cmd.ok("stat", "-c", "%U:%G %a", KEYS.toString()).strip());
      assertEquals("root:root 644", Cmd.ok("stat", "-c", "%U:%G %a", CONFIG.toString()).strip());
      assertTrue(Cmd.ok("/usr/bin/eipfailover-agent", "--help").contains("usage: eipfailover-agent"),
          "the launcher runs the jar on the installed Java runtime");

      // As shipped, only the key is missing; with it (owned by the service user, 0600) the
      // service user can read everything it needs.
      Cmd.Result noKey = Cmd.run("/usr/bin/eipfailover-agent", "check-config", "--config", CONFIG.toString());
      assertEquals(2, noKey.exitCode(), noKey.output());
      assertTrue(noKey.output().contains("membership.key-file"), noKey.output());
      Path key = KEYS.resolve("cluster.key");
      Files.writeString(key, "1 " + "0123456789abcdef".repeat(4) + "\n");
      Cmd.ok("chown", "eipfailover:eipfailover", key.toString());
      Cmd.ok("chmod", "600", key.toString());
      Cmd.ok("setpriv", "--reuid=eipfailover", "--regid=eipfailover", "--init-groups",
          "/usr/bin/eipfailover-agent", "check-config", "--config", CONFIG.toString());

      String edited = Files.readString(CONFIG) + "# edited by the operator\n";
      Files.writeString(CONFIG, edited);
      Path newer = Packages.newerBuild(deb, tmp, "# a line the newer build added to its sample\n");
      Packages.install(newer, "--force-confold");
      assertEquals(Cmd.ok("dpkg-deb", "-f", newer.toString(), "Version").strip(),
          Cmd.ok("dpkg-query", "-W", "-f", "${Version}", "eipfailover-agent").strip(), "the newer build is installed");
      assertEquals(edited, Files.readString(CONFIG), "the upgrade keeps the operator's configuration");
      assertTrue(Files.isRegularFile(Path.of(CONFIG + ".dpkg-dist")), "the new sample is left beside it");
      assertTrue(Files.isRegularFile(key), "the upgrade keeps the key");
      assertEquals("eipfailover:eipfailover 700", Cmd.ok("stat", "-c", "%U:%G %a", KEYS.toString()).strip());
    } finally {
      Packages.purge();
    }
    assertFalse(Files.exists(Path.of("/etc/eipfailover")), "purge removes the configuration and the keys");
    assertFalse(Files.exists(Path.of("/usr/bin/eipfailover-agent")), "purge removes the launcher");
    assertFalse(Files.exists(Path.of("/usr/share/eipfailover-agent")), "purge removes the jar");
    assertFalse(Cmd.run("dpkg-query", "-W", "eipfailover-agent").ok()
        && Cmd.ok("dpkg-query", "-W", "-f", "${Status}", "eipfailover-agent").contains("installed"), "not installed");
  }
}
