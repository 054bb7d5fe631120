package io.eipfailover.examples.packaging;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * dpkg operations on this machine for the tests that install the package (root only). dpkg's
 * lock may be held by someone else's apt run: each operation retries for a while. Public for the
 * end-to-end stage, which runs the installed agent.
 */
public final class Packages {
  private Packages() {}

  /** {@code dpkg -i} of {@code deb} with {@code options} (e.g. {@code --force-confold}). */
  public static void install(Path deb, String... options) {
    List<String> argv = new ArrayList<>(List.of("dpkg"));
    argv.addAll(List.of(options));
    argv.addAll(List.of("-i", deb.toString()));
    retryingLock(argv);
  }

  /** Installs the package this build made. */
  public static Path installBuilt() throws IOException {
    Path deb = AgentPackage.built();
    install(deb);
    return deb;
  }

  /** {@code dpkg --purge eipfailover-agent} (nothing to do when it is not installed). */
  public static void purge() {
    retryingLock(List.of("dpkg", "--purge", AgentPackage.NAME));
  }

  /**
   * A copy of {@code deb} with a higher version ({@code +1} appended) whose shipped configuration
   * has {@code extraConfigLine} added, as the next release would be.
   */
  static Path newerBuild(Path deb, Path workDir, String extraConfigLine) throws IOException {
    Path tree = workDir.resolve("tree");
    Cmd.ok("dpkg-deb", "-R", deb.toString(), tree.toString());
    Path control = tree.resolve("DEBIAN/control");
    String version = Cmd.ok("dpkg-deb", "-f", deb.toString(), "Version").strip();
    Files.writeString(control, Files.readString(control).replace("Version: " + version, "Version: " + version + "+1"));
    Path conf = tree.resolve("etc/eipfailover/agent.properties");
    Files.writeString(conf, Files.readString(conf) + extraConfigLine);
    Path sums = tree.resolve("DEBIAN/md5sums");
    String sum = Cmd.ok("md5sum", conf.toString()).split("\\s+")[0];
    List<String> lines = new ArrayList<>();
    for (String l : Files.readAllLines(sums)) {
      lines.add(l.endsWith(" etc/eipfailover/agent.properties") ? sum + "  etc/eipfailover/agent.properties" : l);
    }
    Files.write(sums, lines);
    Path out = workDir.resolve(AgentPackage.NAME + "_" + version + "+1_all.deb");
    Cmd.ok("dpkg-deb", "--root-owner-group", "-Zgzip", "--build", tree.toString(), out.toString());
    return out;
  }

  private static void retryingLock(List<String> argv) {
    long deadline = System.nanoTime() + 120_000_000_000L;
    while (true) {
      Cmd.Result r = Cmd.run(argv.toArray(new String[0]));
      if (r.ok()) {
        return;
      }
      boolean locked = r.output().contains("lock");
      if (!locked || System.nanoTime() > deadline) {
        throw new AssertionError("'" + String.join(" ", argv) + "' exited " + r.exitCode() + ":\n" + r.output());
      }
      try {
        Thread.sleep(2000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
  }
}
