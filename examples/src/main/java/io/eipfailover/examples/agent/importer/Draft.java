package io.eipfailover.examples.agent.importer;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The agent configuration being written: keys with their values and the input they came from,
 * and the keys the inputs could not supply ("to fill in"). A key set twice to different values
 * from two inputs is an {@link ImportException}: every node needs the same setting. Rendered in
 * the order of the configuration reference. Not thread-safe.
 */
final class Draft {
  private static final List<String> SECTION_ORDER = List.of("cluster.", "node.", "topology.", "membership.",
      "strategy", "guard", "health.", "ec2.", "provision.", "failover.", "log.");

  /** A key to fill in by hand, with what to put there. */
  record Todo(String key, String hint) {}

  private record Entry(String value, Optional<Where> where, String comment) {}

  private final Map<String, Entry> entries = new LinkedHashMap<>();
  private final Map<String, Todo> todos = new LinkedHashMap<>();

  /** Sets {@code key} (replacing any earlier value); {@code comment} says where it came from. */
  void put(String key, String value, String comment) {
    entries.put(key, new Entry(value, Optional.empty(), comment));
  }

  /**
   * Sets {@code key} from the input at {@code where}, or checks it agrees with the value an
   * earlier input gave.
   *
   * @throws ImportException naming both places when the values differ
   */
  void agree(String key, String value, Where where, String comment) {
    Entry old = entries.get(key);
    if (old == null) {
      entries.put(key, new Entry(value, Optional.of(where), comment));
      return;
    }
    if (!old.value().equals(value)) {
      throw new ImportException(where, "gives " + key + " = " + value + ", but "
          + old.where().map(Where::toString).orElse("an earlier input") + " gives " + old.value()
          + "; every node needs the same value");
    }
  }

  Optional<String> get(String key) {
    return Optional.ofNullable(entries.get(key)).map(Entry::value);
  }

  boolean has(String key) {
    return entries.containsKey(key);
  }

  /** Records that {@code key} could not be found in the inputs. */
  void todo(String key, String hint) {
    todos.putIfAbsent(key, new Todo(key, hint));
  }

  List<Todo> todos() {
    return List.copyOf(todos.values());
  }

  /** The properties text: {@code header} lines as comments, then the keys by section, then the to-dos. */
  String render(List<String> header) {
    StringBuilder sb = new StringBuilder();
    header.forEach(h -> sb.append("# ").append(h).append('\n'));
    List<String> keys = new ArrayList<>(entries.keySet());
    keys.sort((a, b) -> Integer.compare(section(a), section(b)));
    int last = -1;
    for (String key : keys) {
      int s = section(key);
      if (s != last) {
        sb.append('\n');
        last = s;
      }
      Entry e = entries.get(key);
      if (!e.comment().isEmpty()) {
        sb.append("# ").append(e.comment()).append('\n');
      }
      sb.append(key).append(" = ").append(e.value()).append('\n');
    }
    if (!todos.isEmpty()) {
      sb.append("\n# TO FILL IN: the inputs did not say; the agent refuses to start until these are set.\n");
      todos.values().forEach(t -> sb.append("# ").append(t.hint()).append('\n').append("#").append(t.key())
          .append(" = \n"));
    }
    return sb.toString();
  }

  private static int section(String key) {
    for (int i = 0; i < SECTION_ORDER.size(); i++) {
      if (key.startsWith(SECTION_ORDER.get(i))) {
        return i;
      }
    }
    return SECTION_ORDER.size();
  }
}
