package io.eipfailover.aws.testing;

import io.eipfailover.aws.testing.FakeEc2State.Instance;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code DescribeInstanceStatus}: running instances only unless {@code IncludeAllInstances}; a
 * stopped (or otherwise not running) instance's checks are {@code not-applicable}; filtered and
 * paged. The fake schedules no events, so the {@code event.*} filters match nothing. Thread-safe
 * because the state is.
 */
final class InstanceStatusActions {
  private final FakeEc2State state;

  InstanceStatusActions(FakeEc2State state) {
    this.state = state;
  }

  String describeInstanceStatus(Ec2Context ctx) {
    QueryRequest req = ctx.req;
    Map<String, List<String>> filters = req.filters();
    Filters.check(filters, ActionSpecs.DESCRIBE_INSTANCE_STATUS);
    Paging.checkIds(req, "InstanceId");
    req.integer("MaxResults").filter(n -> n < 5 || n > 1000).ifPresent(n -> {
      throw Ec2ErrorException.invalidParameter("Value (" + n + ") for parameter MaxResults is invalid."
          + " Expected a value between 5 and 1000.");
    });
    List<String> ids = req.list("InstanceId");
    if (ids.size() > 100) {
      throw Ec2ErrorException.invalidParameter("Maximum 100 explicitly specified instance IDs, was " + ids.size());
    }
    boolean includeAll = req.flag("IncludeAllInstances");
    Xml x = ctx.response().open("instanceStatusSet");
    Paging.Page<Instance> page;
    synchronized (state) {
      List<Instance> selected = new ArrayList<>();
      ids.forEach(id -> selected.add(state.instance(id)));
      if (ids.isEmpty()) {
        selected.addAll(state.instances.values());
      }
      ctx.authorize();
      List<Instance> matching = new ArrayList<>();
      for (Instance i : selected) {
        if ((includeAll || i.state.equals("running")) && Filters.matches(filters, filterValues(i), Map.of())) {
          matching.add(i);
        }
      }
      page = Paging.page(ctx, matching);
      ctx.dryRunGate();
      for (Instance i : page.items()) {
        x.open("item").leaf("availabilityZone", i.availabilityZone).leaf("instanceId", i.id)
            .open("instanceState").leaf("code", stateCode(i.state)).leaf("name", i.state).close("instanceState");
        summary(x, "instanceStatus", status(i, i.instanceStatus));
        summary(x, "systemStatus", status(i, i.systemStatus));
        x.close("item");
      }
    }
    return x.close("instanceStatusSet").leaf("nextToken", page.nextToken()).finish(req.action());
  }

  private static Map<String, List<String>> filterValues(Instance i) {
    Map<String, List<String>> v = new HashMap<>();
    v.put("availability-zone", List.of(i.availabilityZone));
    v.put("instance-state-code", List.of(String.valueOf(stateCode(i.state))));
    v.put("instance-state-name", List.of(i.state));
    String instance = status(i, i.instanceStatus);
    String system = status(i, i.systemStatus);
    v.put("instance-status.status", List.of(instance));
    v.put("system-status.status", List.of(system));
    reachability(instance).ifPresent(r -> v.put("instance-status.reachability", List.of(r)));
    reachability(system).ifPresent(r -> v.put("system-status.reachability", List.of(r)));
    return v;
  }

  /** Status checks only run on running instances; EC2 reports the others as not-applicable. */
  private static String status(Instance i, String check) {
    return i.state.equals("running") ? check : "not-applicable";
  }

  /** The reachability detail of a summary status: passed, failed, initializing, insufficient-data. */
  private static java.util.Optional<String> reachability(String summary) {
    return switch (summary) {
      case "ok" -> java.util.Optional.of("passed");
      case "impaired" -> java.util.Optional.of("failed");
      case "initializing", "insufficient-data" -> java.util.Optional.of(summary);
      default -> java.util.Optional.empty();
    };
  }

  private static void summary(Xml x, String element, String status) {
    x.open(element);
    reachability(status).ifPresent(r -> x.open("details").open("item").leaf("name", "reachability").leaf("status", r)
        .close("item").close("details"));
    x.leaf("status", status).close(element);
  }

  static int stateCode(String name) {
    return switch (name) {
      case "pending" -> 0;
      case "running" -> 16;
      case "shutting-down" -> 32;
      case "terminated" -> 48;
      case "stopping" -> 64;
      case "stopped" -> 80;
      default -> throw new IllegalArgumentException("unknown instance state '" + name + "'");
    };
  }
}
