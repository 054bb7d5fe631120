package io.eipfailover.aws;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The least-privilege IAM policy for the instance role of a failover node, shipped in this jar as
 * {@value #RESOURCE}:
 *
 * <ul>
 *   <li>{@code ec2:DescribeAddresses}, {@code ec2:DescribeNetworkInterfaces}, {@code
 *       ec2:DescribeInstanceStatus} on {@code *} (EC2 Describe actions support no resource-level
 *       restriction);
 *   <li>{@code ec2:AssociateAddress} and {@code ec2:AssignPrivateIpAddresses} only on resources
 *       tagged {@code eipfailover:cluster=<cluster>}: tag the cluster's EIPs and ENIs, and a node can
 *       move no other EIP of the account.
 * </ul>
 *
 * A test of this module records every EC2 operation the module performs and fails when the policy
 * misses one or grants one never used. Thread-safe (stateless).
 */
public final class Ec2IamPolicy {
  /** The class-path location of the policy template. */
  public static final String RESOURCE = "/io/eipfailover/aws/iam-policy.json";
  /** The placeholder in the template that {@link #forCluster} replaces. */
  public static final String PLACEHOLDER = "CLUSTER_NAME";

  private Ec2IamPolicy() {}

  /** The policy with {@value #PLACEHOLDER} where the cluster name goes. */
  public static String template() {
    try (InputStream in = Ec2IamPolicy.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is missing from the class path");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + RESOURCE, e);
    }
  }

  /** The policy for cluster {@code clusterName} (1 to 32 characters of [A-Za-z0-9._-]). */
  public static String forCluster(String clusterName) {
    if (clusterName == null || !clusterName.matches("[A-Za-z0-9._-]{1,32}")) {
      throw new IllegalArgumentException(
          "clusterName must be 1 to 32 characters of [A-Za-z0-9._-], was '" + clusterName + "'");
    }
    return template().replace(PLACEHOLDER, clusterName);
  }
}
