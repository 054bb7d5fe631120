package io.eipfailover.benchmarks.harness;

import io.eipfailover.membership.udp.DetectorSettings;
import java.time.Duration;

/** The membership set-ups the harness compares. */
public enum Profile {
  /** UDP membership, default detector: 100 ms heartbeat, dead after 1 s. */
  UDP_DEFAULT("udp-default"),
  /** UDP membership, aggressive detector: 50 ms heartbeat, dead after 300 ms. */
  UDP_AGGRESSIVE("udp-aggressive"),
  /** JGroups membership, default EC2 stack (FD_SOCK2 + FD_ALL3 150/600 ms + VERIFY_SUSPECT2 250 ms). */
  JGROUPS("jgroups-default");

  private final String label;

  Profile(String label) {
    this.label = label;
  }

  /** The name used in the CSV and the summary. */
  public String label() {
    return label;
  }

  /** Whether this profile runs the UDP membership. */
  public boolean udp() {
    return this != JGROUPS;
  }

  /** The UDP detector settings (UDP profiles only). */
  public DetectorSettings detector() {
    return this == UDP_AGGRESSIVE ? DetectorSettings.aggressive() : DetectorSettings.defaults();
  }

  /** The reconciler's detection deadline (its local-pause threshold) matching the membership. */
  public Duration detectionDeadline() {
    return switch (this) {
      case UDP_DEFAULT -> DetectorSettings.defaults().deadtime();
      case UDP_AGGRESSIVE -> DetectorSettings.aggressive().deadtime();
      case JGROUPS -> Duration.ofMillis(1100);
    };
  }

  /** Parses a label or an enum name. */
  public static Profile parse(String s) {
    for (Profile p : values()) {
      if (p.label.equals(s) || p.name().equals(s)) {
        return p;
      }
    }
    throw new IllegalArgumentException("profile must be one of udp-default, udp-aggressive, jgroups-default, was '"
        + s + "'");
  }
}
