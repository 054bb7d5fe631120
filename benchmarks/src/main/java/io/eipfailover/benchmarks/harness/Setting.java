package io.eipfailover.benchmarks.harness;

import io.eipfailover.core.runtime.Checks;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;

/**
 * One compared daemon setting, a row of the report: our agent with some properties and JVM flags,
 * or keepalived with an advert interval. Read from a properties file, {@code settings/<label>.properties}:
 *
 * <pre>
 * daemon = agent                        # or keepalived
 * title = this project, UDP default     # the row's name in the summary
 * jvm = -Xmx96m -XX:+UseSerialGC         # agent only: the JVM flags (default: the launcher's)
 * agent.membership.udp.profile = default    # agent only: any agent.properties key, prefixed
 * keepalived.advert_int = 0.1           # keepalived only, required: seconds, 0.01 to 40
 * short.scenarios = host-gone,stall-ladder  # optional: the short run runs only these for it
 * </pre>
 *
 * A new detector profile is one more file. Immutable.
 *
 * @param label the file name without {@code .properties}; the setting's id in the CSVs
 * @param daemon which daemon runs
 * @param title the row's name in the summary
 * @param jvm the agent's JVM flags (empty for keepalived)
 * @param agentProperties agent configuration keys that override the harness's base configuration
 * @param advertSeconds keepalived's {@code advert_int} (0 for the agent)
 * @param shortScenarios the scenarios the short run runs for this setting; empty: all selected
 */
public record Setting(String label, Daemon.Kind daemon, String title, List<String> jvm,
    Map<String, String> agentProperties, double advertSeconds, Set<String> shortScenarios) {
  /**
   * The JVM flags the package's launcher gives the agent (examples/deploy/debian/eipfailover-agent, run
   * by the systemd unit), the default; {@code SettingTest} keeps the two equal.
   */
  public static final String UNIT_JVM_FLAGS = "-Xms8m -Xmx128m -XX:MinHeapFreeRatio=20 -XX:MaxHeapFreeRatio=40 -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -XX:-UsePerfData";

  public Setting {
    jvm = List.copyOf(jvm);
    agentProperties = Map.copyOf(agentProperties);
    shortScenarios = Set.copyOf(shortScenarios);
  }

  /** Whether this row is our agent. */
  public boolean agent() {
    return daemon == Daemon.Kind.AGENT;
  }

  /** Reads {@code name} from {@code dir} ({@code <name>.properties}), or {@code name} as a path to a file. */
  public static Setting load(Path dir, String name) throws IOException {
    Path file = name.endsWith(".properties") ? Path.of(name) : dir.resolve(name + ".properties");
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException("setting '" + name + "' not found: no file " + file.toAbsolutePath()
          + " (known: " + known(dir) + ")");
    }
    Properties p = new Properties();
    try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      p.load(r);
    }
    String label = file.getFileName().toString().replaceFirst("\\.properties$", "");
    Map<String, String> m = new TreeMap<>();
    p.stringPropertyNames().forEach(k -> m.put(k, p.getProperty(k).trim()));
    return parse(label, m, file.toString());
  }

  /** Builds a setting from its keys; every problem names the file, the key and the bad value. */
  static Setting parse(String label, Map<String, String> m, String source) {
    String kind = m.getOrDefault("daemon", "");
    Daemon.Kind daemon = switch (kind) {
      case "agent" -> Daemon.Kind.AGENT;
      case "keepalived" -> Daemon.Kind.KEEPALIVED;
      default -> throw new IllegalArgumentException(source + ": daemon must be agent or keepalived, was '" + kind
          + "'");
    };
    String title = m.getOrDefault("title", label);
    Map<String, String> agent = new LinkedHashMap<>();
    List<String> unknown = new ArrayList<>();
    double advert = 0;
    for (Map.Entry<String, String> e : m.entrySet()) {
      String k = e.getKey();
      if (k.equals("daemon") || k.equals("title") || k.equals("short.scenarios")
          || (k.equals("jvm") && daemon == Daemon.Kind.AGENT)) {
        continue;
      }
      if (k.startsWith("agent.") && daemon == Daemon.Kind.AGENT) {
        agent.put(k.substring("agent.".length()), e.getValue());
      } else if (k.equals("keepalived.advert_int") && daemon == Daemon.Kind.KEEPALIVED) {
        advert = advert(e.getValue(), source);
      } else {
        unknown.add(k + "=" + e.getValue());
      }
    }
    if (!unknown.isEmpty()) {
      throw new IllegalArgumentException(source + ": keys that do not apply to daemon=" + kind + ": " + unknown
          + " (agent takes jvm and agent.*, keepalived takes keepalived.advert_int)");
    }
    if (daemon == Daemon.Kind.KEEPALIVED && advert == 0) {
      throw new IllegalArgumentException(source + ": keepalived.advert_int is required with daemon=keepalived");
    }
    List<String> jvm = daemon == Daemon.Kind.AGENT
        ? Arrays.asList(m.getOrDefault("jvm", UNIT_JVM_FLAGS).trim().split("\\s+")) : List.of();
    return new Setting(label, daemon, title, jvm, agent, advert, shortScenarios(m.get("short.scenarios"), source));
  }

  private static Set<String> shortScenarios(String v, String source) {
    if (v == null) {
      return Set.of();
    }
    Set<String> out = HarnessSettings.scenarios(v, source + ": short.scenarios");
    Checks.require(!out.isEmpty(), "%s: short.scenarios must list scenarios of %s, was '%s'", source,
        HarnessSettings.ALL_SCENARIOS, v);
    return out;
  }

  private static double advert(String v, String source) {
    double d;
    try {
      d = Double.parseDouble(v);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(source + ": keepalived.advert_int must be seconds (0.01 to 40), was '" + v
          + "'", e);
    }
    Checks.require(d >= 0.01 && d <= 40, "%s: keepalived.advert_int must be 0.01 to 40 seconds, was %s", source, v);
    return d;
  }

  private static List<String> known(Path dir) {
    try (var s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".properties"))
          .map(n -> n.replaceFirst("\\.properties$", "")).sorted().toList();
    } catch (IOException e) {
      return List.of();
    }
  }
}
