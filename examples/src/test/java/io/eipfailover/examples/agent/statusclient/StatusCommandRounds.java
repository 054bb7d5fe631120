package io.eipfailover.examples.agent.statusclient;

import java.io.PrintStream;
import java.time.Duration;
import java.util.function.Consumer;

/** Runs {@code status --watch} for a fixed number of rounds with a recording sleeper (for tests in other packages). */
public final class StatusCommandRounds {
  private StatusCommandRounds() {}

  public static int run(String[] args, PrintStream out, Consumer<Duration> sleeper, int rounds) {
    return StatusCommand.run(args, out, out, sleeper::accept, rounds);
  }
}
