package io.eipfailover.examples.demo;

import io.eipfailover.examples.agent.AgentNode;
import io.eipfailover.examples.demo.DemoCluster.Eip;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Samples EC2's truth (the fake's committed associations) every few milliseconds during a hand-off
 * and counts samples where one of the watched EIPs was unassociated: with one {@code
 * AssociateAddress} per move there must be none.
 */
final class GapMonitor {
  private final AtomicBoolean running = new AtomicBoolean(true);
  private final AtomicInteger samples = new AtomicInteger();
  private final AtomicInteger gaps = new AtomicInteger();
  private final Thread thread;

  private GapMonitor(DemoCluster cluster, List<Eip> eips, AgentNode.Sleeper sleeper) {
    thread = new Thread(() -> {
      while (running.get()) {
        samples.incrementAndGet();
        if (eips.stream().anyMatch(e -> cluster.holder(e).isEmpty())) {
          gaps.incrementAndGet();
        }
        try {
          sleeper.sleep(Duration.ofMillis(2));
        } catch (InterruptedException e) {
          return;
        }
      }
    }, "demo-gap-monitor");
    thread.setDaemon(true);
  }

  static GapMonitor start(DemoCluster cluster, List<Eip> eips, AgentNode.Sleeper sleeper) {
    GapMonitor m = new GapMonitor(cluster, eips, sleeper);
    m.thread.start();
    return m;
  }

  /** Stops sampling; returns the number of samples that saw a gap. */
  int stop() throws InterruptedException {
    running.set(false);
    thread.join(1000);
    return gaps.get();
  }

  int samples() {
    return samples.get();
  }
}
