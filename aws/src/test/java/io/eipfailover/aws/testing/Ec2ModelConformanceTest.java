package io.eipfailover.aws.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.eipfailover.aws.Ec2Clients;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;
import software.amazon.awssdk.services.ec2.model.Filter;

/**
 * The fake against EC2's own service model (botocore's, from Debian's {@code awscli}): every
 * action's input as the model spells it, the documented filters, and every answer of a scenario
 * that drives each implemented action through success and each error the fake gives, checked
 * against the output shape or EC2's error envelope. Skipped, loudly, where the model is absent.
 */
class Ec2ModelConformanceTest {
  /** EC2's documented error codes ("Error codes for the Amazon EC2 API"); the fake invents none. */
  private static final Set<String> DOCUMENTED_CODES = Set.of("AuthFailure", "DryRunOperation", "IncompleteSignature",
      "InternalError", "InvalidAction", "InvalidAddress.NotFound", "InvalidAllocationID.NotFound",
      "InvalidAssociationID.NotFound", "InvalidInstanceID", "InvalidInstanceID.NotFound", "InvalidIPAddress.InUse",
      "InvalidNetworkInterfaceID.NotFound", "InvalidPaginationToken", "InvalidParameterCombination",
      "InvalidParameterValue", "InsufficientFreeAddressesInSubnet", "MissingAuthenticationToken", "MissingParameter",
      "PrivateIpAddressLimitExceeded", "RequestLimitExceeded", "Resource.AlreadyAssociated", "UnauthorizedOperation",
      "UnknownParameter", "UnsupportedOperation");

  private static Ec2ServiceModel model;
  private static ModelChecker checker;

  @BeforeAll
  static void loadTheModel() {
    Ec2ServiceModel.locate().ifPresentOrElse(file -> {
      model = Ec2ServiceModel.load(file);
      checker = new ModelChecker(model);
    }, () -> System.err.println(skipReason()));
  }

  /** Each test is reported as skipped (not passed) when the model is absent. */
  @BeforeEach
  void requireTheModel() {
    Assumptions.assumeTrue(model != null, Ec2ModelConformanceTest::skipReason);
  }

  private static String skipReason() {
    return "SKIPPED Ec2ModelConformanceTest: EC2's service model was not found (looked in " + Ec2ServiceModel.SEARCHED
        + " and -D" + Ec2ServiceModel.PROPERTY + "); install it with 'apt-get install awscli' (.ci/run does) to check"
        + " the EC2 fake against EC2's published model";
  }

  @Test
  void theModelIsTheApiVersionTheFakeSpeaks() {
    assertEquals("2016-11-15", model.apiVersion(), "model at " + model.source);
  }

  @Test
  void everyImplementedActionTakesExactlyTheModelsParameters() {
    for (ActionSpec spec : ActionSpecs.ALL.values()) {
      assertEquals(new TreeMap<>(checker.wireParams(spec.action())).toString(), new TreeMap<>(spec.params()).toString(),
          spec.action());
    }
  }

  @Test
  void everyDescribeAcceptsExactlyItsDocumentedFilters() {
    for (ActionSpec spec : ActionSpecs.ALL.values()) {
      assertEquals(model.documentedFilters(spec.action()), new TreeSet<>(spec.filters()), spec.action());
    }
  }

  @Test
  void theFakeAcceptsEveryModelParameterAndRefusesOthers() {
    try (Ec2Fake fake = Ec2Fake.start()) {
      RawEc2 raw = new RawEc2(fake.endpoint());
      for (ActionSpec spec : ActionSpecs.ALL.values()) {
        Map<String, ActionSpec.Param> params = checker.wireParams(spec.action());
        for (ActionSpec.Param p : params.values()) {
          Map<String, String> req = RawEc2.params(spec.action());
          params.values().stream().filter(ActionSpec.Param::required).forEach(r -> put(req, r, spec));
          put(req, p, spec);
          assertNotEquals("UnknownParameter", send(raw, req).code(), spec.action() + " " + req);
          if (p.required()) {
            req.keySet().removeIf(k -> k.equals(p.name()) || k.startsWith(p.name() + "."));
            assertEquals("MissingParameter", send(raw, req).code(), spec.action() + " without " + p.name());
          }
        }
        assertEquals("UnknownParameter", send(raw, RawEc2.params(spec.action(), "NotInTheModel", "1")).code());
      }
    }
  }

  private static RawEc2.Answer send(RawEc2 raw, Map<String, String> req) {
    return raw.signed(req, "us-east-1", "AKIDMODEL", Ec2Fake.TEST_SECRET);
  }

  /** A well-formed value of the parameter's kind. */
  private static void put(Map<String, String> req, ActionSpec.Param p, ActionSpec spec) {
    switch (p.kind()) {
      case STRING -> req.put(p.name(), "x-0001");
      case BOOLEAN -> req.put(p.name(), "false");
      case INTEGER -> req.put(p.name(), String.valueOf(Math.max(p.min(), Math.min(p.max(), 5))));
      case STRING_LIST -> req.put(p.name() + ".1", "x-0001");
      case FILTERS -> {
        req.put("Filter.1.Name", spec.filters().stream().filter(f -> !f.startsWith("tag")).sorted().findFirst()
            .orElseThrow());
        req.put("Filter.1.Value.1", "x");
      }
    }
  }

  @Test
  void everyAnswerOfEveryActionFitsTheModelOrTheErrorEnvelope() {
    ConcurrentLinkedQueue<Ec2Fake.Answer> answers = new ConcurrentLinkedQueue<>();
    try (Ec2Fake fake = Ec2Fake.start()) {
      fake.observeAnswers(answers::add);
      new Scenario(fake).run();
    }
    List<String> problems = new ArrayList<>();
    Map<String, Integer> successes = new TreeMap<>();
    Set<String> codes = new TreeSet<>();
    for (Ec2Fake.Answer a : answers) {
      if (a.status() == 200) {
        successes.merge(a.action(), 1, Integer::sum);
        problems.addAll(checker.checkAnswer(a.action(), a.body()));
      } else {
        problems.addAll(ModelChecker.checkError(a.status(), a.body()));
        codes.add(a.body().substring(a.body().indexOf("<Code>") + 6, a.body().indexOf("</Code>")));
      }
    }
    assertEquals(List.of(), problems);
    assertEquals(ActionSpecs.ALL.keySet(), successes.keySet(), "every action answered successfully at least once");
    assertTrue(successes.values().stream().allMatch(n -> n >= 2), successes.toString());
    assertEquals(Set.of(), difference(codes, DOCUMENTED_CODES), "codes EC2 does not document");
    assertEquals(Set.of(), difference(DOCUMENTED_CODES, codes), "documented codes the scenario never produced");
  }

  private static Set<String> difference(Set<String> a, Set<String> b) {
    Set<String> d = new TreeSet<>(a);
    d.removeAll(b);
    return d;
  }

  /** Drives every action through its successes and every error the fake can give. */
  private static final class Scenario {
    private final Ec2Fake fake;
    private final RawEc2 raw;

    Scenario(Ec2Fake fake) {
      this.fake = fake;
      this.raw = new RawEc2(fake.endpoint());
    }

    void run() {
      fake.addTaggedNode("prod", "a", "i-0aaa", "eni-0aaa", "10.0.1.10", "10.0.1.11");
      fake.addNetworkInterface("eni-0a2", "i-0aaa", "10.0.4.10", List.of(), Map.of());
      fake.addTaggedNode("prod", "b", "i-0bbb", "eni-0bbb", "10.0.2.10", "10.0.2.11");
      fake.addTaggedNode("prod", "c", "i-0ccc", "eni-0ccc", "10.0.3.10");
      fake.addInstance("i-0ddd", "us-east-1b");
      for (String n : List.of("a", "b", "c")) {
        fake.addTaggedAddress("prod", n, "eipalloc-0" + n, "198.51.100." + (n.charAt(0) - 'a' + 1));
      }
      fake.addAddress("eipalloc-0d", "198.51.100.4", Map.of());
      fake.associate("eipalloc-0a", "eni-0aaa", "10.0.1.10");
      fake.associate("eipalloc-0b", "eni-0bbb", "10.0.2.11");
      fake.setInstanceState("i-0ccc", "stopped");
      fake.setStatusChecks("i-0bbb", "ok", "impaired");
      fake.setStatusChecks("i-0ddd", "initializing", "insufficient-data");
      try (Ec2Client ec2 = Ec2Clients.builder().region(Region.US_EAST_1).endpointOverride(fake.endpoint()).maxAttempts(1)
          .apiCallAttemptTimeout(java.time.Duration.ofSeconds(30)).apiCallTimeout(java.time.Duration.ofSeconds(60))
          .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDSCN", Ec2Fake.TEST_SECRET)))
          .build()) {
        successes(ec2);
        errors(ec2);
      }
    }

    private void successes(Ec2Client ec2) {
      ec2.describeAddresses();
      ec2.describeAddresses(r -> r.allocationIds("eipalloc-0a").publicIps("198.51.100.4"));
      ec2.describeAddresses(r -> r.filters(Filter.builder().name("tag:eipfailover:home").values("b").build()));
      ec2.associateAddress(r -> r.allocationId("eipalloc-0c").networkInterfaceId("eni-0ccc"));
      ec2.associateAddress(r -> r.allocationId("eipalloc-0d").instanceId("i-0bbb"));
      ec2.disassociateAddress(r -> r.publicIp("198.51.100.4"));
      ec2.disassociateAddress(r -> r.associationId(fake.association("eipalloc-0c").orElseThrow().associationId()));
      fake.faults().describeLag(java.time.Duration.ofHours(1));
      ec2.associateAddress(r -> r.allocationId("eipalloc-0a").networkInterfaceId("eni-0bbb").privateIpAddress("10.0.2.10"));
      ec2.describeAddresses();
      ec2.assignPrivateIpAddresses(r -> r.networkInterfaceId("eni-0ccc").secondaryPrivateIpAddressCount(2));
      ec2.assignPrivateIpAddresses(r -> r.networkInterfaceId("eni-0ccc").privateIpAddresses("10.0.3.40"));
      ec2.assignPrivateIpAddresses(r -> r.networkInterfaceId("eni-0aaa").privateIpAddresses("10.0.1.50"));
      ec2.describeNetworkInterfaces();
      ec2.describeNetworkInterfaces(r -> r.networkInterfaceIds("eni-0aaa", "eni-0bbb"));
      ec2.describeNetworkInterfaces(r -> r.filters(Filter.builder().name("addresses.association.public-ip").values("198.51.*").build()));
      fake.maxPageSize(2);
      ec2.describeNetworkInterfacesPaginator(r -> r.maxResults(5)).networkInterfaces().forEach(n -> { });
      ec2.describeInstanceStatusPaginator(r -> r.includeAllInstances(true)).instanceStatuses().forEach(s -> { });
      ec2.describeInstanceStatus();
      ec2.describeInstanceStatus(r -> r.instanceIds("i-0bbb", "i-0ccc").includeAllInstances(true));
    }

    private void errors(Ec2Client ec2) {
      expect(() -> ec2.associateAddress(r -> r.dryRun(true).allocationId("eipalloc-0d").networkInterfaceId("eni-0aaa")));
      expect(() -> ec2.associateAddress(r -> r.allocationId("eipalloc-0f").networkInterfaceId("eni-0aaa")));
      expect(() -> ec2.associateAddress(r -> r.allocationId("eipalloc-0d").networkInterfaceId("eni-0fff")));
      expect(() -> ec2.associateAddress(r -> r.allocationId("eipalloc-0d").instanceId("i-0aaa")));
      expect(() -> ec2.associateAddress(r -> r.allocationId("eipalloc-0d").instanceId("i-0fff")));
      expect(() -> ec2.associateAddress(r -> r.allocationId("eipalloc-0d").instanceId("i-0bbb").networkInterfaceId("eni-0bbb")));
      expect(() -> ec2.associateAddress(r -> r.allocationId("eipalloc-0b").networkInterfaceId("eni-0aaa").allowReassociation(false)));
      expect(() -> ec2.associateAddress(r -> r.allocationId("eipalloc-0d").networkInterfaceId("eni-0aaa").privateIpAddress("10.9.9.9")));
      expect(() -> ec2.associateAddress(r -> r.networkInterfaceId("eni-0aaa")));
      expect(() -> ec2.disassociateAddress(r -> r.associationId("eipassoc-0fff")));
      expect(() -> ec2.describeAddresses(r -> r.publicIps("192.0.2.1")));
      expect(() -> ec2.describeNetworkInterfaces(r -> r.maxResults(5).networkInterfaceIds("eni-0aaa")));
      expect(() -> ec2.describeNetworkInterfaces(r -> r.maxResults(5).nextToken("bogus")));
      expect(() -> ec2.describeInstanceStatus(r -> r.filters(Filter.builder().name("no-such-filter").values("x").build())));
      expect(() -> ec2.assignPrivateIpAddresses(r -> r.networkInterfaceId("eni-0ccc").ipv4PrefixCount(1)));
      expect(() -> ec2.assignPrivateIpAddresses(r -> r.networkInterfaceId("eni-0ccc").secondaryPrivateIpAddressCount(9)));
      fake.addNetworkInterface("eni-0a3", "i-0ddd", "10.0.1.60", List.of(), Map.of());
      expect(() -> ec2.assignPrivateIpAddresses(r -> r.networkInterfaceId("eni-0a3").privateIpAddresses("10.0.1.50")));
      fillSubnet("10.0.200.");
      expect(() -> ec2.assignPrivateIpAddresses(r -> r.networkInterfaceId("eni-fill25").secondaryPrivateIpAddressCount(1)));
      fake.faults().deny("DescribeAddresses");
      expect(ec2::describeAddresses);
      fake.faults().clear();
      fake.faults().throttleNext(1);
      expect(ec2::describeAddresses);
      fake.faults().internalErrorNext(1);
      expect(ec2::describeAddresses);
      raw.signed(RawEc2.params("DescribeAddresses", "Bogus", "1"), "us-east-1", "K", Ec2Fake.TEST_SECRET);
      raw.signed(RawEc2.params("RunInstances"), "us-east-1", "K", Ec2Fake.TEST_SECRET);
      raw.signed(RawEc2.params("DescribeAddresses"), "us-east-1", "K", "wrong-secret");
      raw.unsigned(RawEc2.params("DescribeAddresses"));
      raw.withAuthorization(RawEc2.params("DescribeAddresses"), "AWS4-HMAC-SHA256 Credential=K", "20260101T000000Z");
    }

    /** Every usable address of {@code prefix}0/24 on ENIs of one instance (ten each, the fake's limit). */
    private void fillSubnet(String prefix) {
      fake.addInstance("i-0f11", "us-east-1a");
      List<String> hosts = new ArrayList<>();
      for (int h = 4; h <= 254; h++) {
        hosts.add(prefix + h);
      }
      for (int i = 0; i * 10 < hosts.size(); i++) {
        List<String> ips = hosts.subList(i * 10, Math.min(hosts.size(), i * 10 + 10));
        fake.addNetworkInterface("eni-fill" + i, "i-0f11", ips.get(0), ips.subList(1, ips.size()), Map.of());
      }
    }

    private static void expect(Runnable call) {
      assertThrows(Ec2Exception.class, call::run);
    }
  }
}
