package io.eipfailover.examples.demo;

import java.time.Duration;

/** Formatting helpers for the demo's output. */
final class ConfigText {
  private ConfigText() {}

  static String seconds(Duration d) {
    return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
  }
}
