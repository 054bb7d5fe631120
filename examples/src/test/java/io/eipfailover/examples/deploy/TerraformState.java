package io.eipfailover.examples.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One Terraform state in its JSON form ({@code terraform show -json}): the root module's resources
 * and the outputs. Immutable view over the parsed tree.
 */
final class TerraformState {
  /** One resource instance: its address (e.g. {@code aws_eip.this["lb-a/0"]}) and attribute values. */
  record Resource(String address, JsonNode values) {
    String text(String attribute) {
      JsonNode v = values.path(attribute);
      if (!v.isTextual()) {
        throw new IllegalStateException(address + "." + attribute + " is not a string: " + v);
      }
      return v.asText();
    }

    List<String> texts(String attribute) {
      List<String> out = new ArrayList<>();
      values.path(attribute).forEach(v -> out.add(v.asText()));
      return out;
    }

    Map<String, String> tags() {
      Map<String, String> out = new TreeMap<>();
      values.path("tags").fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
      return out;
    }
  }

  private final JsonNode state;

  TerraformState(JsonNode state) {
    this.state = state;
  }

  /** The managed resources of {@code type} in the root module, in state order. */
  List<Resource> resources(String type) {
    List<Resource> out = new ArrayList<>();
    for (JsonNode r : state.path("root_module").path("resources")) {
      if (r.path("mode").asText().equals("managed") && r.path("type").asText().equals(type)) {
        out.add(new Resource(r.path("address").asText(), r.path("values")));
      }
    }
    return out;
  }

  /** The one managed resource at {@code address}. */
  Resource resource(String address) {
    for (JsonNode r : state.path("root_module").path("resources")) {
      if (r.path("address").asText().equals(address)) {
        return new Resource(address, r.path("values"));
      }
    }
    throw new IllegalStateException("no resource " + address + " in the state");
  }

  /** The value of output {@code name}. */
  JsonNode output(String name) {
    JsonNode o = state.path("outputs").path(name);
    if (o.isMissingNode()) {
      throw new IllegalStateException("no output " + name + " in the state");
    }
    return o.path("value");
  }
}
