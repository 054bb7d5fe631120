package io.eipfailover.examples.agent.status;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class JsonWriterTest {
  @Test
  void writesNestedValuesWithCommasAndEscapes() {
    String json = new JsonWriter().beginObject()
        .name("s").value("a\"b\\c\nd\u0001")
        .name("n").value(42)
        .name("b").value(true)
        .name("x").nullValue()
        .name("arr").beginArray().value(1).beginObject().name("k").value("v").endObject().value(1.5).endArray()
        .name("empty").beginObject().endObject()
        .endObject().toString();
    assertEquals("{\"s\":\"a\\\"b\\\\c\\nd\\u0001\",\"n\":42,\"b\":true,\"x\":null,"
        + "\"arr\":[1,{\"k\":\"v\"},1.5],\"empty\":{}}", json);
  }

  @Test
  void nonFiniteNumbersBecomeNull() {
    assertEquals("[null,null]", new JsonWriter().beginArray().value(Double.NaN).value(Double.POSITIVE_INFINITY)
        .endArray().toString());
  }
}
