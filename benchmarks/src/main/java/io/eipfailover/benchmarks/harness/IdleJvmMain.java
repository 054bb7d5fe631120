package io.eipfailover.benchmarks.harness;

import java.io.IOException;

/**
 * The CPU baseline for the idle-pair measurement: a JVM started with the agents' flags that does
 * nothing but wait for its stdin to close or a {@code quit}. Whatever it burns (JVM housekeeping threads) is not the
 * library's doing.
 */
public final class IdleJvmMain {
  private IdleJvmMain() {}

  public static void main(String[] args) throws IOException {
    System.out.println(EventLine.PREFIX + "ready 0 pid=" + ProcessHandle.current().pid());
    System.out.flush();
    int c;
    do {
      c = System.in.read();
    } while (c >= 0 && c != 'q');
  }
}
