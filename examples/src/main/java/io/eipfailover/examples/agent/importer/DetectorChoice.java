package io.eipfailover.examples.agent.importer;

import io.eipfailover.membership.udp.DetectorSettings;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Maps the old system's failure-detection time to the closest {@code membership.udp.profile}. The
 * agent exposes profiles, not individual timings, so "closest" compares worst-case detection times
 * (a silent peer's deadtime plus one heartbeat interval) on a logarithmic scale. Pure.
 *
 * @param profile the chosen profile
 * @param worstCase the profile's worst-case detection time of a silent peer
 * @param explanation the old and new detection times, for the report
 */
record DetectorChoice(String profile, Duration worstCase, String explanation) {
  private static final Map<String, DetectorSettings> PROFILES = new LinkedHashMap<>();

  static {
    PROFILES.put("aggressive", DetectorSettings.aggressive());
    PROFILES.put("default", DetectorSettings.defaults());
    PROFILES.put("phi-accrual", DetectorSettings.phiAccrual());
  }

  /**
   * The profile closest to a system that declared a silent peer dead within {@code oldWorstCase}.
   *
   * @param oldDescription how the old system got there, e.g. "Heartbeat: deadtime 15 s + keepalive 2 s"
   */
  static DetectorChoice closest(Duration oldWorstCase, String oldDescription) {
    String best = "default";
    double bestDistance = Double.MAX_VALUE;
    for (Map.Entry<String, DetectorSettings> e : PROFILES.entrySet()) {
      double d = Math.abs(Math.log(seconds(worstCase(e.getValue())) / seconds(oldWorstCase)));
      if (d < bestDistance) {
        bestDistance = d;
        best = e.getKey();
      }
    }
    DetectorSettings s = PROFILES.get(best);
    Duration mine = worstCase(s);
    String typical = best.equals("phi-accrual")
        ? "about " + human(Duration.ofSeconds(1)) + " of silence on a steady network, at most " + human(mine)
        : "at most " + human(mine) + " (deadtime " + human(s.deadtime()) + " + heartbeat every "
            + human(s.keepalive()) + ")";
    double ratio = seconds(oldWorstCase) / seconds(mine);
    String compare = ratio >= 1.5 ? String.format(java.util.Locale.ROOT, "%.0fx faster than before", ratio)
        : ratio <= 0.67 ? String.format(java.util.Locale.ROOT, "%.1fx slower than before", 1 / ratio) : "about as before";
    return new DetectorChoice(best, mine, "failure detection: " + oldDescription + " declared a silent peer dead"
        + " within " + human(oldWorstCase) + "; membership.udp.profile = " + best + " declares it dead after "
        + typical + ", " + compare + " (the agent has profiles, not individual timings); a crashed agent on a"
        + " live host is detected within milliseconds (port-unreachable / TCP crash link)");
  }

  static Duration worstCase(DetectorSettings s) {
    return s.deadtime().plus(s.keepalive());
  }

  private static double seconds(Duration d) {
    return Math.max(1, d.toMillis()) / 1000.0;
  }

  static String human(Duration d) {
    long ms = d.toMillis();
    if (ms % 1000 == 0) {
      return ms / 1000 + " s";
    }
    return ms >= 1000 ? String.format(java.util.Locale.ROOT, "%.2f s", ms / 1000.0).replaceAll("0+ s$", " s")
        : ms + " ms";
  }
}
