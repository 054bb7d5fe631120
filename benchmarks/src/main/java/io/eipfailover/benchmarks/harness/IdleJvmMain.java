package io.eipfailover.benchmarks.harness;

import java.util.concurrent.CountDownLatch;

/**
 * The JVM's own floor for the idle measurement: a JVM started with the agent's flags that does
 * nothing until it is killed. Whatever it burns (JVM housekeeping threads) is not the agent's doing.
 */
public final class IdleJvmMain {
  private IdleJvmMain() {}

  public static void main(String[] args) throws InterruptedException {
    System.out.println("ready pid=" + ProcessHandle.current().pid());
    System.out.flush();
    new CountDownLatch(1).await();
  }
}
