package io.eipfailover.membership.jgroups;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The tunables of a {@link JGroupsMembership} (its counterpart of {@code FailoverConfig}): failure
 * detection, merge and join timing of the default stack, and how often this node re-announces its
 * state and reports a configuration mismatch. Immutable and thread-safe, with {@code equals}; build
 * with {@link #builder()} (every setter checks its argument, {@link
 * JGroupsMembershipConfigBuilder#build()} the combination), adjust with {@link #toBuilder()}. What
 * each knob trades off is documented on its setter in {@link JGroupsMembershipConfigBuilder}.
 *
 * <p>The default-stack timings ({@code heartbeat*}, {@code suspectVerifyTimeout}, {@code
 * mergeInterval*}, {@code joinTimeout}) cannot be changed together with a channel or stack file of
 * your own: {@code JGroupsMembershipBuilder.build()} refuses that, naming the setting.
 */
public final class JGroupsMembershipConfig {
  private static final JGroupsMembershipConfig DEFAULTS = builder().build();

  private final Duration heartbeatInterval;
  private final Duration heartbeatTimeout;
  private final Duration suspectVerifyTimeout;
  private final Duration mergeMinInterval;
  private final Duration mergeMaxInterval;
  private final Duration joinTimeout;
  private final Duration announceInterval;
  private final Duration configMismatchReportInterval;

  JGroupsMembershipConfig(JGroupsMembershipConfigBuilder b) {
    this.heartbeatInterval = b.heartbeatInterval;
    this.heartbeatTimeout = b.heartbeatTimeout;
    this.suspectVerifyTimeout = b.suspectVerifyTimeout;
    this.mergeMinInterval = b.mergeMinInterval;
    this.mergeMaxInterval = b.mergeMaxInterval;
    this.joinTimeout = b.joinTimeout;
    this.announceInterval = b.announceInterval;
    this.configMismatchReportInterval = b.configMismatchReportInterval;
  }

  /** A builder holding the defaults. */
  public static JGroupsMembershipConfigBuilder builder() {
    return new JGroupsMembershipConfigBuilder();
  }

  /** Every knob at its default. */
  public static JGroupsMembershipConfig defaults() {
    return DEFAULTS;
  }

  /** A builder holding this configuration's values. */
  public JGroupsMembershipConfigBuilder toBuilder() {
    return new JGroupsMembershipConfigBuilder(this);
  }

  /** Default stack: FD_ALL3's heartbeat interval. */
  public Duration heartbeatInterval() {
    return heartbeatInterval;
  }

  /** Default stack: FD_ALL3's silence before a member is suspected. */
  public Duration heartbeatTimeout() {
    return heartbeatTimeout;
  }

  /** Default stack: VERIFY_SUSPECT2's wait for a suspect to answer. */
  public Duration suspectVerifyTimeout() {
    return suspectVerifyTimeout;
  }

  /** Default stack: MERGE3's shortest interval between merge checks. */
  public Duration mergeMinInterval() {
    return mergeMinInterval;
  }

  /** Default stack: MERGE3's longest interval between merge checks. */
  public Duration mergeMaxInterval() {
    return mergeMaxInterval;
  }

  /** Default stack: GMS's join timeout. */
  public Duration joinTimeout() {
    return joinTimeout;
  }

  /** How often this node re-multicasts its state even when nothing changed. */
  public Duration announceInterval() {
    return announceInterval;
  }

  /** At most one configMismatch report per peer per this interval. */
  public Duration configMismatchReportInterval() {
    return configMismatchReportInterval;
  }

  /**
   * The first default-stack timing (by setter name) that differs from the default, if any: such a
   * setting has no effect on a channel or stack file of the user's.
   */
  Optional<String> changedStackTiming() {
    if (!heartbeatInterval.equals(DEFAULTS.heartbeatInterval) || !heartbeatTimeout.equals(DEFAULTS.heartbeatTimeout)) {
      return Optional.of("heartbeat");
    }
    if (!suspectVerifyTimeout.equals(DEFAULTS.suspectVerifyTimeout)) {
      return Optional.of("suspectVerifyTimeout");
    }
    if (!mergeMinInterval.equals(DEFAULTS.mergeMinInterval) || !mergeMaxInterval.equals(DEFAULTS.mergeMaxInterval)) {
      return Optional.of("mergeInterval");
    }
    if (!joinTimeout.equals(DEFAULTS.joinTimeout)) {
      return Optional.of("joinTimeout");
    }
    return Optional.empty();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof JGroupsMembershipConfig c && heartbeatInterval.equals(c.heartbeatInterval)
        && heartbeatTimeout.equals(c.heartbeatTimeout) && suspectVerifyTimeout.equals(c.suspectVerifyTimeout)
        && mergeMinInterval.equals(c.mergeMinInterval) && mergeMaxInterval.equals(c.mergeMaxInterval)
        && joinTimeout.equals(c.joinTimeout) && announceInterval.equals(c.announceInterval)
        && configMismatchReportInterval.equals(c.configMismatchReportInterval);
  }

  @Override
  public int hashCode() {
    return Objects.hash(heartbeatInterval, heartbeatTimeout, suspectVerifyTimeout, mergeMinInterval, mergeMaxInterval,
        joinTimeout, announceInterval, configMismatchReportInterval);
  }

  @Override
  public String toString() {
    return "JGroupsMembershipConfig{heartbeatInterval=" + heartbeatInterval + ", heartbeatTimeout=" + heartbeatTimeout
        + ", suspectVerifyTimeout=" + suspectVerifyTimeout + ", mergeInterval=" + mergeMinInterval + ".."
        + mergeMaxInterval + ", joinTimeout=" + joinTimeout + ", announceInterval=" + announceInterval
        + ", configMismatchReportInterval=" + configMismatchReportInterval + "}";
  }
}
