package io.eipfailover.aws.testing;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import software.amazon.awssdk.protocols.jsoncore.JsonNode;

/**
 * Reads EC2's service model the way EC2's Query protocol uses it: the wire parameters an input
 * shape allows (as botocore's EC2 serializer spells them: {@code queryName}, else the capitalized
 * {@code locationName}, else the member name; lists flattened as {@code Name.N}), and whether an
 * XML answer fits an output shape (element names are the members' {@code locationName}s, lists
 * hold {@code item}s, scalars parse as their type, enums take listed values, required members are
 * there). Problems come back as readable lines naming the path.
 */
final class ModelChecker {
  private final Ec2ServiceModel model;

  ModelChecker(Ec2ServiceModel model) {
    this.model = model;
  }

  /** The input of {@code action} as an {@link ActionSpec}'s parameters would describe it. */
  Map<String, ActionSpec.Param> wireParams(String action) {
    Map<String, ActionSpec.Param> params = new TreeMap<>();
    model.inputShape(action).ifPresent(name -> {
      JsonNode input = model.shape(name);
      Set<String> required = Ec2ServiceModel.required(input);
      Ec2ServiceModel.members(input).forEach((member, ref) -> {
        String wire = wireName(ref, member);
        JsonNode target = model.shape(Ec2ServiceModel.string(ref, "shape").orElseThrow());
        params.put(wire, param(action, wire, target, required.contains(member)));
      });
    });
    return params;
  }

  private ActionSpec.Param param(String action, String wire, JsonNode target, boolean required) {
    int min = Ec2ServiceModel.number(target, "min").map(Long::intValue).orElse(Integer.MIN_VALUE);
    int max = Ec2ServiceModel.number(target, "max").map(Long::intValue).orElse(Integer.MAX_VALUE);
    ActionSpec.Kind kind = switch (Ec2ServiceModel.type(target)) {
      case "boolean" -> ActionSpec.Kind.BOOLEAN;
      case "integer", "long" -> ActionSpec.Kind.INTEGER;
      case "string" -> ActionSpec.Kind.STRING;
      case "list" -> listKind(action, wire, target);
      default -> throw new IllegalStateException(action + "." + wire + ": no ActionSpec kind for " + target);
    };
    return kind == ActionSpec.Kind.INTEGER ? new ActionSpec.Param(wire, kind, required, min, max)
        : new ActionSpec.Param(wire, kind, required, Integer.MIN_VALUE, Integer.MAX_VALUE);
  }

  /** A list of strings is {@code Name.N}; a list of {@code Filter} is {@code Filter.N.Name / Filter.N.Value.N}. */
  private ActionSpec.Kind listKind(String action, String wire, JsonNode list) {
    JsonNode member = model.shape(Ec2ServiceModel.string(list.field("member").orElseThrow(), "shape").orElseThrow());
    if (Ec2ServiceModel.type(member).equals("string")) {
      return ActionSpec.Kind.STRING_LIST;
    }
    Map<String, JsonNode> fields = Ec2ServiceModel.members(member);
    if (wire.equals("Filter") && fields.size() == 2 && wireName(fields.get("Name"), "Name").equals("Name")
        && wireName(fields.get("Values"), "Values").equals("Value")) {
      return ActionSpec.Kind.FILTERS;
    }
    throw new IllegalStateException(action + "." + wire + ": a list of structures the fake's specs cannot express");
  }

  private static String wireName(JsonNode ref, String member) {
    return Ec2ServiceModel.string(ref, "queryName").orElseGet(() -> Ec2ServiceModel.string(ref, "locationName")
        .map(l -> Character.toUpperCase(l.charAt(0)) + l.substring(1)).orElse(member));
  }

  /** Problems of a 200 answer to {@code action} against its output shape; empty when it fits. */
  List<String> checkAnswer(String action, String xml) {
    List<String> problems = new ArrayList<>();
    Element root = parse(xml, problems);
    if (root == null) {
      return problems;
    }
    if (!root.getTagName().equals(action + "Response")) {
      problems.add(action + ": root element is <" + root.getTagName() + ">");
    }
    if (!Xml.NAMESPACE.equals(root.getNamespaceURI())) {
      problems.add(action + ": namespace is " + root.getNamespaceURI());
    }
    List<Element> children = children(root);
    if (children.isEmpty() || !children.get(0).getTagName().equals("requestId")) {
      problems.add(action + ": the first child is not <requestId>");
    } else {
      root.removeChild(children.get(0));
    }
    String output = model.outputShape(action).orElse(null);
    if (output == null) {
      children(root).forEach(c -> problems.add(action + ": the model has no output, yet <" + c.getTagName() + ">"));
    } else {
      structure(action, root, model.shape(output), problems);
    }
    return problems;
  }

  /** Problems of an error answer against EC2's envelope. */
  static List<String> checkError(int status, String xml) {
    List<String> problems = new ArrayList<>();
    Element root = parse(xml, problems);
    if (root == null) {
      return problems;
    }
    List<String> top = children(root).stream().map(Element::getTagName).toList();
    if (status < 400 || !root.getTagName().equals("Response") || !top.equals(List.of("Errors", "RequestID"))) {
      problems.add("not EC2's error envelope (status " + status + "): <" + root.getTagName() + "> " + top);
      return problems;
    }
    List<Element> errors = children(children(root).get(0));
    for (Element e : errors) {
      List<String> fields = children(e).stream().map(Element::getTagName).toList();
      if (!e.getTagName().equals("Error") || !fields.equals(List.of("Code", "Message"))
          || children(e).get(0).getTextContent().isBlank()) {
        problems.add("malformed <Errors> entry <" + e.getTagName() + "> " + fields);
      }
    }
    if (errors.isEmpty() || children(root).get(1).getTextContent().isBlank()) {
      problems.add("no <Error> or no <RequestID>");
    }
    return problems;
  }

  private void structure(String path, Element element, JsonNode shape, List<String> problems) {
    Map<String, String> byElement = new LinkedHashMap<>();
    Map<String, JsonNode> members = Ec2ServiceModel.members(shape);
    members.forEach((name, ref) -> byElement.put(Ec2ServiceModel.string(ref, "locationName").orElse(name), name));
    Set<String> seen = new java.util.HashSet<>();
    for (Element child : children(element)) {
      String member = byElement.get(child.getTagName());
      if (member == null) {
        problems.add(path + "/" + child.getTagName() + ": not a member of " + members.keySet());
        continue;
      }
      if (!seen.add(member)) {
        problems.add(path + "/" + child.getTagName() + ": appears twice");
      }
      JsonNode ref = members.get(member);
      value(path + "/" + child.getTagName(), child, model.shape(Ec2ServiceModel.string(ref, "shape").orElseThrow()),
          problems);
    }
    for (String r : Ec2ServiceModel.required(shape)) {
      if (!seen.contains(r)) {
        problems.add(path + ": required member " + r + " is missing");
      }
    }
  }

  private void value(String path, Element e, JsonNode shape, List<String> problems) {
    String type = Ec2ServiceModel.type(shape);
    if (type.equals("structure")) {
      structure(path, e, shape, problems);
      return;
    }
    if (type.equals("list")) {
      JsonNode ref = shape.field("member").orElseThrow();
      String item = Ec2ServiceModel.string(ref, "locationName").orElse("member");
      JsonNode itemShape = model.shape(Ec2ServiceModel.string(ref, "shape").orElseThrow());
      for (Element child : children(e)) {
        if (!child.getTagName().equals(item)) {
          problems.add(path + "/" + child.getTagName() + ": list items are <" + item + ">");
        }
        value(path + "/" + item, child, itemShape, problems);
      }
      return;
    }
    if (!children(e).isEmpty()) {
      problems.add(path + ": a " + type + " with child elements");
      return;
    }
    String text = e.getTextContent();
    try {
      switch (type) {
        case "boolean" -> {
          if (!text.equals("true") && !text.equals("false")) {
            problems.add(path + ": boolean '" + text + "'");
          }
        }
        case "integer", "long" -> range(path, Long.parseLong(text), shape, problems);
        case "double", "float" -> Double.parseDouble(text);
        case "timestamp" -> Instant.parse(text);
        case "string" -> {
          List<String> allowed = Ec2ServiceModel.enumValues(shape);
          if (!allowed.isEmpty() && !allowed.contains(text)) {
            problems.add(path + ": '" + text + "' is not one of " + allowed);
          }
        }
        default -> problems.add(path + ": unexpected shape type " + type);
      }
    } catch (RuntimeException ex) {
      problems.add(path + ": '" + text + "' is not a " + type + " (" + ex.getMessage() + ")");
    }
  }

  private static void range(String path, long v, JsonNode shape, List<String> problems) {
    Ec2ServiceModel.number(shape, "min").filter(min -> v < min).ifPresent(min -> problems.add(path + ": " + v + " < " + min));
    Ec2ServiceModel.number(shape, "max").filter(max -> v > max).ifPresent(max -> problems.add(path + ": " + v + " > " + max));
  }

  private static Element parse(String xml, List<String> problems) {
    try {
      DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
      f.setNamespaceAware(true);
      return f.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)))
          .getDocumentElement();
    } catch (Exception e) {
      problems.add("not well-formed XML: " + e.getMessage());
      return null;
    }
  }

  private static List<Element> children(Element e) {
    List<Element> out = new ArrayList<>();
    for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element child) {
        out.add(child);
      }
    }
    return out;
  }
}
