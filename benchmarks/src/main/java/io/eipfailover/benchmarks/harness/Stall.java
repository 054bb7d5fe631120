package io.eipfailover.benchmarks.harness;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * One process stall: {@code stall.py} sends SIGSTOP to every process of a daemon, waits, and sends
 * SIGCONT, printing when it sent each; the stall's length is the difference.
 *
 * @param stoppedMicros when SIGSTOP was sent (epoch µs)
 * @param resumedMicros when SIGCONT was sent
 */
record Stall(long stoppedMicros, long resumedMicros) {
  private static final Pattern OUT = Pattern.compile("stall stopped=(\\d+) resumed=(\\d+)");

  double millis() {
    return (resumedMicros - stoppedMicros) / 1000.0;
  }

  /** Stalls {@code daemon} for {@code millis}; blocks until it is resumed. */
  static Stall of(Daemon daemon, long millis) {
    List<Long> pids = daemon.pids();
    if (pids.isEmpty()) {
      throw new IllegalStateException(daemon.id() + " is not running: nothing to stall");
    }
    String cmd = "python3 " + BenchHome.script("stall.py") + " " + millis + " "
        + pids.stream().map(String::valueOf).collect(Collectors.joining(" "));
    Sh.Result r = Sh.tryRun(cmd);
    Matcher m = OUT.matcher(r.output());
    if (!r.ok() || !m.find()) {
      daemon.signalAll("CONT");
      throw new IllegalStateException("'" + cmd + "' exited " + r.exitCode() + ": " + r.output().strip());
    }
    return new Stall(Long.parseLong(m.group(1)), Long.parseLong(m.group(2)));
  }
}
