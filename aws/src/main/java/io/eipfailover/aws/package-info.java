/**
 * The EC2 binding of eip-failover on the AWS SDK for Java v2: {@link
 * io.eipfailover.aws.Ec2ElasticIpManager} (the core {@code ElasticIpManager}), {@link
 * io.eipfailover.aws.Ec2Clients} (a failover-ready {@code Ec2Client}), {@link
 * io.eipfailover.aws.Ec2InstanceIdentity} (IMDSv2 self-discovery), {@link
 * io.eipfailover.aws.Ec2TagTopology} (topology from tags), {@link
 * io.eipfailover.aws.Ec2SecondaryIpProvisioner}, {@link io.eipfailover.aws.Ec2InstanceStateGuard}
 * (the EC2 witness), {@link io.eipfailover.aws.Ec2Preflight} and {@link
 * io.eipfailover.aws.Ec2IamPolicy}.
 *
 * <p>Every class takes an injected {@code Ec2Client} and never closes it. Logs go through SLF4J
 * with the node id in every line.
 */
package io.eipfailover.aws;
