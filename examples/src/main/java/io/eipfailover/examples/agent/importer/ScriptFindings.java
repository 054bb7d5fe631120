package io.eipfailover.examples.agent.importer;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What {@link ShellScript} recognised in a script: AWS CLI {@code associate-address} calls (the
 * EIP moves), {@code ip addr add} of an address, health and reachability checks, the AWS CLI's
 * Region and endpoint, public IPv4 literals, and what it did not use. Filled by one analysis, then
 * read-only.
 */
final class ScriptFindings {
  /**
   * An {@code aws ec2 associate-address} call. Each value is present only when the script names it
   * literally or through variables it sets to literals; {@code problems} says why one is missing.
   */
  record Association(Where where, String text, Optional<String> allocationId, Optional<String> networkInterfaceId,
      Optional<String> privateIp, boolean byInstance, Optional<String> publicIp, List<String> problems) {
    Association {
      problems = List.copyOf(problems);
    }
  }

  /** An {@code ip addr add IP[/PREFIX] dev DEVICE}. */
  record OsAddress(Where where, String text, String ip, OptionalInt prefixLength, Optional<String> device) {}

  /** What a check command tests. */
  enum CheckKind { HTTP, TCP, PING, PROCESS }

  /**
   * A check command ({@code curl URL}, {@code nc -z HOST PORT}, {@code ping IP}, {@code killall -0
   * NAME}); {@code target} is the URL, {@code host:port}, IP or process name.
   */
  record Check(Where where, String text, CheckKind kind, String target) {}

  /** A line or command that is not mapped, and why. */
  record Other(Where where, String text, String reason) {}

  /** A value and where the script sets it. */
  record Located(String value, Where where) {}

  final List<Association> associations = new ArrayList<>();
  final List<OsAddress> osAddresses = new ArrayList<>();
  final List<Check> checks = new ArrayList<>();
  final List<Other> others = new ArrayList<>();
  /** Variable assignments whose values the recognised commands use. */
  final List<Other> feeding = new ArrayList<>();
  /** Lines that only wrap the calls above (case, echo, logging, ...). */
  final List<Integer> shellLines = new ArrayList<>();
  /** Public IPv4 literals and where they first appear. */
  final Map<String, Where> publicIps = new LinkedHashMap<>();
  Optional<Located> region = Optional.empty();
  Optional<Located> endpoint = Optional.empty();

  /** {@link #shellLines} as {@code 1-4, 7, 9-12}. */
  String shellLineRanges() {
    StringBuilder sb = new StringBuilder();
    for (int k = 0; k < shellLines.size(); k++) {
      int from = shellLines.get(k);
      int to = from;
      while (k + 1 < shellLines.size() && shellLines.get(k + 1) == to + 1) {
        to = shellLines.get(++k);
      }
      if (sb.length() > 0) {
        sb.append(", ");
      }
      sb.append(from == to ? String.valueOf(from) : from + "-" + to);
    }
    return sb.toString();
  }
}
