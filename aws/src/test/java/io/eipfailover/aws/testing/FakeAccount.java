package io.eipfailover.aws.testing;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The one AWS account and Region an {@link Ec2Fake} plays: its id, its Region (with the partition
 * ARNs use), and the access keys it accepts with their secrets. EC2 scopes everything to an
 * account and a Region, so a request signed for another Region is refused and every ARN, AZ and
 * network border group the fake renders carries this Region. Thread-safe.
 */
final class FakeAccount {
  private static final Pattern REGION = Pattern.compile("[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\\d");
  private static final Pattern ACCOUNT = Pattern.compile("\\d{12}");

  private final String region;
  private final String accountId;
  private final Map<String, String> secrets = new HashMap<>();
  private String anyKeySecret;

  FakeAccount(String region, String accountId, Map<String, String> secrets, String anyKeySecret) {
    this.region = checkRegion(region);
    if (accountId == null || !ACCOUNT.matcher(accountId).matches()) {
      throw new IllegalArgumentException("accountId must be 12 digits, was '" + accountId + "'");
    }
    this.accountId = accountId;
    this.secrets.putAll(secrets);
    this.anyKeySecret = anyKeySecret;
  }

  static String checkRegion(String region) {
    if (region == null || !REGION.matcher(region).matches()) {
      throw new IllegalArgumentException("region must look like 'us-east-1', was '" + region + "'");
    }
    return region;
  }

  String region() {
    return region;
  }

  String accountId() {
    return accountId;
  }

  /** {@code aws}, or {@code aws-cn} / {@code aws-us-gov} for those Regions. */
  String partition() {
    if (region.startsWith("cn-")) {
      return "aws-cn";
    }
    return region.startsWith("us-gov-") ? "aws-us-gov" : "aws";
  }

  /** The ARN of an EC2 resource of this account, e.g. {@code elastic-ip/eipalloc-0a}. */
  String arn(String resource) {
    return "arn:" + partition() + ":ec2:" + region + ":" + accountId + ":" + resource;
  }

  /** The ARN of an IAM role session of this account, as EC2 names the caller in a denial. */
  String callerArn(String caller) {
    return "arn:" + partition() + ":sts::" + accountId + ":assumed-role/eipfailover/" + caller;
  }

  /** Whether {@code zone} is an Availability Zone name of this Region ({@code us-east-1a}). */
  boolean isZone(String zone) {
    return zone != null && zone.length() == region.length() + 1 && zone.startsWith(region)
        && Character.isLowerCase(zone.charAt(region.length()));
  }

  /** The private DNS name EC2 gives a private IPv4 address in this Region. */
  String privateDnsName(String ip) {
    String host = "ip-" + ip.replace('.', '-');
    return region.equals("us-east-1") ? host + ".ec2.internal" : host + "." + region + ".compute.internal";
  }

  /** The public DNS name EC2 gives a public IPv4 address in this Region. */
  String publicDnsName(String ip) {
    String host = "ec2-" + ip.replace('.', '-');
    return region.equals("us-east-1") ? host + ".compute-1.amazonaws.com" : host + "." + region + ".compute.amazonaws.com";
  }

  synchronized void allow(String accessKeyId, String secret) {
    secrets.put(checkKey(accessKeyId), checkSecret(secret));
  }

  synchronized void allowAnyKey(String secret) {
    this.anyKeySecret = secret == null ? null : checkSecret(secret);
  }

  /** The secret of {@code accessKeyId}, or empty if the account does not know that key. */
  synchronized Optional<String> secretOf(String accessKeyId) {
    String s = secrets.get(accessKeyId);
    return Optional.ofNullable(s != null ? s : anyKeySecret);
  }

  static String checkKey(String accessKeyId) {
    if (accessKeyId == null || !accessKeyId.matches("[A-Za-z0-9._-]{1,128}")) {
      throw new IllegalArgumentException("accessKeyId must be 1 to 128 characters of [A-Za-z0-9._-], was '"
          + accessKeyId + "'");
    }
    return accessKeyId;
  }

  static String checkSecret(String secret) {
    if (secret == null || secret.isEmpty()) {
      throw new IllegalArgumentException("secret must not be empty, was '" + secret + "'");
    }
    return secret;
  }
}
