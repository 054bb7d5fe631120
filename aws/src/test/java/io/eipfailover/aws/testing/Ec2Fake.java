package io.eipfailover.aws.testing;

import io.eipfailover.aws.internal.Ipv4Math;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.common.ConsoleNotifier;
import io.eipfailover.aws.testing.FakeEc2State.Address;
import io.eipfailover.aws.testing.FakeEc2State.Eni;
import io.eipfailover.aws.testing.FakeEc2State.Instance;
import io.eipfailover.aws.Ec2Clients;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;

/**
 * A stateful fake of the EC2 Query API (and of IMDSv2, one endpoint per instance), served by
 * WireMock on a dynamic loopback port, answering byte-compatible XML so the real AWS SDK client
 * parses it. Point an {@code Ec2Client} at {@link #endpoint()} with any static credentials and
 * region {@code us-east-1}.
 *
 * <p>Seed resources with {@link #addInstance}, {@link #addNetworkInterface}, {@link #addAddress} (or
 * the tagged shortcuts {@link #addTaggedNode} / {@link #addTaggedAddress}); break things with
 * {@link #faults()}; read the truth with {@link #association} and the request history with {@link
 * #calls()}. Free of JUnit so examples and benchmarks can run it from a {@code main} ({@link
 * Ec2FakeServer}); another process can drive it through a small control API under {@code
 * /_fake/} on the same endpoint (see {@code FakeControl}: outage, throttling, latency, denial,
 * instance state, association listing).
 *
 * <p>Lifecycle: {@link #start()} serves at once; {@link #close()} stops the EC2 server and every
 * IMDS server. Thread-safe.
 */
public final class Ec2Fake implements AutoCloseable {
  /** The cluster tag key on EIPs and ENIs. */
  public static final String CLUSTER_TAG = "eipfailover:cluster";
  /** The tag key naming an EIP's home node. */
  public static final String HOME_TAG = "eipfailover:home";
  /** The tag key naming an ENI's node. */
  public static final String NODE_TAG = "eipfailover:node";

  final FakeEc2State state;
  final Clock clock;
  private final Ec2Faults faults;
  private final CallLog calls = new CallLog();
  private final WireMockServer server;
  private final Map<String, ImdsFake> imds = new LinkedHashMap<>();

  private Ec2Fake(Clock clock, Random random, String vpcCidr, int maxPrivateIpsPerEni) {
    this.clock = clock;
    this.state = new FakeEc2State("vpc-0fa1e0000000000a1", vpcCidr, maxPrivateIpsPerEni);
    this.faults = new Ec2Faults(clock, random);
    Ec2Transformer transformer = new Ec2Transformer(new Ec2Actions(state), faults, calls, clock, random,
        new FakeControl(this));
    this.server = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1")
        .notifier(new ConsoleNotifier(false)).disableRequestJournal().extensions(transformer));
    server.start();
    server.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(500)));
  }

  /** A fake with the system clock, a fixed seed, VPC 10.0.0.0/16 and at most 10 private IPs per ENI. */
  public static Ec2Fake start() {
    return start(Clock.systemUTC(), new Random(42));
  }

  /** A fake reading time from {@code clock} and randomness (latency, throttling, ids) from {@code random}. */
  public static Ec2Fake start(Clock clock, Random random) {
    return new Ec2Fake(Objects.requireNonNull(clock, "clock"), Objects.requireNonNull(random, "random"),
        "10.0.0.0/16", 10);
  }

  /** The EC2 endpoint, e.g. {@code http://127.0.0.1:41234}. */
  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + server.port());
  }

  /**
   * A real SDK client for this fake (static credentials {@code accessKeyId}/"secret", us-east-1,
   * short back-off), built by {@code Ec2Clients}. The caller closes it. The access key id shows up
   * as {@link Ec2Call#caller()}, so give each simulated node its own.
   */
  public Ec2Client newClient(String accessKeyId) {
    return Ec2Clients.builder()
        .region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKeyId, "secret")))
        .endpointOverride(endpoint())
        .backoff(Duration.ofMillis(20), Duration.ofMillis(50), Duration.ofMillis(500))
        .build();
  }

  /** The fault switches. */
  public Ec2Faults faults() {
    return faults;
  }

  /** Adds a running instance with status checks {@code ok}. */
  public void addInstance(String instanceId, String availabilityZone) {
    synchronized (state) {
      if (state.instances.containsKey(instanceId)) {
        throw new IllegalArgumentException("duplicate instance '" + instanceId + "'");
      }
      state.instances.put(instanceId, new Instance(instanceId, availabilityZone));
    }
  }

  /**
   * Adds an ENI attached to {@code instanceId} (at the next device index), in the /24 of its
   * primary IP, with a MAC derived from its id.
   */
  public void addNetworkInterface(String eniId, String instanceId, String primaryIp, List<String> secondaryIps,
      Map<String, String> tags) {
    synchronized (state) {
      state.instance(instanceId);
      if (state.enis.containsKey(eniId)) {
        throw new IllegalArgumentException("duplicate network interface '" + eniId + "'");
      }
      int device = state.enisOf(instanceId).size();
      String hex = String.format("%010x", eniId.hashCode() & 0xffffffffL);
      String mac = "02:" + hex.substring(0, 2) + ":" + hex.substring(2, 4) + ":" + hex.substring(4, 6) + ":"
          + hex.substring(6, 8) + ":" + hex.substring(8, 10);
      Eni eni = new Eni(eniId, instanceId, device, mac, Ipv4Math.toString(Ipv4Math.toLong(primaryIp) & 0xffffff00L) + "/24");
      eni.privateIps.add(primaryIp);
      eni.privateIps.addAll(secondaryIps);
      eni.tags.putAll(tags);
      state.enis.put(eniId, eni);
    }
  }

  /** Adds an unassociated VPC Elastic IP. */
  public void addAddress(String allocationId, String publicIp, Map<String, String> tags) {
    synchronized (state) {
      if (state.addresses.containsKey(allocationId)) {
        throw new IllegalArgumentException("duplicate address '" + allocationId + "'");
      }
      Address a = new Address(allocationId, publicIp);
      a.tags.putAll(tags);
      state.addresses.put(allocationId, a);
    }
  }

  /**
   * Shortcut: instance {@code instanceId} in us-east-1a with one ENI tagged {@code
   * eipfailover:cluster=<cluster>}, {@code eipfailover:node=<node>}.
   */
  public void addTaggedNode(String cluster, String node, String instanceId, String eniId, String primaryIp,
      String... secondaryIps) {
    addInstance(instanceId, "us-east-1a");
    addNetworkInterface(eniId, instanceId, primaryIp, List.of(secondaryIps), Map.of(CLUSTER_TAG, cluster, NODE_TAG, node));
  }

  /** Shortcut: an EIP tagged {@code eipfailover:cluster=<cluster>}, {@code eipfailover:home=<homeNode>}. */
  public void addTaggedAddress(String cluster, String homeNode, String allocationId, String publicIp) {
    Map<String, String> tags = new LinkedHashMap<>();
    tags.put(CLUSTER_TAG, cluster);
    tags.put(HOME_TAG, homeNode);
    addAddress(allocationId, publicIp, tags);
  }

  /** Sets an instance's state: pending, running, shutting-down, terminated, stopping or stopped. */
  public void setInstanceState(String instanceId, String stateName) {
    Ec2Actions.stateCode(stateName);
    synchronized (state) {
      state.instance(instanceId).state = stateName;
    }
  }

  /** Sets an instance's status checks, each ok, impaired, initializing or insufficient-data. */
  public void setStatusChecks(String instanceId, String systemStatus, String instanceStatus) {
    synchronized (state) {
      Instance i = state.instance(instanceId);
      i.systemStatus = systemStatus;
      i.instanceStatus = instanceStatus;
    }
  }

  /** Associates directly (no request, no log, no lag), for seeding; returns the association id. */
  public String associate(String allocationId, String eniId, String privateIp) {
    return state.associate(allocationId, eniId, privateIp, true, clock.instant(), Duration.ZERO);
  }

  /** The true association of an EIP, ignoring any injected describe lag. */
  public Optional<FakeAssociation> association(String allocationId) {
    return state.association(allocationId);
  }

  /** The private IPs of an ENI, primary first. */
  public List<String> privateIps(String eniId) {
    synchronized (state) {
      return List.copyOf(state.eni(eniId).privateIps);
    }
  }

  /** Every request so far, in arrival order. */
  public List<Ec2Call> calls() {
    return calls.all();
  }

  /** The requests for one action (dry runs included), in arrival order. */
  public List<Ec2Call> calls(String action) {
    List<Ec2Call> result = new ArrayList<>();
    for (Ec2Call c : calls.all()) {
      if (c.action().equals(action)) {
        result.add(c);
      }
    }
    return result;
  }

  /** Forgets the request history. */
  public void clearCalls() {
    calls.clear();
  }

  /** The IMDSv2 endpoint of {@code instanceId}, started on first use and stopped by {@link #close()}. */
  public synchronized ImdsFake imds(String instanceId) {
    state.instance(instanceId);
    return imds.computeIfAbsent(instanceId, id -> new ImdsFake(this, id));
  }

  @Override
  public synchronized void close() {
    imds.values().forEach(ImdsFake::close);
    imds.clear();
    if (server.isRunning()) {
      server.stop();
    }
  }
}
