package io.eipfailover.examples.agent.importer;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What the command line adds to the inputs.
 *
 * @param inputs the inputs, each optionally labelled with its node ({@code lb1=/path})
 * @param clusterName {@code cluster.name} (Heartbeat and keepalived have none)
 * @param node the node the written file is for ({@code node.id}); empty: the only input's node,
 *     else {@code discover}
 * @param pingPort the TCP port probed on a Heartbeat {@code ping} node (ICMP has no equivalent)
 * @param servicePort the port HAProxy serves on, for the {@code peer-probe} guard
 * @param publicIps EIP public addresses by allocation id ({@code --eip ALLOC=IP})
 * @param hostname this machine's host name ({@code uname -n}), for an unlabelled input
 */
record ImportOptions(List<Input> inputs, String clusterName, Optional<String> node, int pingPort, int servicePort,
    Map<String, String> publicIps, String hostname) {
  ImportOptions {
    inputs = List.copyOf(inputs);
    publicIps = Map.copyOf(publicIps);
    Objects.requireNonNull(clusterName, "clusterName");
    Objects.requireNonNull(node, "node");
    Objects.requireNonNull(hostname, "hostname");
  }

  /** One input directory or file, and the node it belongs to when the user said. */
  record Input(Optional<String> node, Path path) {
    /** Parses {@code NODE=PATH} or {@code PATH}. */
    static Input parse(String arg) {
      int eq = arg.indexOf('=');
      if (eq > 0 && arg.substring(0, eq).matches("[A-Za-z0-9._-]{1,64}")) {
        return new Input(Optional.of(arg.substring(0, eq)), Path.of(arg.substring(eq + 1)));
      }
      return new Input(Optional.empty(), Path.of(arg));
    }
  }

  /**
   * Which node each input belongs to: its label, or this host's name for a single unlabelled input.
   *
   * @throws ImportException when an input cannot be placed or two inputs claim one node
   */
  List<String> nodesOf(List<String> declared, String what) {
    List<String> out = new java.util.ArrayList<>();
    for (Input in : inputs) {
      String n;
      if (in.node().isPresent()) {
        n = in.node().get();
      } else if (inputs.size() == 1) {
        n = hostname;
      } else {
        throw new ImportException(in.path(), "several inputs: say whose each one is, as NODE=" + in.path());
      }
      if (!declared.isEmpty() && !declared.contains(n)) {
        throw new ImportException(in.path(), (in.node().isPresent() ? "labelled '" + n + "'" : "read on host '" + n
            + "' (uname -n)") + ", which is not a node of " + what + " " + declared + "; name it as NODE="
            + in.path());
      }
      if (out.contains(n)) {
        throw new ImportException(in.path(), "a second input for node " + n);
      }
      out.add(n);
    }
    return out;
  }
}
