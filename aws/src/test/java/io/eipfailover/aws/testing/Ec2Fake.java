package io.eipfailover.aws.testing;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.common.ConsoleNotifier;
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
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;

/**
 * A stateful fake of the EC2 Query API (and of IMDSv2, one endpoint per instance), served by
 * WireMock on a dynamic loopback port, answering byte-compatible XML so the real AWS SDK client
 * parses it. It plays one AWS account in one Region: requests must be signed (SigV4) for that
 * Region with credentials the account knows; by default any access key id with the secret {@link
 * #TEST_SECRET}, in {@code us-east-1}. {@link #newClient} builds a client that does so.
 *
 * <p>Seed resources with {@link #addInstance}, {@link #addNetworkInterface}, {@link #addAddress} (or
 * the tagged shortcuts {@link #addTaggedNode} / {@link #addTaggedAddress}); break things with
 * {@link #faults()}; turn on EC2's account-wide request throttling with {@link #throttling}; read
 * the truth with {@link #association} and the request history with {@link #calls()}. Free of
 * JUnit so examples and benchmarks can run it from a {@code main} ({@link Ec2FakeServer}); another
 * process can drive it through a small control API under {@code /_fake/} on the same endpoint
 * (see {@link FakeControl}). What it models, and how closely, is in {@code docs/ec2-fake.md}.
 *
 * <p>Lifecycle: {@link #start()} or {@link Ec2FakeBuilder#start()} serves at once; {@link #close()} stops
 * the EC2 server and every IMDS server. Thread-safe.
 */
public final class Ec2Fake implements AutoCloseable {
  /** The cluster tag key on EIPs and ENIs. */
  public static final String CLUSTER_TAG = "eipfailover:cluster";
  /** The tag key naming an EIP's home node. */
  public static final String HOME_TAG = "eipfailover:home";
  /** The tag key naming an ENI's node. */
  public static final String NODE_TAG = "eipfailover:node";
  /** The secret the fake accepts with any access key id unless told otherwise. */
  public static final String TEST_SECRET = "secret";

  /** One answer the fake gave: the action, HTTP status and body (XML or error envelope). */
  record Answer(String action, int status, String body) {}

  final FakeEc2State state;
  final Clock clock;
  final FakeAccount account;
  final CallLog calls = new CallLog();
  final TokenBuckets buckets;
  private final Random random;
  private final Ec2Faults faults;
  private final WireMockServer server;
  private final Map<String, ImdsFake> imds = new LinkedHashMap<>();
  private final List<Consumer<Answer>> observers = new CopyOnWriteArrayList<>();
  private final FakeSeeder seeder;
  private volatile int maxPageSize;

  Ec2Fake(Ec2FakeBuilder b) {
    this.clock = b.clock;
    this.random = b.random;
    this.account = new FakeAccount(b.region, b.accountId, b.secrets, b.secrets.isEmpty() && b.anyKeySecret == null
        ? TEST_SECRET : b.anyKeySecret);
    this.state = new FakeEc2State("vpc-0fa1e0000000000a1", "10.0.0.0/16", 10);
    this.faults = new Ec2Faults(clock, random);
    this.seeder = new FakeSeeder(state, account, clock);
    this.buckets = new TokenBuckets(clock);
    buckets.configure(b.throttling);
    this.maxPageSize = b.maxPageSize;
    this.server = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1")
        .notifier(new ConsoleNotifier(false)).disableRequestJournal().extensions(new Ec2Transformer(this)));
    server.start();
    server.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(500)));
  }

  /** A fake with every default (see {@link Ec2FakeBuilder}). */
  public static Ec2Fake start() {
    return builder().start();
  }

  /** A fake reading time from {@code clock} and randomness (latency, throttling, ids) from {@code random}. */
  public static Ec2Fake start(Clock clock, Random random) {
    return builder().clock(clock).random(random).start();
  }

  /**
   * A builder with the defaults: system clock, seed 42, us-east-1, account 123456789012, any access
   * key id with {@link #TEST_SECRET}, no throttling, no page cap.
   */
  public static Ec2FakeBuilder builder() {
    return new Ec2FakeBuilder();
  }

  /** The EC2 endpoint, e.g. {@code http://127.0.0.1:41234}. */
  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + server.port());
  }

  /** The Region the fake serves, e.g. {@code us-east-1}. */
  public String region() {
    return account.region();
  }

  /** The account id of every resource and ARN. */
  public String accountId() {
    return account.accountId();
  }

  /**
   * A real SDK client for this fake (static credentials {@code accessKeyId} with the secret the
   * fake knows for it, the fake's Region, short back-off), built by {@code Ec2Clients}. The caller
   * closes it. The access key id shows up as {@link Ec2Call#caller()}, so give each simulated node
   * its own.
   */
  public Ec2Client newClient(String accessKeyId) {
    String secret = account.secretOf(FakeAccount.checkKey(accessKeyId)).orElseThrow(() -> new IllegalArgumentException(
        "accessKeyId '" + accessKeyId + "' is not known to this fake; add it with allowCredentials first"));
    return Ec2Clients.builder()
        .region(Region.of(account.region()))
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKeyId, secret)))
        .endpointOverride(endpoint())
        .backoff(Duration.ofMillis(20), Duration.ofMillis(50), Duration.ofMillis(500))
        .build();
  }

  /** From now on the fake also accepts {@code accessKeyId} signed with {@code secret}. */
  public void allowCredentials(String accessKeyId, String secret) {
    account.allow(accessKeyId, secret);
  }

  /** The fault switches. */
  public Ec2Faults faults() {
    return faults;
  }

  /** Switches the account's request throttling (every bucket starts full again). */
  public void throttling(Ec2Throttling throttling) {
    buckets.configure(Objects.requireNonNull(throttling, "throttling"));
  }

  /** The current request throttling. */
  public Ec2Throttling throttling() {
    return buckets.config();
  }

  /** Tokens left now in {@code action}'s bucket of class {@code limit} (+infinity when throttling is off). */
  public double tokens(String action, Ec2Throttling.Limit limit) {
    return buckets.tokens(action, limit);
  }

  /**
   * At most {@code max} items per page of the paged describes, whatever {@code MaxResults} asks
   * (EC2 may answer fewer items than asked, with a token for the rest): makes every client walk
   * its pages. {@code Integer.MAX_VALUE} (the default) caps nothing.
   */
  public void maxPageSize(int max) {
    if (max < 1) {
      throw new IllegalArgumentException("maxPageSize must be >= 1, was " + max);
    }
    this.maxPageSize = max;
  }

  int maxPageSize() {
    return maxPageSize;
  }

  /** Adds a running instance with status checks {@code ok}, in an AZ of the fake's Region. */
  public void addInstance(String instanceId, String availabilityZone) {
    seeder.addInstance(instanceId, availabilityZone);
  }

  /**
   * Adds an ENI attached to {@code instanceId} (at the next device index), in the /24 of its
   * primary IP, with a MAC derived from its id.
   */
  public void addNetworkInterface(String eniId, String instanceId, String primaryIp, List<String> secondaryIps,
      Map<String, String> tags) {
    seeder.addNetworkInterface(eniId, instanceId, primaryIp, secondaryIps, tags);
  }

  /** Adds an unassociated VPC Elastic IP. */
  public void addAddress(String allocationId, String publicIp, Map<String, String> tags) {
    seeder.addAddress(allocationId, publicIp, tags);
  }

  /**
   * Shortcut: instance {@code instanceId} in the Region's first zone ({@code us-east-1a}) with one
   * ENI tagged {@code eipfailover:cluster=<cluster>}, {@code eipfailover:node=<node>}.
   */
  public void addTaggedNode(String cluster, String node, String instanceId, String eniId, String primaryIp,
      String... secondaryIps) {
    addInstance(instanceId, account.region() + "a");
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
    seeder.setInstanceState(instanceId, stateName);
  }

  /** Sets an instance's status checks, each ok, impaired, initializing or insufficient-data. */
  public void setStatusChecks(String instanceId, String systemStatus, String instanceStatus) {
    seeder.setStatusChecks(instanceId, systemStatus, instanceStatus);
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

  /** Calls {@code observer} with every answer from now on (the conformance tests check them all). */
  void observeAnswers(Consumer<Answer> observer) {
    observers.add(observer);
  }

  void observe(Answer answer) {
    observers.forEach(o -> o.accept(answer));
  }

  String newRequestId() {
    return Ec2Transformer.requestId(random);
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
