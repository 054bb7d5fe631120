package io.eipfailover.core;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The name of one node of the cluster, as every node spells it: 1 to 32 bytes of
 * {@code [A-Za-z0-9._-]}, starting with a letter or digit. Node ids travel in every heartbeat and
 * feed the deterministic placement hashes, so they are short and plain on purpose.
 *
 * @param value the id, already validated
 */
public record NodeId(String value) implements Comparable<NodeId> {
  /** The longest id, in bytes (and characters: ids are ASCII). */
  public static final int MAX_LENGTH = 32;

  private static final Pattern VALID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,31}");

  public NodeId {
    Objects.requireNonNull(value, "nodeId must not be null");
    if (!VALID.matcher(value).matches()) {
      throw new IllegalArgumentException(
          "nodeId must be 1 to " + MAX_LENGTH + " characters of [A-Za-z0-9._-] starting with a"
              + " letter or digit, was '" + value + "'");
    }
  }

  /** Validates and wraps {@code value}. */
  public static NodeId of(String value) {
    return new NodeId(value);
  }

  /** The id as US-ASCII bytes, for wire formats and hashes. */
  public byte[] bytes() {
    return value.getBytes(StandardCharsets.US_ASCII);
  }

  @Override
  public int compareTo(NodeId other) {
    return value.compareTo(other.value);
  }

  @Override
  public String toString() {
    return value;
  }
}
