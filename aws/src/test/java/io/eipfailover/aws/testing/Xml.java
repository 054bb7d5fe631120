package io.eipfailover.aws.testing;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;

/**
 * A tiny append-only writer for EC2's XML responses. EC2 answers with a root element named after
 * the action ({@code <AssociateAddressResponse>}) in the 2016-11-15 namespace, a {@code requestId}
 * and lists as {@code <xxxSet><item>...</item></xxxSet>}.
 */
final class Xml {
  static final String NAMESPACE = "http://ec2.amazonaws.com/doc/2016-11-15/";
  private static final DateTimeFormatter TIMESTAMP =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  private final StringBuilder sb = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");

  static Xml response(String action, String requestId) {
    Xml x = new Xml();
    x.sb.append('<').append(action).append("Response xmlns=\"").append(NAMESPACE).append("\">\n");
    x.leaf("requestId", requestId);
    return x;
  }

  static String error(String code, String message, String requestId) {
    Xml x = new Xml();
    x.open("Response").open("Errors").open("Error").leaf("Code", code).leaf("Message", message)
        .close("Error").close("Errors").leaf("RequestID", requestId).close("Response");
    return x.toString();
  }

  /** EC2's timestamp format, ISO 8601 in UTC with milliseconds: {@code 2026-01-01T00:00:00.000Z}. */
  static String timestamp(Instant t) {
    return TIMESTAMP.format(t);
  }

  Xml open(String name) {
    sb.append('<').append(name).append('>');
    return this;
  }

  Xml close(String name) {
    sb.append("</").append(name).append(">\n");
    return this;
  }

  /** A text element; skipped when {@code value} is null, as EC2 omits absent fields. */
  Xml leaf(String name, Object value) {
    if (value != null) {
      sb.append('<').append(name).append('>').append(escape(String.valueOf(value))).append("</").append(name).append(">\n");
    }
    return this;
  }

  Xml tagSet(Map<String, String> tags) {
    open("tagSet");
    tags.forEach((k, v) -> open("item").leaf("key", k).leaf("value", v).close("item"));
    return close("tagSet");
  }

  String finish(String action) {
    sb.append("</").append(action).append("Response>\n");
    return sb.toString();
  }

  @Override
  public String toString() {
    return sb.toString();
  }

  static String escape(String s) {
    StringBuilder out = new StringBuilder(s.length());
    for (char c : s.toCharArray()) {
      switch (c) {
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '&' -> out.append("&amp;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }
}
