package io.eipfailover.aws;

import java.util.List;

/**
 * The outcome of {@link Ec2Preflight#run()}: one finding per check, in the order run.
 *
 * @param findings every finding, passed ones included
 */
public record PreflightReport(List<Finding> findings) {
  public PreflightReport {
    findings = List.copyOf(findings);
  }

  /**
   * One check's result.
   *
   * @param check a stable name such as {@code iam:AssociateAddress} or {@code reserved-ips-in-os}
   * @param ok whether it passed
   * @param detail what was found
   * @param fix what to do about a problem; empty when {@code ok}
   */
  public record Finding(String check, boolean ok, String detail, String fix) {
    static Finding pass(String check, String detail) {
      return new Finding(check, true, detail, "");
    }

    static Finding problem(String check, String detail, String fix) {
      return new Finding(check, false, detail, fix);
    }

    @Override
    public String toString() {
      return (ok ? "[ OK ] " : "[FAIL] ") + check + ": " + detail + (ok ? "" : "\n       fix: " + fix);
    }
  }

  /** Whether every check passed. */
  public boolean ok() {
    return findings.stream().allMatch(Finding::ok);
  }

  /** The failed checks. */
  public List<Finding> problems() {
    return findings.stream().filter(f -> !f.ok()).toList();
  }

  /** The finding of {@code check}, or an exception naming the checks that ran. */
  public Finding finding(String check) {
    return findings.stream().filter(f -> f.check().equals(check)).findFirst().orElseThrow(() ->
        new IllegalArgumentException("no check '" + check + "' in " + findings.stream().map(Finding::check).toList()));
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("preflight: ").append(ok() ? "all checks passed" : problems().size() + " problem(s)");
    findings.forEach(f -> sb.append('\n').append(f));
    return sb.toString();
  }
}
