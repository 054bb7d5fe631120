package io.eipfailover.examples.e2e;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;

/**
 * What the suite needs from the machine, checked before any case so that a developer without root
 * (or without HAProxy) gets a clean skip with the reason, not a failure.
 */
final class E2eRequirements {
  private E2eRequirements() {}

  /** {@link #assumeMet}, then the package this build made installed afresh (what every e2e class runs first). */
  static void assumeMetAndInstallThePackage() throws Exception {
    assumeMet();
    io.eipfailover.examples.packaging.Packages.purge();
    io.eipfailover.examples.packaging.Packages.installBuilt();
  }

  static void assumeMet() {
    assumeTrue(Sh.tryRun("id -u").output().strip().equals("0"),
        "e2e suite skipped: it needs root (network namespaces, iptables); run it as root, see examples/e2e/README.md");
    assumeTrue(Sh.available("ip netns list"), "e2e suite skipped: 'ip netns' is unavailable (install iproute2)");
    assumeTrue(Sh.available("haproxy -v"), "e2e suite skipped: haproxy is not installed (examples/e2e/install-deps.sh)");
    assumeTrue(Sh.available("iptables -V"), "e2e suite skipped: iptables is not installed (examples/e2e/install-deps.sh)");
    assumeTrue(Sh.available("node --version"), "e2e suite skipped: node is not installed (the backends and client)");
    assumeTrue(Sh.available("curl --version"), "e2e suite skipped: curl is not installed (examples/e2e/install-deps.sh)");
    assumeTrue(Sh.available("python3 --version"), "e2e suite skipped: python3 is not installed (the jitter link)");
    assumeTrue(Files.exists(java.nio.file.Path.of("/dev/net/tun")), "e2e suite skipped: /dev/net/tun is missing");
    assumeTrue(Sh.available("setpriv --version") && Sh.available("unshare --version"),
        "e2e suite skipped: setpriv/unshare (util-linux) are missing");
    assumeTrue(Sh.available("dpkg --version"), "e2e suite skipped: dpkg is missing (the suite installs the Debian package)");
    assumeTrue(Files.isRegularFile(Stage.E2E_DIR.resolve("client.js")),
        "e2e suite skipped: scripts not found in " + Stage.E2E_DIR);
  }
}
