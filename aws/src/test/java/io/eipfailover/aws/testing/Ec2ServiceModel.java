package io.eipfailover.aws.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import software.amazon.awssdk.protocols.jsoncore.JsonNode;

/**
 * EC2's service model (botocore's {@code ec2/2016-11-15/service-2.json}, which Debian's {@code
 * awscli} package installs), read at test time and used as the oracle the fake is checked
 * against. Not in the repository: {@link #locate()} finds it on the machine.
 */
final class Ec2ServiceModel {
  /** Where botocore keeps it on Debian and Ubuntu ({@code apt-get install awscli}). */
  static final List<String> SEARCHED = List.of(
      "/usr/lib/python3/dist-packages/botocore/data/ec2/2016-11-15/service-2.json",
      "/usr/lib/python3/dist-packages/botocore/data/ec2/2016-11-15/service-2.json.gz",
      "/usr/share/awscli/botocore/data/ec2/2016-11-15/service-2.json",
      "/usr/local/lib/aws-cli/awscli/botocore/data/ec2/2016-11-15/service-2.json.gz");

  /** System property naming the model file explicitly. */
  static final String PROPERTY = "ec2.service.model";

  private static final Pattern DOC_FILTER = Pattern.compile("<li>\\s*<p>\\s*<code>([^<]+)</code>(:&lt;key&gt;)?");

  private final JsonNode root;
  private final Map<String, JsonNode> shapes;
  final Path source;

  private Ec2ServiceModel(JsonNode root, Path source) {
    this.root = root;
    this.shapes = root.field("shapes").orElseThrow().asObject();
    this.source = source;
  }

  /** The model file named by {@link #PROPERTY}, or the first of {@link #SEARCHED} that exists. */
  static Optional<Path> locate() {
    String explicit = System.getProperty(PROPERTY, System.getenv("EC2_SERVICE_MODEL"));
    if (explicit != null && !explicit.isBlank()) {
      return Optional.of(Path.of(explicit)).filter(Files::isRegularFile);
    }
    return SEARCHED.stream().map(Path::of).filter(Files::isRegularFile).findFirst();
  }

  static Ec2ServiceModel load(Path file) {
    try (InputStream raw = Files.newInputStream(file);
        InputStream in = file.toString().endsWith(".gz") ? new GZIPInputStream(raw) : raw) {
      return new Ec2ServiceModel(JsonNode.parser().parse(in), file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the EC2 service model " + file, e);
    }
  }

  String apiVersion() {
    return root.field("metadata").flatMap(m -> m.field("apiVersion")).map(JsonNode::asString).orElse("?");
  }

  JsonNode shape(String name) {
    JsonNode s = shapes.get(name);
    if (s == null) {
      throw new IllegalArgumentException("no shape '" + name + "' in the model");
    }
    return s;
  }

  private JsonNode operation(String action) {
    return root.field("operations").flatMap(o -> o.field(action))
        .orElseThrow(() -> new IllegalArgumentException("no operation '" + action + "' in the model"));
  }

  Optional<String> inputShape(String action) {
    return operation(action).field("input").flatMap(i -> i.field("shape")).map(JsonNode::asString);
  }

  Optional<String> outputShape(String action) {
    return operation(action).field("output").flatMap(i -> i.field("shape")).map(JsonNode::asString);
  }

  static String type(JsonNode shape) {
    return shape.field("type").map(JsonNode::asString).orElse("?");
  }

  /** A structure's members, by member name, in the model's order. */
  static Map<String, JsonNode> members(JsonNode structure) {
    return new LinkedHashMap<>(structure.field("members").map(JsonNode::asObject).orElse(Map.of()));
  }

  static Set<String> required(JsonNode structure) {
    Set<String> r = new TreeSet<>();
    structure.field("required").ifPresent(a -> a.asArray().forEach(n -> r.add(n.asString())));
    return r;
  }

  static Optional<String> string(JsonNode node, String field) {
    return node.field(field).map(JsonNode::asString);
  }

  static Optional<Long> number(JsonNode node, String field) {
    return node.field(field).map(n -> (long) Double.parseDouble(n.asNumber()));
  }

  /** The enum values of a string shape, empty if it has none. */
  static List<String> enumValues(JsonNode shape) {
    List<String> values = new ArrayList<>();
    shape.field("enum").ifPresent(a -> a.asArray().forEach(n -> values.add(n.asString())));
    return values;
  }

  /** The filter names an action's {@code Filters} member documents ({@code tag:<key>} for tag filters). */
  Set<String> documentedFilters(String action) {
    JsonNode input = shape(inputShape(action).orElseThrow());
    JsonNode filters = members(input).get("Filters");
    Set<String> names = new TreeSet<>();
    if (filters == null) {
      return names;
    }
    Matcher m = DOC_FILTER.matcher(string(filters, "documentation").orElse(""));
    while (m.find()) {
      names.add(m.group(2) != null ? m.group(1) + ":<key>" : m.group(1));
    }
    return names;
  }
}
