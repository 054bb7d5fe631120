package io.eipfailover.examples.agent.hooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.eipfailover.core.AnnouncedStatus;
import io.eipfailover.core.AttachmentPoint;
import io.eipfailover.core.ElasticIp;
import io.eipfailover.core.ElasticIpManagerException;
import io.eipfailover.core.NodeId;
import io.eipfailover.core.event.LocalStatusChanged;
import io.eipfailover.core.event.TakeoverFailed;
import io.eipfailover.core.event.TakeoverStarted;
import io.eipfailover.core.event.ViewChanged;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What a hook is given for each event: fields, lane, environment and JSON. */
class HookCallTest {
  static final NodeId LB1 = NodeId.of("lb1");
  static final NodeId LB2 = NodeId.of("lb2");
  static final ElasticIp EIP2 = new ElasticIp("eipalloc-2", "203.0.113.20", LB2);
  static final Instant AT = Instant.parse("2024-05-01T12:00:00Z");
  static final AttachmentPoint RESERVED = AttachmentPoint.reserved("eni-1", "10.0.1.11");

  @Test
  void takeoverStartedCarriesTheEipBothNodesAndTheTarget() {
    HookCall c = HookCall.of(new TakeoverStarted(LB1, AT, EIP2, Optional.of(LB2), RESERVED, "lb2 is DEAD"), "web-lb",
        false).orElseThrow();
    assertEquals(HookEvent.TAKEOVER_STARTED, c.event());
    assertEquals("eipalloc-2", c.lane(), "EIP events run in their EIP's lane");
    assertEquals("takeover-started", c.environment().get("EIPFAILOVER_EVENT"));
    assertEquals("web-lb", c.environment().get("EIPFAILOVER_CLUSTER"));
    assertEquals("lb1", c.environment().get("EIPFAILOVER_NODE"));
    assertEquals("2024-05-01T12:00:00Z", c.environment().get("EIPFAILOVER_AT"));
    assertEquals("eipalloc-2", c.environment().get("EIPFAILOVER_ALLOCATION_ID"));
    assertEquals("203.0.113.20", c.environment().get("EIPFAILOVER_PUBLIC_IP"));
    assertEquals("lb2", c.environment().get("EIPFAILOVER_HOME"));
    assertEquals("lb2", c.environment().get("EIPFAILOVER_FROM"));
    assertEquals("lb1", c.environment().get("EIPFAILOVER_TO"));
    assertEquals("10.0.1.11", c.environment().get("EIPFAILOVER_PRIVATE_IP"));
    assertEquals("eni-1", c.environment().get("EIPFAILOVER_NETWORK_INTERFACE_ID"));
    assertEquals("false", c.environment().get("EIPFAILOVER_DRY_RUN"));
    assertEquals("{\"event\":\"takeover-started\",\"cluster\":\"web-lb\",\"node\":\"lb1\",\"at\":\"2024-05-01T12:00:00Z\","
        + "\"dryRun\":false,\"allocationId\":\"eipalloc-2\",\"publicIp\":\"203.0.113.20\",\"home\":\"lb2\","
        + "\"from\":\"lb2\",\"to\":\"lb1\",\"privateIp\":\"10.0.1.11\",\"networkInterfaceId\":\"eni-1\","
        + "\"reason\":\"lb2 is DEAD\"}", c.json());
  }

  @Test
  void failedTakeoverAndLocalStatusCarryTheirDetails() {
    HookCall f = HookCall.of(new TakeoverFailed(LB1, AT, EIP2, RESERVED, ElasticIpManagerException.Kind.RETRYABLE,
        "Request \"limit\"\nexceeded", Duration.ofMillis(800)), "c", true).orElseThrow();
    assertEquals("RETRYABLE", f.environment().get("EIPFAILOVER_ERROR_KIND"));
    assertEquals("800", f.environment().get("EIPFAILOVER_RETRY_IN_MS"));
    assertEquals("true", f.environment().get("EIPFAILOVER_DRY_RUN"));
    assertTrue(f.json().contains("\"error\":\"Request \\\"limit\\\"\\nexceeded\",\"retryInMs\":800"), f.json());
    HookCall l = HookCall.of(new LocalStatusChanged(LB1, AT, AnnouncedStatus.UNHEALTHY, "http 503"), "c", false)
        .orElseThrow();
    assertEquals("node", l.lane(), "peer and local events share the node lane");
    assertEquals("UNHEALTHY", l.environment().get("EIPFAILOVER_STATUS"));
    assertEquals("http 503", l.environment().get("EIPFAILOVER_REASON"));
  }

  @Test
  void eventsWithoutAHookEventMakeNoCall() {
    assertTrue(HookCall.of(new ViewChanged(LB1, AT, null), "c", false).isEmpty());
  }
}
