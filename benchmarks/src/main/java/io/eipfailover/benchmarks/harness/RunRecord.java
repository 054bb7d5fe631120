package io.eipfailover.benchmarks.harness;

import java.util.List;
import java.util.Locale;

/**
 * One repetition of one failover scenario, a row of {@code runs.csv}. Times are milliseconds from
 * the fault (kill, link down, SIGTERM; for {@code restart}, the exec of the fresh victim) on the
 * shared wall clock; {@code NaN} when the thing did not happen within the scenario's timeout.
 *
 * @param setting the daemon setting's label
 * @param scenario {@code kill9-hostup}, {@code host-gone}, {@code graceful}, {@code restart}
 * @param rep repetition number, from 1
 * @param faultMicros when the fault was injected (epoch microseconds)
 * @param detectionMillis fault → the survivor convicted the victim (membership DEAD or STANDBY;
 *     keepalived: MASTER of the victim's instance); for {@code restart}: exec → running (agent: its
 *     {@code started:} line, membership and reconciler up; keepalived: its first VRRP state)
 * @param associateMillis fault → the survivor's first AssociateAddress of the victim's EIP reached
 *     the EC2 fake; for {@code restart}: exec → the victim's AssociateAddress pulling its EIP home
 *     (includes the setting's fail-back delay)
 * @param readyMillis for {@code restart}: exec → able to take over (agent: its start-up grace is
 *     over; keepalived: running); {@code NaN} for faults
 * @param describeCalls DescribeAddresses calls by the survivor in the window after the fault
 * @param associateCalls AssociateAddress calls by the survivor in that window
 * @param disassociateCalls DisassociateAddress calls by anyone in that window
 * @param otherCalls any other EC2 calls by the survivor in that window
 * @param ok whether detection and takeover both happened and the pair recovered afterwards
 * @param note what went wrong, or empty
 */
public record RunRecord(String setting, String scenario, int rep, long faultMicros, double detectionMillis,
    double associateMillis, double readyMillis, int describeCalls, int associateCalls, int disassociateCalls,
    int otherCalls, boolean ok, String note) {
  /** The CSV header. */
  public static final List<String> HEADER = List.of("setting", "scenario", "rep", "fault_epoch_us", "detection_ms",
      "associate_ms", "ready_ms", "describe_calls", "associate_calls", "disassociate_calls", "other_calls", "ok",
      "note");

  /** This record as a CSV row. */
  public String toCsv() {
    return String.join(",", setting, scenario, Integer.toString(rep), Long.toString(faultMicros), num(detectionMillis),
        num(associateMillis), num(readyMillis), Integer.toString(describeCalls), Integer.toString(associateCalls),
        Integer.toString(disassociateCalls), Integer.toString(otherCalls), Boolean.toString(ok),
        '"' + note.replace('"', '\'') + '"');
  }

  private static String num(double v) {
    return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.3f", v);
  }
}
