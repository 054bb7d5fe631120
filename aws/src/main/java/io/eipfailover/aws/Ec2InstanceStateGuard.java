package io.eipfailover.aws;

import static io.eipfailover.aws.internal.Checks.matches;
import static io.eipfailover.aws.internal.Checks.notNull;
import static io.eipfailover.aws.internal.Checks.required;

import io.eipfailover.aws.internal.Ec2ErrorClassifier;
import io.eipfailover.core.GuardVerdict;
import io.eipfailover.core.NodeId;
import io.eipfailover.core.SplitBrainGuard;
import io.eipfailover.core.TakeoverRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.InstanceStatus;

/**
 * The EC2 witness: allows a takeover when EC2 itself says the current holder's instance is down,
 * i.e. {@code stopped}, {@code stopping}, {@code shutting-down} or {@code terminated}, or its system
 * or instance status check is {@code impaired}. One {@code DescribeInstanceStatus} call per
 * question, for that instance only, with {@code IncludeAllInstances=true} (otherwise EC2 omits
 * instances that are not running), read through the SDK's paginator so a paged answer is followed.
 *
 * <p>Denies, with the reason, when the holder is running with healthy checks (it may be alive
 * behind a partition), when no instance id is known for the holder, when the EIP has no holder in
 * the cluster, and when EC2 cannot be asked (a witness that cannot testify does not allow). Meant
 * for {@code SplitBrainGuards.anyOf(quorum, ec2Witness)}: a minority side may still take over from
 * a peer EC2 confirms is down.
 *
 * <p>Never throws for an expected failure. The client is never closed. Thread-safe.
 */
public final class Ec2InstanceStateGuard implements SplitBrainGuard {
  private static final Logger LOG = LoggerFactory.getLogger(Ec2InstanceStateGuard.class);
  private static final Set<String> DOWN = Set.of("stopped", "stopping", "shutting-down", "terminated");

  private final Ec2Client ec2;
  private final Map<NodeId, String> instanceIds;

  private Ec2InstanceStateGuard(Builder b) {
    this.ec2 = b.ec2;
    this.instanceIds = Map.copyOf(b.instanceIds);
  }

  /** A new builder. */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public GuardVerdict evaluate(TakeoverRequest request) {
    if (request.currentHolder().isEmpty()) {
      return GuardVerdict.deny("EC2 witness: " + request.elasticIp().allocationId()
          + " has no holder in the cluster, so there is no peer instance to check");
    }
    NodeId holder = request.currentHolder().get();
    String instanceId = instanceIds.get(holder);
    if (instanceId == null) {
      return GuardVerdict.deny("EC2 witness: no instance id configured for node '" + holder + "' (known: "
          + new TreeMap<>(instanceIds).keySet() + ")");
    }
    GuardVerdict verdict = ask(holder, instanceId);
    LOG.info("[id={}] EC2 witness for taking {} from {}: {}", request.self(), request.elasticIp().allocationId(),
        holder, verdict);
    return verdict;
  }

  private GuardVerdict ask(NodeId holder, String instanceId) {
    List<InstanceStatus> statuses;
    try {
      statuses = new ArrayList<>();
      ec2.describeInstanceStatusPaginator(r -> r.instanceIds(instanceId).includeAllInstances(true)).instanceStatuses()
          .forEach(statuses::add);
    } catch (SdkException e) {
      return GuardVerdict.deny("EC2 witness unavailable, not vouching for node '" + holder + "': "
          + Ec2ErrorClassifier.classify(new Ec2ErrorClassifier.Call("DescribeInstanceStatus", instanceId), e).getMessage());
    }
    if (statuses.isEmpty()) {
      return GuardVerdict.deny("EC2 witness: DescribeInstanceStatus returned nothing for " + instanceId + " (node '"
          + holder + "')");
    }
    InstanceStatus s = statuses.get(0);
    String state = s.instanceState() == null ? "unknown" : s.instanceState().nameAsString();
    String system = s.systemStatus() == null ? "unknown" : s.systemStatus().statusAsString();
    String inst = s.instanceStatus() == null ? "unknown" : s.instanceStatus().statusAsString();
    String facts = "node '" + holder + "' (" + instanceId + ") is " + state + ", status checks system=" + system
        + " instance=" + inst;
    if (DOWN.contains(state)) {
      return GuardVerdict.allow("EC2 witness: " + facts);
    }
    if ("impaired".equals(system) || "impaired".equals(inst)) {
      return GuardVerdict.allow("EC2 witness: " + facts + " (impaired)");
    }
    return GuardVerdict.deny("EC2 witness: " + facts + "; it may be alive behind a partition");
  }

  @Override
  public String toString() {
    return "ec2InstanceState" + new TreeMap<>(instanceIds);
  }

  /** Builds an {@link Ec2InstanceStateGuard}. Not thread-safe. */
  public static final class Builder {
    private Ec2Client ec2;
    private final Map<NodeId, String> instanceIds = new TreeMap<>();

    private Builder() {}

    /** The EC2 client (required); not closed by us. */
    public Builder ec2Client(Ec2Client ec2) {
      this.ec2 = notNull("ec2Client", ec2);
      return this;
    }

    /** The instance that runs {@code node} (at least one required). */
    public Builder instance(NodeId node, String instanceId) {
      notNull("node", node);
      matches("instanceId", instanceId, "i-[0-9a-f]{1,32}", "i-0123abcd");
      instanceIds.put(node, instanceId);
      return this;
    }

    /** Adds every node → instance id entry of {@code ids}. */
    public Builder instances(Map<NodeId, String> ids) {
      notNull("instances", ids).forEach(this::instance);
      return this;
    }

    /** Checks the required settings and builds. */
    public Ec2InstanceStateGuard build() {
      required("ec2Client", ec2);
      if (instanceIds.isEmpty()) {
        throw new IllegalArgumentException("instances must map at least one node to its instance id, was empty");
      }
      return new Ec2InstanceStateGuard(this);
    }
  }
}
