package io.eipfailover.aws.testing;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What one EC2 action accepts, spelled as EC2's Query protocol puts it on the wire ({@code
 * AllocationId}, {@code NetworkInterfaceId.1}, {@code Filter.1.Name}), transcribed from the
 * action's input shape in EC2's service model; {@code Ec2ModelConformanceTest} checks every spec
 * against the model botocore ships. Also the filter names the action documents and the throttling
 * category AWS puts it in. Immutable.
 *
 * @param action the action name
 * @param params every parameter, by top-level wire name
 * @param filters the documented filter names ({@code tag:<key>} stands for every tag filter)
 * @param category the throttling category (see {@link Ec2Throttling})
 */
record ActionSpec(String action, Map<String, Param> params, Set<String> filters, Ec2Throttling.Category category) {
  /** How a parameter is spelled and typed on the wire. */
  enum Kind {
    /** {@code Name=value}. */
    STRING,
    /** {@code Name=true|false}. */
    BOOLEAN,
    /** {@code Name=42}, within [min, max]. */
    INTEGER,
    /** {@code Name.1=a&Name.2=b}. */
    STRING_LIST,
    /** {@code Filter.1.Name=n&Filter.1.Value.1=v}. */
    FILTERS
  }

  /**
   * One parameter.
   *
   * @param name the top-level wire name
   * @param kind its spelling and type
   * @param required whether the model marks it required
   * @param min the least integer value (INTEGER only; {@code Integer.MIN_VALUE} if unbounded)
   * @param max the greatest integer value (INTEGER only; {@code Integer.MAX_VALUE} if unbounded)
   */
  record Param(String name, Kind kind, boolean required, int min, int max) {
    @Override
    public String toString() {
      return name + ":" + kind + (required ? "(required)" : "")
          + (kind == Kind.INTEGER && (min != Integer.MIN_VALUE || max != Integer.MAX_VALUE) ? "[" + min + ".." + max + "]" : "");
    }
  }

  ActionSpec {
    params = Map.copyOf(params);
    filters = Set.copyOf(filters);
  }

  /** Starts a spec. */
  static Builder of(String action, Ec2Throttling.Category category) {
    return new Builder(action, category);
  }

  /** Builds an {@link ActionSpec}. */
  static final class Builder {
    private final String action;
    private final Ec2Throttling.Category category;
    private final Map<String, Param> params = new LinkedHashMap<>();
    private Set<String> filters = Set.of();

    private Builder(String action, Ec2Throttling.Category category) {
      this.action = action;
      this.category = category;
    }

    Builder string(String name) {
      return add(new Param(name, Kind.STRING, false, Integer.MIN_VALUE, Integer.MAX_VALUE));
    }

    Builder requiredString(String name) {
      return add(new Param(name, Kind.STRING, true, Integer.MIN_VALUE, Integer.MAX_VALUE));
    }

    Builder bool(String name) {
      return add(new Param(name, Kind.BOOLEAN, false, Integer.MIN_VALUE, Integer.MAX_VALUE));
    }

    Builder integer(String name) {
      return integer(name, Integer.MIN_VALUE, Integer.MAX_VALUE);
    }

    Builder integer(String name, int min, int max) {
      return add(new Param(name, Kind.INTEGER, false, min, max));
    }

    Builder list(String name) {
      return add(new Param(name, Kind.STRING_LIST, false, Integer.MIN_VALUE, Integer.MAX_VALUE));
    }

    /** The {@code Filter.N.Name/Value.M} parameter with the documented filter names. */
    Builder filters(List<String> names) {
      this.filters = Set.copyOf(names);
      return add(new Param("Filter", Kind.FILTERS, false, Integer.MIN_VALUE, Integer.MAX_VALUE));
    }

    private Builder add(Param p) {
      params.put(p.name(), p);
      return this;
    }

    ActionSpec build() {
      return new ActionSpec(action, params, filters, category);
    }
  }
}
