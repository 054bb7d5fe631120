package io.eipfailover.membership.jgroups;

import io.eipfailover.core.runtime.Checks;
import java.time.Duration;

/**
 * Builds a {@link JGroupsMembershipConfig}; starts from the defaults. Each setter checks its
 * arguments at once (the message names the setting and shows the bad value). Not thread-safe.
 */
public final class JGroupsMembershipConfigBuilder {
  Duration heartbeatInterval = Duration.ofMillis(150);
  Duration heartbeatTimeout = Duration.ofMillis(600);
  Duration suspectVerifyTimeout = Duration.ofMillis(250);
  Duration mergeMinInterval = Duration.ofSeconds(1);
  Duration mergeMaxInterval = Duration.ofSeconds(3);
  Duration joinTimeout = Duration.ofSeconds(2);
  Duration announceInterval = Duration.ofSeconds(1);
  Duration configMismatchReportInterval = Duration.ofMinutes(1);

  JGroupsMembershipConfigBuilder() {}

  JGroupsMembershipConfigBuilder(JGroupsMembershipConfig c) {
    this.heartbeatInterval = c.heartbeatInterval();
    this.heartbeatTimeout = c.heartbeatTimeout();
    this.suspectVerifyTimeout = c.suspectVerifyTimeout();
    this.mergeMinInterval = c.mergeMinInterval();
    this.mergeMaxInterval = c.mergeMaxInterval();
    this.joinTimeout = c.joinTimeout();
    this.announceInterval = c.announceInterval();
    this.configMismatchReportInterval = c.configMismatchReportInterval();
  }

  /**
   * Default stack: FD_ALL3's heartbeat {@code interval} and the {@code timeout} after which a
   * silent member is suspected. Defaults 150 ms and 600 ms. With VERIFY_SUSPECT2 (default 250 ms)
   * a hung or cut-off node is excluded in about 0.9-1.1 s. Shorter detects sooner but a GC pause
   * or a congested link longer than the timeout then costs a (healed) split; heartbeats are one
   * small message per interval to every member.
   */
  public JGroupsMembershipConfigBuilder heartbeat(Duration interval, Duration timeout) {
    Checks.positive("heartbeat interval", interval);
    Checks.positive("heartbeat timeout", timeout);
    Checks.require(interval.compareTo(timeout) < 0, "heartbeat interval must be shorter than timeout (%s), was %s",
        timeout, interval);
    this.heartbeatInterval = interval;
    this.heartbeatTimeout = timeout;
    return this;
  }

  /**
   * Default stack: how long VERIFY_SUSPECT2 waits for a suspect to answer before GMS excludes it.
   * Default 250 ms. Longer forgives more jitter, delays every exclusion by as much.
   */
  public JGroupsMembershipConfigBuilder suspectVerifyTimeout(Duration timeout) {
    this.suspectVerifyTimeout = Checks.positive("suspectVerifyTimeout", timeout);
    return this;
  }

  /**
   * Default stack: MERGE3's randomized interval between merge checks. Defaults 1 s and 3 s: a healed
   * partition merges within a few seconds. Shorter merges sooner for a little more traffic.
   */
  public JGroupsMembershipConfigBuilder mergeInterval(Duration min, Duration max) {
    Checks.positive("mergeInterval min", min);
    Checks.positive("mergeInterval max", max);
    Checks.require(max.compareTo(min) > 0, "mergeInterval max must be longer than min (%s), was %s", min, max);
    this.mergeMinInterval = min;
    this.mergeMaxInterval = max;
    return this;
  }

  /**
   * Default stack: how long a joiner waits for the coordinator before forming a group of its own
   * (GMS join_timeout). Default 2 s; {@code start()} blocks about this long on the first node.
   */
  public JGroupsMembershipConfigBuilder joinTimeout(Duration timeout) {
    this.joinTimeout = Checks.positive("joinTimeout", timeout);
    return this;
  }

  /**
   * How often this node re-multicasts its state message even when nothing changed. Default 1 s.
   * It also goes out at once on every status change and view change; the periodic copy repairs
   * nothing JGroups would lose, it bounds how stale a peer's view of our status can get.
   */
  public JGroupsMembershipConfigBuilder announceInterval(Duration interval) {
    this.announceInterval = Checks.positive("announceInterval", interval);
    return this;
  }

  /** At most one configMismatch report per peer per this interval while it persists. Default 1 min. */
  public JGroupsMembershipConfigBuilder configMismatchReportInterval(Duration interval) {
    this.configMismatchReportInterval = Checks.positive("configMismatchReportInterval", interval);
    return this;
  }

  /** Builds the configuration (every rule is checked by the setters). */
  public JGroupsMembershipConfig build() {
    return new JGroupsMembershipConfig(this);
  }
}
