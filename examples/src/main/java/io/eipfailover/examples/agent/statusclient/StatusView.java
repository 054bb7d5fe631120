package io.eipfailover.examples.agent.statusclient;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns the agent's {@code /status} document into the operator's view, and judges it: healthy when
 * the failover runs, this node announces ALIVE, every node is ALIVE and every EIP is associated with its
 * home node; degraded otherwise, with the reasons. Reads only the fields it knows; a field that is
 * missing leaves its line out. Pure.
 */
final class StatusView {
  /** The rendered text and, when degraded, why. */
  record View(String text, List<String> degraded) {
    boolean healthy() {
      return degraded.isEmpty();
    }
  }

  private StatusView() {}

  static View render(Map<String, Object> root) {
    List<String> degraded = new ArrayList<>();
    StringBuilder sb = new StringBuilder();
    String self = Json.string(root, "self").orElse("?");
    String local = Json.string(root, "localStatus").orElse("?");
    Map<String, Object> view = Json.object(root.get("view"));
    sb.append("eip-failover cluster ").append(Json.string(root, "cluster").orElse("?")).append(", seen from ")
        .append(self).append(" (").append(local).append(")");
    Json.number(view, "epoch").ifPresent(e -> sb.append(", view ").append(e));
    Json.string(root, "now").ifPresent(n -> sb.append(", ").append(n));
    sb.append('\n');
    if (Json.bool(root, "dryRun").orElse(false)) {
      sb.append("  DRY RUN: this node plans but moves nothing\n");
    }
    if (!Json.bool(root, "running").orElse(true)) {
      degraded.add("the failover on " + self + " is not running");
    }
    if (!local.equals("ALIVE")) {
      degraded.add(self + " announces " + local);
    }
    nodes(sb, self, view, degraded);
    Map<String, String> placed = elasticIps(sb, root, degraded);
    plan(sb, root, placed);
    takeover(sb, Json.object(root.get("lastTakeover")));
    recent(sb, root);
    Map<String, Object> c = Json.object(root.get("counters"));
    if (!c.isEmpty()) {
      sb.append("COUNTERS takeovers ").append(Json.number(c, "takeovers").orElse(0L)).append(", failed ")
          .append(Json.number(c, "takeoverFailures").orElse(0L)).append(", guard denials ")
          .append(Json.number(c, "guardDenials").orElse(0L)).append(", describe failures ")
          .append(Json.number(c, "describeFailures").orElse(0L)).append(", local pauses ")
          .append(Json.number(c, "localPauses").orElse(0L)).append('\n');
    }
    sb.append(degraded.isEmpty() ? "OK: every node alive, every EIP at home\n"
        : "DEGRADED: " + String.join("; ", degraded) + "\n");
    return new View(sb.toString(), List.copyOf(degraded));
  }

  private static void nodes(StringBuilder sb, String self, Map<String, Object> view, List<String> degraded) {
    Map<String, Object> members = Json.object(view.get("members"));
    if (members.isEmpty()) {
      sb.append("NODES (no membership view yet)\n");
      degraded.add("no membership view yet");
      return;
    }
    sb.append("NODES\n");
    for (Map.Entry<String, Object> e : members.entrySet()) {
      Map<String, Object> m = Json.object(e.getValue());
      String state = Json.string(m, "state").orElse("?");
      sb.append(String.format("  %-14s %-10s", e.getKey(), state));
      if (e.getKey().equals(self)) {
        sb.append("this node");
      } else {
        Json.number(m, "sinceMs").ifPresent(v -> sb.append("since ").append(Durations.human(v)));
        if (!state.equals("ALIVE")) {
          Json.number(m, "lastHeardMs").ifPresent(v -> sb.append(", last heard ").append(Durations.human(v))
              .append(" ago"));
        }
        if (Json.string(m, "hearsSelf").filter("NO"::equals).isPresent()) {
          sb.append(" (does not hear us)");
          degraded.add(e.getKey() + " does not hear this node");
        }
      }
      sb.append('\n');
      if (!state.equals("ALIVE")) {
        degraded.add(e.getKey() + " is " + state);
      }
    }
  }

  /** Prints the EIPs; returns where each one is (public IP to private IP) for the plan lines. */
  private static Map<String, String> elasticIps(StringBuilder sb, Map<String, Object> root, List<String> degraded) {
    Map<String, String> placed = new java.util.HashMap<>();
    List<Object> eips = Json.array(root.get("elasticIps"));
    sb.append("ELASTIC IPS\n");
    Optional<java.time.Instant> now = Json.string(root, "now").flatMap(Durations::instant);
    for (Object o : eips) {
      Map<String, Object> e = Json.object(o);
      String ip = Json.string(e, "publicIp").orElse("?");
      String home = Json.string(e, "home").orElse("?");
      Map<String, Object> observed = Json.object(e.get("observed"));
      sb.append(String.format("  %-15s %-26s ", ip, "(" + Json.string(e, "allocationId").orElse("?") + ")"));
      if (observed.isEmpty()) {
        sb.append("NOT ASSOCIATED (home ").append(home).append(")");
        degraded.add(ip + " is not associated");
      } else {
        String holder = Json.string(observed, "holder").orElse("an unknown holder");
        String priv = Json.string(observed, "privateIp").orElse("?");
        placed.put(ip, priv);
        sb.append("on ").append(holder).append(' ').append(priv);
        if (holder.equals(home)) {
          sb.append("  home");
        } else {
          sb.append("  AWAY from ").append(home);
          degraded.add(ip + " is away from its home " + home + " (on " + holder + ")");
        }
      }
      Json.string(e, "holderSince").flatMap(Durations::instant).ifPresent(since -> now.ifPresent(n ->
          sb.append(", since ").append(Durations.human(java.time.Duration.between(since, n).toMillis()))));
      sb.append('\n');
    }
    return placed;
  }

  private static void plan(StringBuilder sb, Map<String, Object> root, Map<String, String> placed) {
    List<String> lines = new ArrayList<>();
    for (Object o : Json.array(root.get("elasticIps"))) {
      Map<String, Object> e = Json.object(o);
      Map<String, Object> p = Json.object(e.get("planned"));
      if (p.isEmpty()) {
        continue;
      }
      String ip = Json.string(e, "publicIp").orElse("?");
      String target = Json.string(p, "privateIp").orElse("?");
      lines.add(String.format("  %-15s -> %s %s%s", ip, Json.string(p, "node").orElse("?"), target,
          target.equals(placed.get(ip)) ? "  (there)" : "  (to move)"));
    }
    if (!lines.isEmpty()) {
      sb.append("PLAN\n");
      lines.forEach(l -> sb.append(l).append('\n'));
    }
  }

  private static void takeover(StringBuilder sb, Map<String, Object> t) {
    if (t.isEmpty()) {
      sb.append("LAST TAKEOVER by this node: none\n");
      return;
    }
    sb.append("LAST TAKEOVER by this node: ").append(Json.string(t, "publicIp").orElse("?")).append(" from ")
        .append(Json.string(t, "from").orElse("nobody")).append(" to ").append(Json.string(t, "to").orElse("?"));
    Json.number(t, "failoverMs").ifPresent(v -> sb.append(", failover ").append(v).append(" ms"));
    Json.number(t, "detectionMs").ifPresent(v -> sb.append(" (detection ").append(v).append(" ms"));
    Json.number(t, "reactionMs").ifPresent(v -> sb.append(", reaction ").append(v).append(" ms)"));
    sb.append("\n  ");
    List<String> steps = new ArrayList<>();
    Json.object(t.get("stepsMs")).forEach((k, v) -> {
      if (v instanceof Number n) {
        steps.add(k + " +" + n.longValue());
      }
    });
    sb.append(String.join(" | ", steps)).append(" (ms)\n");
  }

  private static void recent(StringBuilder sb, Map<String, Object> root) {
    if (!root.containsKey("recent")) {
      return;
    }
    List<Object> recent = Json.array(root.get("recent"));
    long denials = recent.stream().map(Json::object).filter(e -> "guard-denied".equals(e.get("type"))).count();
    long errors = recent.stream().map(Json::object).filter(e -> "ec2-error".equals(e.get("type"))
        || "takeover-failed".equals(e.get("type"))).count();
    sb.append("LAST 10 MINUTES: ").append(denials).append(" guard denial(s), ").append(errors)
        .append(" EC2 error(s)\n");
    int from = Math.max(0, recent.size() - 15);
    for (Object o : recent.subList(from, recent.size())) {
      Map<String, Object> e = Json.object(o);
      sb.append(String.format("  %8s ago  %-16s %-15s %s%n", Durations.human(Json.number(e, "ageMs").orElse(0L)),
          Json.string(e, "type").orElse("?"), Json.string(e, "publicIp").or(() -> Json.string(e, "node")).orElse(""),
          Json.string(e, "detail").orElse("")));
    }
    if (from > 0) {
      sb.append("  (").append(from).append(" earlier)\n");
    }
  }
}
