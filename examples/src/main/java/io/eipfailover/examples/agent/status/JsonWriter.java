package io.eipfailover.examples.agent.status;

/**
 * A minimal streaming JSON writer (no dependency needed for a status page): objects, arrays,
 * strings, numbers, booleans and null, with commas inserted and strings escaped per RFC 8259.
 * Not thread-safe; one document per instance.
 */
public final class JsonWriter {
  private final StringBuilder out = new StringBuilder();
  /** Whether the next value at the current nesting level needs a comma first. */
  private boolean needComma;

  public JsonWriter beginObject() {
    value();
    out.append('{');
    needComma = false;
    return this;
  }

  public JsonWriter endObject() {
    out.append('}');
    needComma = true;
    return this;
  }

  public JsonWriter beginArray() {
    value();
    out.append('[');
    needComma = false;
    return this;
  }

  public JsonWriter endArray() {
    out.append(']');
    needComma = true;
    return this;
  }

  /** Writes a member name; the next call writes its value. */
  public JsonWriter name(String name) {
    value();
    string(name);
    out.append(':');
    needComma = false;
    return this;
  }

  public JsonWriter value(String s) {
    value();
    if (s == null) {
      out.append("null");
    } else {
      string(s);
    }
    needComma = true;
    return this;
  }

  public JsonWriter value(long n) {
    value();
    out.append(n);
    needComma = true;
    return this;
  }

  public JsonWriter value(double d) {
    value();
    out.append(Double.isFinite(d) ? Double.toString(d) : "null");
    needComma = true;
    return this;
  }

  public JsonWriter value(boolean b) {
    value();
    out.append(b);
    needComma = true;
    return this;
  }

  public JsonWriter nullValue() {
    value();
    out.append("null");
    needComma = true;
    return this;
  }

  private void value() {
    if (needComma) {
      out.append(',');
    }
  }

  private void string(String s) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20 || c == 0x2028 || c == 0x2029) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }

  @Override
  public String toString() {
    return out.toString();
  }
}
