package io.eipfailover.examples.agent.hooks;

import io.eipfailover.core.ElasticIp;
import io.eipfailover.core.NodeId;
import io.eipfailover.core.event.FailBack;
import io.eipfailover.core.event.FailoverEvent;
import io.eipfailover.core.event.FailoverTimeline;
import io.eipfailover.core.event.LocalStatusChanged;
import io.eipfailover.core.event.PeerDead;
import io.eipfailover.core.event.PeerRecovered;
import io.eipfailover.core.event.TakeoverCompleted;
import io.eipfailover.core.event.TakeoverFailed;
import io.eipfailover.core.event.TakeoverStarted;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One hook run to make: the event, the lane it runs in (its EIP's allocation id, or {@code node} for
 * peer and local events: runs in one lane keep the events' order) and its fields. The fields are
 * the JSON object on the hook's stdin and, as {@code EIPFAILOVER_<NAME>} (camelCase to upper snake
 * case), its environment. Immutable; {@link #of} is pure.
 *
 * @param fields in order; values are {@code String}, {@code Long} or {@code Boolean}, absent ones left out
 */
public record HookCall(HookEvent event, String lane, Map<String, Object> fields) {
  public HookCall {
    fields = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(fields));
  }

  /** The call for {@code e}, if it is an event hooks can attach to. */
  public static Optional<HookCall> of(FailoverEvent e, String cluster, boolean dryRun) {
    if (e instanceof TakeoverStarted t) {
      Map<String, Object> f = base(HookEvent.TAKEOVER_STARTED, e, cluster, dryRun, t.elasticIp());
      from(f, t.from());
      f.put("to", t.self().value());
      f.put("privateIp", t.target().privateIp());
      f.put("networkInterfaceId", t.target().networkInterfaceId());
      f.put("reason", t.reason());
      return eip(HookEvent.TAKEOVER_STARTED, t.elasticIp(), f);
    } else if (e instanceof TakeoverCompleted t) {
      Map<String, Object> f = base(HookEvent.TAKEOVER_COMPLETED, e, cluster, dryRun, t.elasticIp());
      from(f, t.from());
      f.put("to", t.self().value());
      f.put("privateIp", t.target().privateIp());
      f.put("networkInterfaceId", t.target().networkInterfaceId());
      timeline(f, t.timeline());
      return eip(HookEvent.TAKEOVER_COMPLETED, t.elasticIp(), f);
    } else if (e instanceof TakeoverFailed t) {
      Map<String, Object> f = base(HookEvent.TAKEOVER_FAILED, e, cluster, dryRun, t.elasticIp());
      f.put("to", t.self().value());
      f.put("privateIp", t.target().privateIp());
      f.put("errorKind", t.kind().name());
      f.put("error", t.error());
      f.put("retryInMs", t.retryIn().toMillis());
      return eip(HookEvent.TAKEOVER_FAILED, t.elasticIp(), f);
    } else if (e instanceof FailBack b) {
      Map<String, Object> f = base(HookEvent.FAIL_BACK, e, cluster, dryRun, b.elasticIp());
      from(f, b.from());
      f.put("to", b.self().value());
      return eip(HookEvent.FAIL_BACK, b.elasticIp(), f);
    } else if (e instanceof PeerDead p) {
      Map<String, Object> f = base(HookEvent.PEER_DEAD, e, cluster, dryRun, null);
      f.put("peer", p.peer().value());
      return Optional.of(new HookCall(HookEvent.PEER_DEAD, "node", f));
    } else if (e instanceof PeerRecovered p) {
      Map<String, Object> f = base(HookEvent.PEER_RECOVERED, e, cluster, dryRun, null);
      f.put("peer", p.peer().value());
      f.put("peerState", p.state().name());
      return Optional.of(new HookCall(HookEvent.PEER_RECOVERED, "node", f));
    } else if (e instanceof LocalStatusChanged l) {
      Map<String, Object> f = base(HookEvent.LOCAL_STATUS_CHANGED, e, cluster, dryRun, null);
      f.put("status", l.status().name());
      f.put("reason", l.reason());
      return Optional.of(new HookCall(HookEvent.LOCAL_STATUS_CHANGED, "node", f));
    }
    return Optional.empty();
  }

  /** An EIP this node held that {@code to} now holds. */
  public static HookCall released(NodeId self, Instant at, String cluster, boolean dryRun, ElasticIp eip,
      Optional<NodeId> to, String privateIp) {
    Map<String, Object> f = base(HookEvent.EIP_RELEASED, self, at, cluster, dryRun, eip);
    f.put("from", self.value());
    to.ifPresent(n -> f.put("to", n.value()));
    f.put("privateIp", privateIp);
    return new HookCall(HookEvent.EIP_RELEASED, eip.allocationId(), f);
  }

  /** The environment: {@code EIPFAILOVER_} + each field name in upper snake case. */
  public Map<String, String> environment() {
    Map<String, String> env = new LinkedHashMap<>();
    fields.forEach((k, v) -> env.put("EIPFAILOVER_" + k.replaceAll("([a-z0-9])([A-Z])", "$1_$2")
        .toUpperCase(Locale.ROOT), String.valueOf(v)));
    return env;
  }

  /** The fields as one JSON object. */
  public String json() {
    StringBuilder sb = new StringBuilder("{");
    fields.forEach((k, v) -> {
      if (sb.length() > 1) {
        sb.append(',');
      }
      quote(sb, k);
      sb.append(':');
      if (v instanceof String s) {
        quote(sb, s);
      } else {
        sb.append(v);
      }
    });
    return sb.append('}').toString();
  }

  private static void quote(StringBuilder sb, String s) {
    sb.append('"');
    for (char c : s.toCharArray()) {
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        default -> {
          if (c < 0x20) {
            sb.append(String.format("\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    sb.append('"');
  }

  private static Map<String, Object> base(HookEvent h, FailoverEvent e, String cluster, boolean dryRun, ElasticIp eip) {
    return base(h, e.self(), e.at(), cluster, dryRun, eip);
  }

  private static Map<String, Object> base(HookEvent h, NodeId self, Instant at, String cluster, boolean dryRun,
      ElasticIp eip) {
    Map<String, Object> f = new LinkedHashMap<>();
    f.put("event", h.configName());
    f.put("cluster", cluster);
    f.put("node", self.value());
    f.put("at", at.toString());
    f.put("dryRun", dryRun);
    if (eip != null) {
      f.put("allocationId", eip.allocationId());
      f.put("publicIp", eip.publicIp());
      f.put("home", eip.home().value());
    }
    return f;
  }

  private static void from(Map<String, Object> f, Optional<NodeId> from) {
    from.ifPresent(n -> f.put("from", n.value()));
  }

  private static void timeline(Map<String, Object> f, FailoverTimeline t) {
    t.failoverTime().map(Duration::toMillis).ifPresent(v -> f.put("failoverMs", v));
    t.detectionTime().map(Duration::toMillis).ifPresent(v -> f.put("detectionMs", v));
    t.reactionTime().map(Duration::toMillis).ifPresent(v -> f.put("reactionMs", v));
  }

  private static Optional<HookCall> eip(HookEvent h, ElasticIp eip, Map<String, Object> f) {
    return Optional.of(new HookCall(h, eip.allocationId(), f));
  }
}
