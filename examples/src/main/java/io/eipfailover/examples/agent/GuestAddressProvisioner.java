package io.eipfailover.examples.agent;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes the node's reserved private IPs exist in the guest OS as well as on the ENI (an EIP moved
 * onto a secondary IP the kernel does not know carries no traffic), with {@code ip addr add
 * <ip>/<prefix> dev <device>}. Idempotent: addresses already on the device are left alone, and at
 * {@link #release()} only the addresses this object added are removed ({@code ip addr del}), so an
 * address configured by cloud-init or by hand survives an agent restart, and never one an EIP is
 * associated with (EC2 is asked first, see {@link #release}). In dry-run mode the
 * commands are logged, not run. Not thread-safe; start-up and shutdown call it once each.
 */
final class GuestAddressProvisioner {
  private static final Logger LOG = LoggerFactory.getLogger(GuestAddressProvisioner.class);

  private final CommandRunner runner;
  private final String node;
  private final String device;
  private final int prefixLength;
  private final boolean dryRun;
  private final List<String> added = new ArrayList<>();

  GuestAddressProvisioner(CommandRunner runner, String node, String device, int prefixLength, boolean dryRun) {
    this.runner = runner;
    this.node = node;
    this.device = device;
    this.prefixLength = prefixLength;
    this.dryRun = dryRun;
  }

  /**
   * Adds each of {@code ips} missing from the device.
   *
   * @return the addresses added (or that would be, in dry-run mode)
   * @throws IOException when {@code ip} cannot be run or refuses an address
   */
  List<String> ensure(List<String> ips) throws IOException {
    CommandRunner.Result shown = runner.run(List.of("ip", "-o", "-4", "addr", "show", "dev", device));
    if (!shown.ok()) {
      throw new IOException("provision.os-device: 'ip addr show dev " + device + "' failed (exit " + shown.exitCode()
          + "): " + shown.output().strip());
    }
    List<String> result = new ArrayList<>();
    for (String ip : ips) {
      if (shown.output().contains(" " + ip + "/")) {
        LOG.debug("[id={}] {} already on {}", node, ip, device);
        continue;
      }
      List<String> add = List.of("ip", "addr", "add", ip + "/" + prefixLength, "dev", device);
      result.add(ip);
      if (dryRun) {
        LOG.info("[id={}] dry run: would run {}", node, String.join(" ", add));
        continue;
      }
      CommandRunner.Result r = runner.run(add);
      if (!r.ok()) {
        throw new IOException("'" + String.join(" ", add) + "' failed (exit " + r.exitCode() + "): " + r.output().strip());
      }
      added.add(ip);
      LOG.info("[id={}] added {}/{} to {}", node, ip, prefixLength, device);
    }
    return result;
  }

  /**
   * Removes the addresses {@link #ensure} added, except those in {@code carryingEips}: an address
   * an EIP is still associated with (a dead peer's, when the hand-off found no one to take it)
   * stays, or that EIP would be black-holed. Failures are logged, not thrown (we are exiting).
   *
   * @param carryingEips the private IPs EC2 shows an EIP on, or empty when EC2 could not be asked:
   *     then nothing is removed
   */
  void release(java.util.Optional<java.util.Set<String>> carryingEips) {
    if (carryingEips.isEmpty()) {
      if (!added.isEmpty()) {
        LOG.warn("[id={}] keeping {} on {}: EC2 could not say whether an EIP is on them (removing one that"
            + " carries an EIP would black-hole it)", node, added, device);
      }
      return;
    }
    for (String ip : List.copyOf(added)) {
      if (carryingEips.get().contains(ip)) {
        LOG.warn("[id={}] keeping {}/{} on {}: an EIP is associated with it (removing it would black-hole the EIP)",
            node, ip, prefixLength, device);
        continue;
      }
      List<String> del = List.of("ip", "addr", "del", ip + "/" + prefixLength, "dev", device);
      try {
        CommandRunner.Result r = runner.run(del);
        if (r.ok()) {
          added.remove(ip);
          LOG.info("[id={}] removed {}/{} from {}", node, ip, prefixLength, device);
        } else {
          LOG.warn("[id={}] '{}' failed (exit {}): {}", node, String.join(" ", del), r.exitCode(), r.output().strip());
        }
      } catch (IOException e) {
        LOG.warn("[id={}] '{}' failed: {}", node, String.join(" ", del), e.toString());
      }
    }
  }
}
