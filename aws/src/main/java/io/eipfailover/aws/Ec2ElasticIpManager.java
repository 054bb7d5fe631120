package io.eipfailover.aws;

import static io.eipfailover.aws.internal.Checks.notNull;
import static io.eipfailover.aws.internal.Checks.required;

import io.eipfailover.aws.internal.Ec2Answers;
import io.eipfailover.aws.internal.Ec2ErrorClassifier;
import io.eipfailover.core.AttachmentPoint;
import io.eipfailover.core.ElasticIp;
import io.eipfailover.core.ElasticIpManager;
import io.eipfailover.core.ElasticIpManagerException;
import io.eipfailover.core.NodeId;
import io.eipfailover.core.ObservedAssociation;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Address;
import software.amazon.awssdk.services.ec2.model.AssociateAddressResponse;
import software.amazon.awssdk.services.ec2.model.DescribeAddressesResponse;

/**
 * {@link ElasticIpManager} on EC2 through an injected {@link Ec2Client}.
 *
 * <ul>
 *   <li>{@link #describe} is exactly one {@code DescribeAddresses} call filtered by the allocation
 *       ids of all requested EIPs (never an unfiltered describe: the Describe budget is shared by
 *       the account);
 *   <li>{@link #associate} is exactly one {@code AssociateAddress} with allocation id, ENI id,
 *       private IP and {@code AllowReassociation=true}, which moves the EIP in one step. It never
 *       disassociates first (that opens a gap) and never targets an instance id (that breaks with a
 *       second ENI).
 * </ul>
 *
 * <p>Failures become {@link ElasticIpManagerException}s classified by an ordered rule table on the
 * EC2 error code: throttling ({@code RequestLimitExceeded}) is {@code THROTTLED} (the reconciler
 * retries it and slows its own call rate); 5xx, time-outs and connection failures are {@code RETRYABLE};
 * {@code UnauthorizedOperation} and {@code AuthFailure} are {@code PERMISSION} (the message names
 * the IAM action, e.g. {@code ec2:AssociateAddress}); unknown allocation ids, ENIs, addresses and a
 * private IP that is not on the ENI ({@code InvalidParameterValue}) are {@code CONFIGURATION} (the
 * message names the resource). The SDK client's own retries (see {@link Ec2Clients}) run first. A
 * 200 not shaped like EC2's answer (the SDK parses another service's XML into an empty response) is
 * {@code RETRYABLE}, never read as "associated with nothing" or "done" ({@link Ec2Outcomes}).
 *
 * <p>The client is never closed by this class: whoever built it closes it. Thread-safe (the SDK
 * client is).
 */
public final class Ec2ElasticIpManager implements ElasticIpManager {
  private static final Logger LOG = LoggerFactory.getLogger(Ec2ElasticIpManager.class);

  private final Ec2Client ec2;
  private final String node;

  private Ec2ElasticIpManager(Builder b) {
    this.ec2 = b.ec2;
    this.node = b.nodeId == null ? "-" : b.nodeId.value();
  }

  /** A new builder. */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public Map<String, ObservedAssociation> describe(Collection<ElasticIp> elasticIps) {
    notNull("elasticIps", elasticIps);
    Map<String, ObservedAssociation> result = new LinkedHashMap<>();
    if (elasticIps.isEmpty()) {
      return result;
    }
    List<String> ids = new ArrayList<>();
    elasticIps.forEach(e -> ids.add(e.allocationId()));
    DescribeAddressesResponse response;
    try {
      response = ec2.describeAddresses(r -> r.allocationIds(ids));
    } catch (SdkException e) {
      throw Ec2ErrorClassifier.classify(new Ec2ErrorClassifier.Call("DescribeAddresses", "allocation ids " + ids), e);
    }
    Optional<String> problem = Ec2Answers.problem(response, ids);
    if (problem.isPresent()) {
      throw wrongShape("DescribeAddresses", "allocation ids " + ids, problem.get());
    }
    for (Address a : response.addresses()) {
      result.put(a.allocationId(), toObserved(a));
    }
    LOG.debug("[id={}] described {}", node, result.values());
    return result;
  }

  @Override
  public String associate(ElasticIp elasticIp, AttachmentPoint target) {
    notNull("elasticIp", elasticIp);
    notNull("target", target);
    AssociateAddressResponse response;
    try {
      response = ec2.associateAddress(r -> r.allocationId(elasticIp.allocationId())
          .networkInterfaceId(target.networkInterfaceId())
          .privateIpAddress(target.privateIp())
          .allowReassociation(true));
    } catch (SdkException e) {
      throw Ec2ErrorClassifier.classify(new Ec2ErrorClassifier.Call("AssociateAddress",
          elasticIp.allocationId() + " -> " + target.networkInterfaceId() + "/" + target.privateIp()), e);
    }
    Optional<String> problem = Ec2Answers.problem(response);
    if (problem.isPresent()) {
      throw wrongShape("AssociateAddress", elasticIp.allocationId() + " -> " + target, problem.get());
    }
    LOG.info("[id={}] associated {} with {} ({})", node, elasticIp, target, response.associationId());
    return response.associationId();
  }

  /** A 200 that is not EC2's answer: retryable, and never read as "associated with nothing" or "done". */
  private static ElasticIpManagerException wrongShape(String action, String resources, String problem) {
    return new ElasticIpManagerException(ElasticIpManagerException.Kind.RETRYABLE, "EC2's answer to " + action
        + " (" + resources + ") is not shaped like EC2's (" + Ec2Outcomes.WRONG_SHAPE + "): " + problem
        + "; not trusted (a proxy, another service at ec2.endpoint?)");
  }

  static ObservedAssociation toObserved(Address a) {
    if (a.networkInterfaceId() == null || a.privateIpAddress() == null) {
      return new ObservedAssociation(a.allocationId(), Optional.ofNullable(a.associationId()), Optional.empty(),
          Optional.empty());
    }
    return ObservedAssociation.associated(a.allocationId(), a.associationId(), a.networkInterfaceId(),
        a.privateIpAddress());
  }

  @Override
  public String toString() {
    return "Ec2ElasticIpManager{node=" + node + "}";
  }

  /** Builds an {@link Ec2ElasticIpManager}. Not thread-safe. */
  public static final class Builder {
    private Ec2Client ec2;
    private NodeId nodeId;

    private Builder() {}

    /** The EC2 client (required); not closed by the manager. See {@link Ec2Clients}. */
    public Builder ec2Client(Ec2Client ec2) {
      this.ec2 = notNull("ec2Client", ec2);
      return this;
    }

    /** This node, for log lines; optional. */
    public Builder nodeId(NodeId nodeId) {
      this.nodeId = notNull("nodeId", nodeId);
      return this;
    }

    /** Builds the manager. */
    public Ec2ElasticIpManager build() {
      required("ec2Client", ec2);
      return new Ec2ElasticIpManager(this);
    }
  }
}
