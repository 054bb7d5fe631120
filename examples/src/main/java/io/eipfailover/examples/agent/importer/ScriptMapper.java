package io.eipfailover.examples.agent.importer;

import io.eipfailover.examples.agent.importer.ScriptFindings.Association;
import io.eipfailover.examples.agent.importer.ScriptFindings.Check;
import io.eipfailover.examples.agent.importer.ScriptFindings.OsAddress;
import io.eipfailover.examples.agent.importer.ScriptFindings.Other;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Carries what a resource or notify script does into the configuration: its {@code
 * associate-address} calls into the topology (the script runs on {@code node}, so the ENI and
 * private IP are that node's), the AWS CLI's Region and endpoint into {@code ec2.*}, {@code ip addr
 * add} into {@code provision.os-*}; everything else is reported. Not thread-safe.
 */
final class ScriptMapper {
  private final Draft draft;
  private final ImportReport report;
  private final TopologyFacts topology;

  ScriptMapper(Draft draft, ImportReport report, TopologyFacts topology) {
    this.draft = draft;
    this.report = report;
    this.topology = topology;
  }

  /**
   * Maps {@code f}, found in {@code script} as run on {@code node}.
   *
   * @return the allocation ids the script associates
   */
  List<String> map(Path script, ScriptFindings f, String node) {
    List<String> allocations = new ArrayList<>();
    for (Association a : f.associations) {
      if (a.allocationId().isEmpty()) {
        report.unmapped(a.where(), a.text(), "an associate-address without an allocation id"
            + (a.publicIp().isPresent() ? " (--public-ip is EC2-Classic addressing)" : "")
            + "; the agent addresses EIPs by allocation id (eipalloc-...)" + problems(a));
        continue;
      }
      String alloc = a.allocationId().get();
      allocations.add(alloc);
      topology.associate(node, alloc, a.networkInterfaceId(), a.privateIp(), a.where());
      a.publicIp().ifPresent(ip -> topology.publicIp(alloc, ip, a.where()));
      List<String> gaps = new ArrayList<>();
      if (a.networkInterfaceId().isEmpty()) {
        gaps.add(a.byInstance()
            ? "it addresses the instance (--instance-id), which breaks as soon as it has a second ENI: give "
                + node + "'s ENI id and private IP"
            : "no --network-interface-id: give " + node + "'s ENI id");
      }
      if (a.privateIp().isEmpty() && !a.byInstance()) {
        gaps.add("no --private-ip-address (EC2 then uses the ENI's primary IP): give it");
      }
      String target = "topology.node." + node + ".* (" + alloc + " on " + a.networkInterfaceId().orElse("?") + " "
          + a.privateIp().orElse("?") + ")";
      if (gaps.isEmpty()) {
        report.mapped(a.where(), a.text(), target);
      } else {
        report.unmapped(a.where(), a.text(), "partly mapped to " + target + ": " + String.join("; ", gaps)
            + problems(a));
      }
    }
    if (allocations.stream().distinct().count() == 1 && f.publicIps.size() == 1) {
      String ip = f.publicIps.keySet().iterator().next();
      if (!topology.hasPublicIp(allocations.get(0))) {
        topology.publicIp(allocations.get(0), ip, f.publicIps.get(ip));
        f.shellLines.remove(Integer.valueOf(f.publicIps.get(ip).line()));
        report.mapped(f.publicIps.get(ip), ip, "topology.eip." + allocations.get(0)
            + ".public-ip (the only public IPv4 address in the script)");
      }
    }
    f.region.ifPresent(r -> {
      draft.agree("ec2.region", r.value(), r.where(), "the AWS CLI's Region in " + r.where());
      report.mapped(r.where(), "Region " + r.value(), "ec2.region");
    });
    f.endpoint.ifPresent(e -> {
      draft.agree("ec2.endpoint", e.value(), e.where(), "the AWS CLI's --endpoint-url in " + e.where());
      report.mapped(e.where(), "--endpoint-url " + e.value(), "ec2.endpoint");
    });
    for (OsAddress o : f.osAddresses) {
      draft.agree("provision.os-addresses", "true", o.where(), "the scripts add the IP to the OS ("
          + o.where() + "); the agent adds its reserved IPs at start and removes them at exit");
      o.device().ifPresent(dev -> draft.agree("provision.os-device", dev, o.where(), "from " + o.where()));
      o.prefixLength().ifPresent(p -> draft.agree("provision.os-prefix-length", String.valueOf(p), o.where(),
          "from " + o.where()));
      report.mapped(o.where(), o.text(), "provision.os-addresses, provision.os-device, provision.os-prefix-length");
    }
    for (Check c : f.checks) {
      report.unmapped(c.where(), c.text(), "a check inside an action script; the agent checks health with"
          + " health.check, before it moves anything");
    }
    for (Other o : f.feeding) {
      report.mapped(o.where(), o.text(), o.reason());
    }
    for (Other o : f.others) {
      report.unmapped(o.where(), o.text(), o.reason());
    }
    if (!f.shellLines.isEmpty()) {
      report.unmapped(new Where(script, f.shellLines.get(0)), "lines " + f.shellLineRanges(),
          "shell around the calls above: the agent makes the EIP move itself (one AssociateAddress, with a"
              + " time-out and back-off); other actions of the script belong in a hook (hooks.takeover-completed)");
    }
    return allocations;
  }

  private static String problems(Association a) {
    return a.problems().isEmpty() ? "" : " (" + String.join("; ", a.problems()) + ")";
  }

  /** {@code --eip ALLOC=IP} given on the command line. */
  static Where commandLine() {
    return new Where(Path.of("(command line)"), 1);
  }
}
