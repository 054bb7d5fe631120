package io.eipfailover.benchmarks.harness;

import java.util.List;
import java.util.Locale;

/**
 * One repetition of one failover scenario, a row of {@code runs.csv}. Times are milliseconds from
 * the fault (kill, stop, standby command) as measured on the shared wall clock; {@code NaN} when
 * the thing did not happen within the scenario's timeout.
 *
 * @param profile membership profile label
 * @param scenario {@code kill9-hostup}, {@code kill9-hostdown}, {@code sigstop}, {@code standby}
 * @param rep repetition number, from 1
 * @param faultMicros when the fault was injected (epoch microseconds)
 * @param detectionMillis fault → the survivor's membership shows the victim DEAD (STANDBY for standby)
 * @param associateMillis fault → the survivor's first AssociateAddress reached the EC2 fake
 * @param describeCalls DescribeAddresses calls by the survivor in the window after the fault
 * @param associateCalls AssociateAddress calls by the survivor in that window
 * @param disassociateCalls DisassociateAddress calls by anyone in that window
 * @param otherCalls any other EC2 calls by the survivor in that window
 * @param ok whether detection and takeover both happened and the pair recovered afterwards
 * @param note what went wrong, or empty
 */
public record RunRecord(String profile, String scenario, int rep, long faultMicros, double detectionMillis,
    double associateMillis, int describeCalls, int associateCalls, int disassociateCalls, int otherCalls, boolean ok,
    String note) {
  /** The CSV header. */
  public static final List<String> HEADER = List.of("profile", "scenario", "rep", "fault_epoch_us", "detection_ms",
      "associate_ms", "describe_calls", "associate_calls", "disassociate_calls", "other_calls", "ok", "note");

  /** This record as a CSV row. */
  public String toCsv() {
    return String.join(",", profile, scenario, Integer.toString(rep), Long.toString(faultMicros), num(detectionMillis),
        num(associateMillis), Integer.toString(describeCalls), Integer.toString(associateCalls),
        Integer.toString(disassociateCalls), Integer.toString(otherCalls), Boolean.toString(ok),
        '"' + note.replace('"', '\'') + '"');
  }

  private static String num(double v) {
    return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.3f", v);
  }
}
