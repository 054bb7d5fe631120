package io.eipfailover.examples.agent;

import io.eipfailover.examples.agent.hooks.HookEvent;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** Reads the {@code hooks.*} keys: a command per event, and {@code hooks.timeout}. */
final class HooksSection {
  private HooksSection() {}

  static AgentConfig.Hooks read(ConfigValues c) {
    Map<HookEvent, String> commands = new LinkedHashMap<>();
    for (String name : c.segments("hooks.", "")) {
      if (name.equals("timeout")) {
        continue;
      }
      String key = "hooks." + name;
      HookEvent.byName(name).ifPresentOrElse(
          e -> c.raw(key).ifPresent(cmd -> commands.put(e, cmd)),
          () -> {
            c.raw(key);
            c.problem(key + ": unknown hook event, must be one of " + HookEvent.names() + ", was '" + name + "'");
          });
    }
    Duration timeout = c.duration("hooks.timeout", Duration.ofSeconds(10), Duration.ofMillis(100));
    if (timeout.compareTo(Duration.ofMinutes(10)) > 0) {
      c.problem("hooks.timeout: must be at most 10m (a hook holds back the next hooks of its EIP), was '"
          + ConfigValues.human(timeout) + "'");
    }
    return new AgentConfig.Hooks(commands, timeout);
  }
}
