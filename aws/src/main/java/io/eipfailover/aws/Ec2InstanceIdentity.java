package io.eipfailover.aws;

import static io.eipfailover.aws.internal.Checks.notNull;
import static io.eipfailover.aws.internal.Checks.positive;
import static io.eipfailover.aws.internal.Checks.range;

import io.eipfailover.aws.internal.ImdsReader;
import io.eipfailover.aws.internal.Ipv4Math;
import io.eipfailover.core.AttachmentPoint;
import io.eipfailover.core.NodeId;
import io.eipfailover.core.NodeSpec;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.imds.Ec2MetadataClient;

/**
 * Who this instance is, read from the Instance Metadata Service with IMDSv2 session tokens only
 * (the SDK's {@link Ec2MetadataClient}; IMDSv1 is never used): instance id, Region, Availability
 * Zone, and for each network interface (by MAC) its ENI id, private IPs (primary first), subnet and
 * VPC CIDR and the subnet's router (the gateway a reachability guard pings).
 *
 * <p>Read once with {@link #builder()}{@code .load()}; the result is an immutable snapshot. Tokens
 * are cached by the SDK for their TTL and refreshed on expiry; a token IMDS rejects early (401) is
 * replaced once. Failures throw {@link InstanceMetadataException} with the fix (typically the hop
 * limit for containers). Thread-safe (immutable).
 */
public final class Ec2InstanceIdentity {
  private final String instanceId;
  private final String region;
  private final String availabilityZone;
  private final List<Interface> interfaces;

  /**
   * One network interface of this instance.
   *
   * @param mac its MAC address, as IMDS lists it
   * @param networkInterfaceId its ENI id
   * @param privateIps its private IPv4 addresses, primary first
   * @param subnetCidr its subnet's CIDR
   * @param vpcCidr the VPC's primary CIDR
   */
  public record Interface(String mac, String networkInterfaceId, List<String> privateIps, String subnetCidr,
      String vpcCidr) {
    public Interface {
      privateIps = List.copyOf(privateIps);
      if (privateIps.isEmpty()) {
        throw new IllegalArgumentException("interface " + networkInterfaceId + " must have a private IP, had none");
      }
    }

    /** The primary private IP. */
    public String primaryPrivateIp() {
      return privateIps.get(0);
    }

    /** The secondary private IPs, in IMDS order. */
    public List<String> secondaryPrivateIps() {
      return privateIps.subList(1, privateIps.size());
    }

    /** The VPC router of this subnet: the subnet's base address + 1, as AWS reserves it. */
    public String gateway() {
      return Ipv4Math.baseAddressPlus(subnetCidr, 1);
    }
  }

  private Ec2InstanceIdentity(String instanceId, String region, String availabilityZone, List<Interface> interfaces) {
    this.instanceId = instanceId;
    this.region = region;
    this.availabilityZone = availabilityZone;
    this.interfaces = List.copyOf(interfaces);
  }

  /** A new loader. */
  public static Builder builder() {
    return new Builder();
  }

  /** The instance id, {@code i-...}. */
  public String instanceId() {
    return instanceId;
  }

  /** The Region, e.g. {@code us-east-1}. */
  public String region() {
    return region;
  }

  /** The Availability Zone, e.g. {@code us-east-1a}. */
  public String availabilityZone() {
    return availabilityZone;
  }

  /** Every interface, primary (device 0, the instance's {@code mac}) first. */
  public List<Interface> interfaces() {
    return interfaces;
  }

  /** The primary interface (device 0). */
  public Interface primaryInterface() {
    return interfaces.get(0);
  }

  /**
   * This instance as a node of an explicit topology: the primary interface's primary private IP is
   * the home point, its secondary private IPs (in IMDS order) are the reserved points. Every node
   * must be given the same topology, so use this to print or check a node's entry, not to let each
   * node describe itself differently.
   */
  public NodeSpec nodeSpec(NodeId id) {
    notNull("id", id);
    Interface primary = primaryInterface();
    List<AttachmentPoint> reserved = new ArrayList<>();
    primary.secondaryPrivateIps().forEach(ip -> reserved.add(AttachmentPoint.reserved(primary.networkInterfaceId(), ip)));
    return new NodeSpec(id, List.of(AttachmentPoint.primary(primary.networkInterfaceId(), primary.primaryPrivateIp())),
        reserved);
  }

  @Override
  public String toString() {
    return "Ec2InstanceIdentity{" + instanceId + " in " + availabilityZone + ", " + interfaces + "}";
  }

  /** Configures and performs the IMDS read. Every setter validates at once. Not thread-safe. */
  public static final class Builder {
    private URI endpoint;
    private SdkHttpClient httpClient;
    private Duration timeout = ImdsReader.defaultTimeout();
    private Duration tokenTtl = Duration.ofHours(6);
    private int retries = 2;
    private NodeId nodeId;

    private Builder() {}

    /** The IMDS endpoint; default the SDK's ({@code http://169.254.169.254}). For tests: the fake's. */
    public Builder endpoint(URI endpoint) {
      this.endpoint = notNull("endpoint", endpoint);
      return this;
    }

    /** The HTTP client; not closed by us. Default: a url-connection client we create and close. */
    public Builder httpClient(SdkHttpClient httpClient) {
      this.httpClient = notNull("httpClient", httpClient);
      return this;
    }

    /** Connect and read time-out per IMDS request; default 1 s (IMDS is link-local). */
    public Builder timeout(Duration timeout) {
      this.timeout = positive("timeout", timeout);
      return this;
    }

    /** Session token lifetime, 1 s to 6 h; default 6 h. */
    public Builder tokenTtl(Duration ttl) {
      positive("tokenTtl", ttl);
      range("tokenTtl seconds", (int) Math.min(Integer.MAX_VALUE, ttl.getSeconds()), 1, 21600);
      this.tokenTtl = ttl;
      return this;
    }

    /** Retries per request on I/O errors and 5xx, 0 to 5; default 2. */
    public Builder retries(int retries) {
      this.retries = range("retries", retries, 0, 5);
      return this;
    }

    /** This node, for log lines; optional. */
    public Builder nodeId(NodeId nodeId) {
      this.nodeId = notNull("nodeId", nodeId);
      return this;
    }

    /** Reads the identity from IMDS. Blocks for at most a few time-outs. */
    public Ec2InstanceIdentity load() {
      SdkHttpClient http = httpClient != null ? httpClient
          : UrlConnectionHttpClient.builder().connectionTimeout(timeout).socketTimeout(timeout).build();
      try (ImdsReader imds = new ImdsReader(() -> newClient(http), endpoint, nodeId == null ? "-" : nodeId.value())) {
        return read(imds);
      } finally {
        if (httpClient == null) {
          http.close();
        }
      }
    }

    /** One SDK client per token: the reader builds a new one when IMDS rejects the cached token. */
    private Ec2MetadataClient newClient(SdkHttpClient http) {
      Ec2MetadataClient.Builder b = Ec2MetadataClient.builder()
          .httpClient(http)
          .tokenTtl(tokenTtl)
          .retryPolicy(p -> p.numRetries(retries).backoffStrategy(context -> Duration.ofMillis(50)));
      if (endpoint != null) {
        b.endpoint(endpoint);
      }
      return b.build();
    }

    private static Ec2InstanceIdentity read(ImdsReader imds) {
      String instanceId = imds.get("/latest/meta-data/instance-id");
      String az = imds.get("/latest/meta-data/placement/availability-zone");
      String region = imds.get("/latest/meta-data/placement/region");
      String primaryMac = imds.get("/latest/meta-data/mac");
      List<String> macs = new ArrayList<>();
      for (String line : imds.get("/latest/meta-data/network/interfaces/macs/").split("\n")) {
        String mac = line.trim();
        if (mac.endsWith("/")) {
          mac = mac.substring(0, mac.length() - 1);
        }
        if (!mac.isEmpty()) {
          macs.add(mac);
        }
      }
      macs.sort((x, y) -> Boolean.compare(!x.equals(primaryMac), !y.equals(primaryMac)));
      List<Interface> interfaces = new ArrayList<>();
      for (String mac : macs) {
        String base = "/latest/meta-data/network/interfaces/macs/" + mac + "/";
        List<String> ips = Arrays.stream(imds.get(base + "local-ipv4s").split("\n")).map(String::trim)
            .filter(s -> !s.isEmpty()).toList();
        String vpcCidr = imds.get(base + "vpc-ipv4-cidr-block");
        interfaces.add(new Interface(mac, imds.get(base + "interface-id"), ips,
            imds.get(base + "subnet-ipv4-cidr-block"), vpcCidr));
      }
      if (interfaces.isEmpty()) {
        throw new InstanceMetadataException("IMDS lists no network interface for " + instanceId, null);
      }
      return new Ec2InstanceIdentity(instanceId, Objects.requireNonNull(region), az, interfaces);
    }
  }
}
