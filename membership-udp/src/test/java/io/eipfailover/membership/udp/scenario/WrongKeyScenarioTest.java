package io.eipfailover.membership.udp.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.util.concurrent.MoreExecutors;
import io.eipfailover.core.MemberState;
import io.eipfailover.core.NodeId;
import io.eipfailover.core.testing.VirtualTime;
import io.eipfailover.membership.udp.DropReason;
import io.eipfailover.membership.udp.UdpKeyring;
import io.eipfailover.membership.udp.UdpMembership;
import io.eipfailover.membership.udp.testing.InMemoryNetwork;
import io.eipfailover.membership.udp.testing.RecordingListener;
import io.eipfailover.membership.udp.testing.TestKeys;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Issue 13's wrong key: two real memberships whose secrets differ under the same key id. Each hears
 * the other's host only with bad MACs: neither convicts the other, both flag it; a host that then
 * goes silent is declared dead as usual.
 */
class WrongKeyScenarioTest {
  private static final NodeId A = NodeId.of("a");
  private static final NodeId B = NodeId.of("b");
  private static final UdpKeyring MISTYPED = UdpKeyring.builder().primary(1, "first-secret-key-0123456788").build();

  private final VirtualTime time = new VirtualTime();
  private final InMemoryNetwork net = new InMemoryNetwork(time);

  private UdpMembership start(NodeId self, NodeId peer, UdpKeyring keys, RecordingListener listener) {
    UdpMembership m = UdpMembership.builder().self(self).clusterName("test").configFingerprint(42).keyring(keys)
        .ticker(time.ticker()).clock(time.clock()).transport(net.transport(self))
        .peer(peer, InMemoryNetwork.addressOf(peer)).build();
    m.addListener(listener, MoreExecutors.directExecutor());
    m.start();
    return m;
  }

  @Test
  void neitherSideConvictsTheOtherAndBothSayWhy() {
    RecordingListener seenByA = new RecordingListener();
    RecordingListener seenByB = new RecordingListener();
    UdpMembership a = start(A, B, TestKeys.k1(), seenByA);
    UdpMembership b = start(B, A, MISTYPED, seenByB);
    net.run(Duration.ofSeconds(30));
    assertFalse(seenByA.statesOf(B).contains(MemberState.DEAD), "a never convicts b: " + seenByA.statesOf(B));
    assertFalse(seenByB.statesOf(A).contains(MemberState.DEAD), "b never convicts a: " + seenByB.statesOf(A));
    assertTrue(a.view().peer(B).isUnauthenticated() && b.view().peer(A).isUnauthenticated());
    assertEquals(MemberState.SUSPECT, a.view().stateOf(B));
    assertTrue(a.counters().authFailures().get(B).get(DropReason.BAD_MAC) > 250, a.counters().toString());
    assertEquals(0, a.counters().accepted());

    net.hostDown(B, true);
    net.run(Duration.ofMillis(1_100));
    assertEquals(MemberState.DEAD, a.view().stateOf(B), "a host gone silent is dead after the deadtime, as ever");
    assertFalse(a.view().peer(B).isUnauthenticated());
  }

  @Test
  void fixingTheKeyHealsWithoutAnyDeath() {
    RecordingListener seenByA = new RecordingListener();
    UdpMembership a = start(A, B, TestKeys.k1(), seenByA);
    UdpMembership b = start(B, A, MISTYPED, new RecordingListener());
    net.run(Duration.ofSeconds(5));
    b.updateKeyring(TestKeys.k1());
    net.run(Duration.ofMillis(300));
    assertEquals(MemberState.ALIVE, a.view().stateOf(B));
    assertEquals(MemberState.ALIVE, b.view().stateOf(A));
    assertFalse(a.view().peer(B).isUnauthenticated());
    assertFalse(seenByA.statesOf(B).contains(MemberState.DEAD));
  }
}
