package io.eipfailover.examples.agent.statusclient;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The status view and its verdict, from status documents written by hand. */
class StatusViewTest {
  private static final String HEALTHY_PAIR = """
      {"now":"2024-05-01T12:00:00Z","cluster":"web-lb","self":"lb1","running":true,"dryRun":false,
       "localStatus":"ALIVE","view":{"epoch":4,"merged":false,"members":{
         "lb1":{"state":"ALIVE","sinceMs":300000,"lastHeardMs":null},
         "lb2":{"state":"ALIVE","sinceMs":299000,"lastHeardMs":80}}},
       "elasticIps":[
         {"allocationId":"eipalloc-1","publicIp":"203.0.113.10","home":"lb1",
          "observed":{"networkInterfaceId":"eni-1","privateIp":"10.0.1.10","holder":"lb1"},
          "holderSince":"2024-05-01T11:55:00Z","planned":{"node":"lb1","networkInterfaceId":"eni-1","privateIp":"10.0.1.10"}},
         {"allocationId":"eipalloc-2","publicIp":"203.0.113.20","home":"lb2",
          "observed":{"networkInterfaceId":"eni-2","privateIp":"10.0.2.10","holder":"lb2"},
          "holderSince":"2024-05-01T11:59:50Z","planned":{"node":"lb2","networkInterfaceId":"eni-2","privateIp":"10.0.2.10"}}],
       "lastTakeover":null,
       "counters":{"takeovers":0,"takeoverFailures":0,"guardDenials":0,"describeCalls":12,"describeFailures":0,
         "budgetDeferrals":0,"localPauses":0},
       "recent":[],"addedByANewerAgent":{"x":[1,2.5e3,true]}}
      """;

  private static StatusView.View view(String json) {
    return StatusView.render(Json.object(Json.parse(json)));
  }

  @Test
  void healthyPairReadsAtAGlance() {
    StatusView.View v = view(HEALTHY_PAIR);
    assertTrue(v.healthy(), v.text());
    assertTrue(v.text().contains("eip-failover cluster web-lb, seen from lb1 (ALIVE), view 4"), v.text());
    assertTrue(v.text().contains("203.0.113.10") && v.text().contains("on lb1 10.0.1.10  home, since 5 min"), v.text());
    assertTrue(v.text().contains("on lb2 10.0.2.10  home, since 10 s"), v.text());
    assertTrue(v.text().contains("lb2            ALIVE     since 4 min 59 s\n"), v.text());
    assertTrue(v.text().contains("-> lb1 10.0.1.10  (there)"), v.text());
    assertTrue(v.text().contains("LAST 10 MINUTES: 0 guard denial(s), 0 EC2 error(s)"), v.text());
    assertTrue(v.text().endsWith("OK: every node alive, every EIP at home\n"), v.text());
  }

  @Test
  void aPeerThatDoesNotHearUsIsShownAndDegraded() {
    String json = HEALTHY_PAIR.replace("\"lastHeardMs\":80}", "\"lastHeardMs\":80,\"hearsSelf\":\"NO\"}");
    StatusView.View v = view(json);
    assertTrue(v.text().contains("lb2            ALIVE     since 4 min 59 s (does not hear us)\n"), v.text());
    assertEquals(List.of("lb2 does not hear this node"), v.degraded());
    StatusView.View yes = view(HEALTHY_PAIR.replace("\"lastHeardMs\":80}", "\"lastHeardMs\":80,\"hearsSelf\":\"YES\"}"));
    assertTrue(yes.healthy(), yes.text());
  }

  @Test
  void eipAwayFromHomeAndDeadPeerAreDegraded() {
    String json = HEALTHY_PAIR
        .replace("\"lb2\":{\"state\":\"ALIVE\",\"sinceMs\":299000", "\"lb2\":{\"state\":\"DEAD\",\"sinceMs\":9000")
        .replace("\"privateIp\":\"10.0.2.10\",\"holder\":\"lb2\"", "\"privateIp\":\"10.0.1.11\",\"holder\":\"lb1\"")
        .replace("\"lastTakeover\":null", """
            "lastTakeover":{"publicIp":"203.0.113.20","allocationId":"eipalloc-2","from":"lb2","to":"lb1",
             "stepsMs":{"lastHeartbeat":0,"suspected":500,"dead":1000,"guard":1003,"sent":1004,"answered":1180,
             "confirmed":null},"failoverMs":1180,"detectionMs":1000,"reactionMs":180}""")
        .replace("\"recent\":[]", """
            "recent":[{"at":"2024-05-01T11:59:51Z","ageMs":9000,"type":"peer-dead","allocationId":null,
              "publicIp":null,"node":"lb2","detail":"declared dead"},
             {"at":"2024-05-01T11:59:52Z","ageMs":8000,"type":"guard-denied","allocationId":"eipalloc-2",
              "publicIp":"203.0.113.20","node":"lb2","detail":"reachability: no target answered"},
             {"at":"2024-05-01T11:59:53Z","ageMs":7000,"type":"ec2-error","allocationId":null,"publicIp":null,
              "node":null,"detail":"AssociateAddress: RequestLimitExceeded"}]""");
    StatusView.View v = view(json);
    assertFalse(v.healthy());
    assertEquals(List.of("lb2 is DEAD", "203.0.113.20 is away from its home lb2 (on lb1)"), v.degraded());
    assertTrue(v.text().contains("on lb1 10.0.1.11  AWAY from lb2"), v.text());
    assertTrue(v.text().contains("LAST TAKEOVER by this node: 203.0.113.20 from lb2 to lb1, failover 1180 ms"
        + " (detection 1000 ms, reaction 180 ms)"), v.text());
    assertTrue(v.text().contains("lastHeartbeat +0 | suspected +500 | dead +1000 | guard +1003 | sent +1004 |"
        + " answered +1180 (ms)"), v.text());
    assertTrue(v.text().contains("LAST 10 MINUTES: 1 guard denial(s), 1 EC2 error(s)"), v.text());
    assertTrue(v.text().contains("guard-denied     203.0.113.20    reachability: no target answered"), v.text());
    assertTrue(v.text().contains("DEGRADED: lb2 is DEAD; 203.0.113.20 is away from its home lb2 (on lb1)"), v.text());
  }

  @Test
  void unassociatedEipStandbyAndUnhealthySelfAreDegraded() {
    String json = HEALTHY_PAIR.replace("\"localStatus\":\"ALIVE\"", "\"localStatus\":\"UNHEALTHY\"")
        .replace("\"lb2\":{\"state\":\"ALIVE\"", "\"lb2\":{\"state\":\"STANDBY\"")
        .replace("\"observed\":{\"networkInterfaceId\":\"eni-1\",\"privateIp\":\"10.0.1.10\",\"holder\":\"lb1\"}",
            "\"observed\":null");
    StatusView.View v = view(json);
    assertEquals(List.of("lb1 announces UNHEALTHY", "lb2 is STANDBY", "203.0.113.10 is not associated"), v.degraded());
  }

  @Test
  void aMinimalDocumentFromAnOlderAgentStillReads() {
    StatusView.View v = view("{\"cluster\":\"t\",\"self\":\"lb-a\",\"running\":true,\"localStatus\":\"ALIVE\","
        + "\"view\":{\"epoch\":1,\"members\":{\"lb-a\":{\"state\":\"ALIVE\"}}},\"elasticIps\":[]}");
    assertTrue(v.healthy(), v.text());
    assertFalse(v.text().contains("LAST 10 MINUTES"), "no recent section in the document, none shown");
  }

  @Test
  void jsonReaderTakesWhatTheAgentWritesAndRejectsGarbage() {
    Map<String, Object> m = Json.object(Json.parse("{\"a\":\"x\\\"y\\u00e9\",\"b\":[1,-2.5,null,false],\"c\":{}}"));
    assertEquals("x\"y\u00e9", m.get("a"));
    assertEquals(List.of(1L, -2.5, false), Json.array(m.get("b")).stream().filter(java.util.Objects::nonNull).toList());
    assertThrows(IllegalArgumentException.class, () -> Json.parse("{\"a\":1"));
    assertThrows(IllegalArgumentException.class, () -> Json.parse("<html>"));
    assertThrows(IllegalArgumentException.class, () -> Json.parse("{} x"));
  }
}
