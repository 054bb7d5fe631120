package io.eipfailover.examples.agent.hooks;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The events a hook can be attached to, by their configuration name ({@code hooks.<name>}). */
public enum HookEvent {
  /** This node sent an associate call for an EIP (also in dry-run, with {@code dryRun=true}: not sent). */
  TAKEOVER_STARTED("takeover-started"),
  /** The associate call succeeded; carries the failover timeline. */
  TAKEOVER_COMPLETED("takeover-completed"),
  /** The associate call failed; the reconciler retries after its back-off (the hook is not re-run for that). */
  TAKEOVER_FAILED("takeover-failed"),
  /** This node pulled its own (home) EIP back. */
  FAIL_BACK("fail-back"),
  /** An EIP this node held is now held by a peer (seen at this node's next describe). */
  EIP_RELEASED("eip-released"),
  /** A peer was declared dead. */
  PEER_DEAD("peer-dead"),
  /** A suspected or dead peer is heard again. */
  PEER_RECOVERED("peer-recovered"),
  /** This node now announces another status (health check result, standby, resume). */
  LOCAL_STATUS_CHANGED("local-status-changed");

  private final String configName;

  HookEvent(String configName) {
    this.configName = configName;
  }

  /** The name in {@code hooks.<name>} and in {@code EIPFAILOVER_EVENT}. */
  public String configName() {
    return configName;
  }

  public static Optional<HookEvent> byName(String name) {
    return Arrays.stream(values()).filter(e -> e.configName.equals(name)).findFirst();
  }

  public static List<String> names() {
    return Arrays.stream(values()).map(HookEvent::configName).toList();
  }

  @Override
  public String toString() {
    return configName;
  }
}
