package io.eipfailover.examples.packaging;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the Debian package holds, read with {@code dpkg-deb} (no root needed): the files, their
 * modes and owners, the conffile, and that the unit, the launcher, the configuration and the
 * documentation they name agree with each other and with the sources. Skipped, saying so, where
 * dpkg-deb is missing (the build then made no package either).
 */
class PackageContentIT {
  private static Path deb;

  @BeforeAll
  static void requireDpkgDeb() throws IOException {
    assumeTrue(Cmd.available("dpkg-deb"), "SKIPPED: dpkg-deb not found, no Debian package was built or checked");
    deb = AgentPackage.built();
  }

  @Test
  void controlDeclaresAnArchitectureIndependentPackageNeedingJava17() {
    assertEquals("eipfailover-agent", Cmd.ok("dpkg-deb", "-f", deb.toString(), "Package").strip());
    assertEquals("all", Cmd.ok("dpkg-deb", "-f", deb.toString(), "Architecture").strip());
    String depends = Cmd.ok("dpkg-deb", "-f", deb.toString(), "Depends");
    assertTrue(depends.contains("java17-runtime-headless") && depends.contains("adduser"), depends);
    assertTrue(deb.getFileName().toString().startsWith("eipfailover-agent_"
        + Cmd.ok("dpkg-deb", "-f", deb.toString(), "Version").strip() + "_all.deb"), deb.toString());
    assertEquals("/etc/eipfailover/agent.properties", Cmd.ok("dpkg-deb", "-I", deb.toString(), "conffiles").strip());
  }

  @Test
  void filesHaveTheirModesAndBelongToRoot() {
    String listing = Cmd.ok("dpkg-deb", "-c", deb.toString());
    for (String[] expected : List.of(
        new String[] {"-rwxr-xr-x", "./usr/bin/eipfailover-agent"},
        new String[] {"-rw-r--r--", "./usr/share/eipfailover-agent/eipfailover-agent.jar"},
        new String[] {"-rw-r--r--", "./lib/systemd/system/eipfailover-agent.service"},
        new String[] {"-rw-r--r--", "./etc/eipfailover/agent.properties"},
        new String[] {"drwx------", "./etc/eipfailover/keys/"},
        new String[] {"-rw-r--r--", "./usr/share/doc/eipfailover-agent/copyright"})) {
      Pattern line = Pattern.compile("(?m)^" + Pattern.quote(expected[0]) + " root/root .* " + Pattern.quote(expected[1]) + "$");
      assertTrue(line.matcher(listing).find(), expected[0] + " root/root " + expected[1] + " in\n" + listing);
    }
    assertFalse(listing.contains("./opt/"), "nothing under /opt: " + listing);
  }

  @Test
  void unitLauncherConfigAndDocsAgree(@TempDir Path root) throws IOException {
    Cmd.ok("dpkg-deb", "-x", deb.toString(), root.toString());
    Path deploy = AgentPackage.deploySources();
    Path unitPath = root.resolve("lib/systemd/system/eipfailover-agent.service");
    assertEquals(Files.readString(deploy.resolve("eipfailover-agent.service")), Files.readString(unitPath),
        "the packaged unit is deploy/eipfailover-agent.service");
    assertEquals(Files.readString(deploy.resolve("agent.properties")),
        Files.readString(root.resolve("etc/eipfailover/agent.properties")), "the conffile is deploy/agent.properties");
    assertArrayEquals(Files.readAllBytes(AgentJarIT.agentJar()),
        Files.readAllBytes(root.resolve("usr/share/eipfailover-agent/eipfailover-agent.jar")), "the agent jar");

    UnitFile unit = UnitFile.parse(Files.readString(unitPath));
    List<String> exec = unit.execStart();
    assertTrue(Files.isExecutable(root.resolve(exec.get(0).substring(1))), "ExecStart runs a packaged program: " + exec);
    String launcher = Files.readString(root.resolve(exec.get(0).substring(1)));
    Matcher jar = Pattern.compile("-jar (\\S+)").matcher(launcher);
    assertTrue(jar.find() && Files.isRegularFile(root.resolve(jar.group(1).substring(1))), "the launcher's jar: " + launcher);
    String config = exec.get(exec.indexOf("--config") + 1);
    assertTrue(Files.isRegularFile(root.resolve(config.substring(1))), "ExecStart's --config is the conffile: " + config);

    String properties = Files.readString(root.resolve(config.substring(1)));
    Matcher key = Pattern.compile("(?m)^membership\\.key-file\\s*=\\s*(\\S+)$").matcher(properties);
    assertTrue(key.find(), "the sample names its key file");
    assertEquals("/etc/eipfailover/keys/", key.group(1).substring(0, key.group(1).lastIndexOf('/') + 1),
        "the key file lives in the key directory only the service user can read");

    List<String> docs = unit.values("Unit", "Documentation").stream()
        .flatMap(v -> List.of(v.split("\\s+")).stream()).toList();
    assertFalse(docs.isEmpty(), "the unit names its documentation");
    List<String> missing = new ArrayList<>();
    for (String doc : docs) {
      Matcher man = Pattern.compile("man:([a-z0-9-]+)\\((\\d)\\)").matcher(doc);
      Path target = man.matches()
          ? root.resolve("usr/share/man/man" + man.group(2) + "/" + man.group(1) + "." + man.group(2) + ".gz")
          : doc.startsWith("file:/") ? root.resolve(doc.substring("file:/".length())) : null;
      if (target == null || !Files.isRegularFile(target)) {
        missing.add(doc);
      }
    }
    assertEquals(List.of(), missing, "Documentation= entries that the package does not install");

    String postinst = Cmd.ok("dpkg-deb", "-I", deb.toString(), "postinst");
    String user = unit.value("Service", "User").orElseThrow();
    assertTrue(postinst.contains("adduser --system --group") && postinst.contains(" " + user + "\n"),
        "postinst creates the unit's User=" + user);
    assertEquals(user, unit.value("Service", "Group").orElseThrow());
  }
}
