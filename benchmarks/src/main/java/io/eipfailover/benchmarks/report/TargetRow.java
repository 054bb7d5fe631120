package io.eipfailover.benchmarks.report;

/**
 * One row of a target table: what, the target, what was measured, and the verdict ("met",
 * "**missed**" or "not measured: why"). Immutable.
 */
record TargetRow(String what, String target, String measured, String verdict) {
  TargetRow(String what, String target, String measured, boolean met) {
    this(what, target, measured, met ? "met" : "**missed**");
  }

  static TargetRow notMeasured(String what, String target, String why) {
    return new TargetRow(what, target, "–", "not measured: " + why);
  }

  String markdown() {
    return "| " + what + " | " + target + " | " + measured + " | " + verdict + " |\n";
  }
}
