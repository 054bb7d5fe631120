package io.eipfailover.core.internal.strategy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.eipfailover.core.ElasticIp;
import io.eipfailover.core.ObservedAssociation;
import io.eipfailover.core.PlacementInput;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Which points a placement may still use: nobody observed there but the EIP itself, nobody planned there. */
class PointLedgerTest {
  // a (EIP 1) and b (EIP 2), two reserved points each; every EIP observed at home
  private final Scenario s = Scenario.of(2, 2, "a", "b");
  private final ElasticIp eip1 = s.topology.elasticIp(Scenario.eip(1)).orElseThrow();
  private final ElasticIp eip2 = s.topology.elasticIp(Scenario.eip(2)).orElseThrow();

  @Test
  void aPointNobodyIsOnIsFreeAndTheLowestFreeReservedPointIsOffered() {
    PointLedger ledger = new PointLedger(s.input());
    assertTrue(ledger.isFree(s.reserved("b", 0), eip1));
    assertEquals(Optional.of(s.reserved("b", 0)), ledger.freeReserved(Scenario.n("b"), eip1));
    assertTrue(ledger.hasFreeReserved(Scenario.n("b"), eip1));
  }

  @Test
  void aPointIsFreeForTheEipObservedOnItButNotForAnother() {
    PointLedger ledger = new PointLedger(s.atReserved(1, "b", 0).input());
    assertTrue(ledger.isFree(s.reserved("b", 0), eip1), "EIP 1 is there itself");
    assertFalse(ledger.isFree(s.reserved("b", 0), eip2), "EIP 1 is there: EC2 holds one EIP per private IP");
    assertEquals(Optional.of(s.reserved("b", 1)), ledger.freeReserved(Scenario.n("b"), eip2), "the next one up");
    assertFalse(ledger.isFree(s.home(2), eip1), "EIP 2 is observed at b's home");
  }

  @Test
  void twoEipsObservedOnOnePointMakeItFreeForNeither() {
    // a corrupt observation: both on b's first reserved point
    PlacementInput corrupt = s.atReserved(1, "b", 0).atReserved(2, "b", 0).input();
    PointLedger ledger = new PointLedger(corrupt);
    assertFalse(ledger.isFree(s.reserved("b", 0), eip1));
    assertFalse(ledger.isFree(s.reserved("b", 0), eip2));
  }

  @Test
  void unassociatedEipsTakeNoPoint() {
    PointLedger ledger = new PointLedger(s.unassociated(1).unassociated(2).input());
    assertTrue(ledger.isFree(s.home(1), eip2));
    assertTrue(ledger.isFree(s.home(2), eip1));
  }

  @Test
  void aClaimedPointIsTakenForEveryEipIncludingTheOneObservedThere() {
    PointLedger ledger = new PointLedger(s.atReserved(1, "b", 0).input());
    ledger.claim(s.reserved("b", 0));
    assertFalse(ledger.isFree(s.reserved("b", 0), eip1), "planned for someone in this placement");
    assertFalse(ledger.isFree(s.reserved("b", 0), eip2));
    assertTrue(ledger.isFree(s.reserved("b", 1), eip2), "other points are untouched");
  }

  @Test
  void aNodeWithEveryReservedPointTakenOffersNone() {
    PointLedger ledger = new PointLedger(s.input());
    ledger.claim(s.reserved("b", 0));
    ledger.claim(s.reserved("b", 1));
    assertEquals(Optional.empty(), ledger.freeReserved(Scenario.n("b"), eip1));
    assertFalse(ledger.hasFreeReserved(Scenario.n("b"), eip1));
    assertTrue(ledger.hasFreeReserved(Scenario.n("a"), eip2), "a's points are still free");
  }

  @Test
  void pointsAreKeyedByPrivateIpAlone() {
    // an observation naming another ENI with the same private IP still takes the point
    Map<String, ObservedAssociation> observed = new HashMap<>(s.input().observed());
    String ip = s.reserved("b", 0).privateIp();
    observed.put(eip1.allocationId(), ObservedAssociation.associated(eip1.allocationId(), "eipassoc-9", "eni-other", ip));
    PlacementInput input = new PlacementInput(s.topology, s.input().view(), observed, Scenario.NOW);
    assertFalse(new PointLedger(input).isFree(s.reserved("b", 0), eip2));
  }
}
