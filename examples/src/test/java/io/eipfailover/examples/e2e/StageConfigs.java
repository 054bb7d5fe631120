package io.eipfailover.examples.e2e;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The configuration files of the stage's HAProxies and agents. Stateless. */
final class StageConfigs {
  private StageConfigs() {}

  /**
   * HAProxy on {@code lb}: one frontend bound to the primary and the reserved private IP (an EIP
   * lands on either), {@code monitor-uri} for the agent's health check (failing when no backend
   * is up), an {@code X-LB} header so
   * the client sees which balancer answered, round robin over web1..3.
   */
  static String haproxy(String lb) {
    return String.join("\n",
        "global",
        "  maxconn 4000",
        "defaults",
        "  mode http",
        "  timeout connect 500ms",
        "  timeout client 5s",
        "  timeout server 5s",
        "  retries 2",
        "  option redispatch",
        // The agent's health check, as deploy/haproxy.cfg: monitor-uri on 127.0.0.1:8080.
        "frontend health",
        "  bind 127.0.0.1:8080",
        "  monitor-uri /haproxy-health",
        "  acl backend_dead nbsrv(web) lt 1",
        "  monitor fail if backend_dead",
        "frontend fe",
        "  bind " + StageNetwork.HOSTS.get(lb) + ":80",
        "  bind " + StageNetwork.RESERVED.get(lb) + ":80",
        "  http-response set-header X-LB " + lb,
        "  default_backend web",
        "backend web",
        "  balance roundrobin",
        "  option httpchk GET /",
        "  server web1 " + StageNetwork.HOSTS.get("web1") + ":8080 check inter 1s",
        "  server web2 " + StageNetwork.HOSTS.get("web2") + ":8080 check inter 1s",
        "  server web3 " + StageNetwork.HOSTS.get("web3") + ":8080 check inter 1s",
        "");
  }

  /**
   * Sample value → stage value: the shipped configuration's environment (ids, addresses, names,
   * the device) replaced by the stage's. Each must occur in the shipped file, or the sample and the
   * stage have drifted apart and the suite fails.
   */
  static final Map<String, String> SUBSTITUTIONS = substitutions();

  /**
   * Keys the stage sets beyond the substitutions, each for a stated reason: {@code ec2.endpoint}
   * reaches the fake instead of AWS; the timings keep each case short (fail-back 3 s, hold 5 s,
   * health every 250 ms, resync 5 s unless the case sets another; see README); {@code guard*} is the
   * case's guard.
   */
  static final List<String> CASE_KEYS = List.of("ec2.endpoint", "ec2.call-timeout", "strategy.failback-delay",
      "health.interval", "health.timeout", "failover.resync-interval", "failover.startup-grace", "failover.hold-time",
      "guard", "guard.combine", "guard.peer-probe.port", "membership.udp.profile");

  private static Map<String, String> substitutions() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("lb-a", "lb1");
    m.put("lb-b", "lb2");
    m.put("eni-0a1b2c3d4e5f60001", Stage.ENIS.get("lb1"));
    m.put("eni-0a1b2c3d4e5f60002", Stage.ENIS.get("lb2"));
    m.put("10.0.1.10", StageNetwork.HOSTS.get("lb1"));
    m.put("10.0.1.11", StageNetwork.RESERVED.get("lb1"));
    m.put("10.0.2.10", StageNetwork.HOSTS.get("lb2"));
    m.put("10.0.2.11", StageNetwork.RESERVED.get("lb2"));
    m.put("eipalloc-0123456789abcdef0", Stage.EIP1);
    m.put("eipalloc-0123456789abcdef1", Stage.EIP2);
    m.put("203.0.113.10", Stage.PUBLIC_IPS.get(Stage.EIP1));
    m.put("203.0.113.20", Stage.PUBLIC_IPS.get(Stage.EIP2));
    m.put("10.0.0.2:53", StageNetwork.GATEWAY + ":" + StageNetwork.GATEWAY_PING_PORT);
    m.put("ens5", "eth0");
    return m;
  }

  /**
   * The agent's configuration, as a user on AWS would deploy it: the shipped {@code
   * agent.properties} (the package's conffile) with the environment substituted, plus the case's
   * {@link #CASE_KEYS}. Node id discovered by IMDSv2 at 169.254.169.254, explicit topology, UDP
   * heartbeats on port 694, reachability guard to the gateway, HAProxy's monitor-uri on
   * 127.0.0.1:8080, reserved IPs added to the OS by the agent.
   */
  static String agent(String shipped, Stage.Options o) {
    String text = shipped;
    for (Map.Entry<String, String> e : SUBSTITUTIONS.entrySet()) {
      Pattern p = Pattern.compile("(?<![\\w-])" + Pattern.quote(e.getKey()) + "(?![\\w-]|\\.\\d)");
      if (!p.matcher(text).find()) {
        throw new AssertionError("the shipped agent.properties no longer contains '" + e.getKey()
            + "': update StageConfigs.SUBSTITUTIONS (the stage must only replace the environment)");
      }
      text = p.matcher(text).replaceAll(Matcher.quoteReplacement(e.getValue()));
    }
    Map<String, String> set = new LinkedHashMap<>();
    set.put("ec2.endpoint", "http://" + StageNetwork.GATEWAY + ":" + StageNetwork.EC2_PORT);
    set.put("ec2.call-timeout", "2s");
    set.put("strategy.failback-delay", o.failbackDelay().toMillis() + "ms");
    set.put("health.interval", "250ms");
    set.put("health.timeout", "200ms");
    set.put("failover.resync-interval", o.resyncInterval().toMillis() + "ms");
    set.put("failover.startup-grace", "2s");
    // Flap damping: the default 30 s would hold a recovered node's EIP away that long after a
    // health flap or a pause; 5 s keeps each case short (fail-back delay is 3 s).
    set.put("failover.hold-time", "5s");
    set.put("membership.udp.profile", o.udpProfile());
    set.put("guard", o.guard());
    set.put("guard.combine", o.guard().contains("ec2-instance-state") ? "any" : "all");
    if (o.guard().contains("peer-probe")) {
      set.put("guard.peer-probe.port", "80");
    }
    for (Map.Entry<String, String> e : set.entrySet()) {
      if (!CASE_KEYS.contains(e.getKey())) {
        throw new AssertionError(e.getKey() + " is not one of the stage's CASE_KEYS " + CASE_KEYS);
      }
      Pattern line = Pattern.compile("(?m)^" + Pattern.quote(e.getKey()) + "\\s*=.*$");
      String replacement = Matcher.quoteReplacement(e.getKey() + " = " + e.getValue());
      text = line.matcher(text).find() ? line.matcher(text).replaceAll(replacement)
          : text + e.getKey() + " = " + e.getValue() + "\n";
    }
    return "# e2e stage: the shipped agent.properties with the environment substituted and " + set.keySet()
        + " set for the case\n" + text;
  }
}
