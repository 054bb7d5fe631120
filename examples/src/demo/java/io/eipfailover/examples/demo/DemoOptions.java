package io.eipfailover.examples.demo;

import java.time.Duration;

/**
 * The demo's command line: {@code --nodes N} (2 to 6; more than 2 uses the balanced strategy and
 * the quorum guard), {@code --membership udp|jgroups}, {@code --failback-delay 3s}, {@code
 * --verbose} (show the nodes' logs).
 */
record DemoOptions(int nodes, boolean jgroups, Duration failbackDelay, boolean verbose) {
  static DemoOptions parse(String[] args) {
    int nodes = 2;
    boolean jgroups = false;
    boolean verbose = false;
    Duration failback = Duration.ofSeconds(3);
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      switch (a) {
        case "--nodes" -> {
          String v = value(args, ++i, a);
          try {
            nodes = Integer.parseInt(v);
          } catch (NumberFormatException e) {
            nodes = -1;
          }
          if (nodes < 2 || nodes > 6) {
            throw new IllegalArgumentException("--nodes must be an integer from 2 to 6, was '" + v + "'");
          }
        }
        case "--membership" -> {
          String v = value(args, ++i, a);
          if (!v.equals("udp") && !v.equals("jgroups")) {
            throw new IllegalArgumentException("--membership must be udp or jgroups, was '" + v + "'");
          }
          jgroups = v.equals("jgroups");
        }
        case "--failback-delay" -> {
          String v = value(args, ++i, a);
          try {
            failback = Duration.parse("PT" + v.toUpperCase(java.util.Locale.ROOT));
          } catch (RuntimeException e) {
            throw new IllegalArgumentException("--failback-delay must be a duration such as 3s, was '" + v + "'", e);
          }
          if (failback.isNegative() || failback.compareTo(Duration.ofSeconds(20)) > 0) {
            throw new IllegalArgumentException("--failback-delay must be from 0s to 20s, was '" + v + "'");
          }
        }
        case "--verbose" -> verbose = true;
        default -> throw new IllegalArgumentException(
            "unknown argument '" + a + "'; usage: [--nodes 2..6] [--membership udp|jgroups] [--failback-delay 3s] [--verbose]");
      }
    }
    return new DemoOptions(nodes, jgroups, failback, verbose);
  }

  private static String value(String[] args, int i, String name) {
    if (i >= args.length) {
      throw new IllegalArgumentException(name + " needs a value");
    }
    return args[i];
  }
}
