package io.eipfailover.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** How a preflight report answers and reads: one problem fails it, each problem comes with its fix. */
class PreflightReportTest {
  private static final PreflightReport.Finding PASSED =
      PreflightReport.Finding.pass("imdsv2", "token issued by http://169.254.169.254");
  private static final PreflightReport.Finding FAILED = PreflightReport.Finding.problem("iam:AssociateAddress",
      "DryRun answered UnauthorizedOperation", "attach the policy from `IamPolicy`");

  @Test
  void oneProblemFailsTheReportAndIsListedWithItsFix() {
    PreflightReport report = new PreflightReport(List.of(PASSED, FAILED));
    assertFalse(report.ok());
    assertEquals(List.of(FAILED), report.problems());
    assertEquals("preflight: 1 problem(s)\n"
        + "[ OK ] imdsv2: token issued by http://169.254.169.254\n"
        + "[FAIL] iam:AssociateAddress: DryRun answered UnauthorizedOperation\n"
        + "       fix: attach the policy from `IamPolicy`", report.toString());
  }

  @Test
  void aReportWithOnlyPassedChecksIsOk() {
    PreflightReport report = new PreflightReport(List.of(PASSED));
    assertTrue(report.ok());
    assertEquals(List.of(), report.problems());
    assertEquals("preflight: all checks passed\n[ OK ] imdsv2: token issued by http://169.254.169.254",
        report.toString());
  }
}
