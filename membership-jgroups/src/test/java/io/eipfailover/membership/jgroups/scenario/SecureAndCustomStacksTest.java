package io.eipfailover.membership.jgroups.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.eipfailover.core.EipFailoverException;
import io.eipfailover.core.MemberState;
import io.eipfailover.core.NodeId;
import io.eipfailover.core.testing.Await;
import io.eipfailover.core.testing.LoopbackPorts;
import io.eipfailover.membership.jgroups.JGroupsMembership;
import io.eipfailover.membership.jgroups.JGroupsSecurity;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import javax.crypto.KeyGenerator;
import org.jgroups.JChannel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Encryption and AUTH on the default stack; a user XML stack; an injected channel. */
class SecureAndCustomStacksTest {
  private static final Duration WAIT = Duration.ofSeconds(15);
  private static final char[] SECRET = "correct horse battery staple".toCharArray();

  @TempDir Path dir;

  private Path keystore(String name) throws Exception {
    char[] pw = "changeit".toCharArray();
    KeyStore ks = KeyStore.getInstance("PKCS12");
    ks.load(null, pw);
    KeyGenerator gen = KeyGenerator.getInstance("AES");
    gen.init(128);
    ks.setEntry("eip", new KeyStore.SecretKeyEntry(gen.generateKey()), new KeyStore.PasswordProtection(pw));
    Path file = dir.resolve(name);
    try (var out = Files.newOutputStream(file)) {
      ks.store(out, pw);
    }
    return file;
  }

  private static JGroupsSecurity symmetric(Path keystore) {
    return JGroupsSecurity.symmetric(keystore, "PKCS12", "changeit".toCharArray(), "eip");
  }

  @Test
  void symmetricEncryptionWithAuthFormsAViewAndRefusesAWrongSecret() throws Exception {
    Path ks = keystore("cluster.p12");
    try (LoopbackCluster c = new LoopbackCluster(3)) {
      JGroupsSecurity security = symmetric(ks).withAuthSecret(SECRET);
      c.start("n1", c.builderFor(c.member("n1"), c.topology).security(security));
      c.start("n2", c.builderFor(c.member("n2"), c.topology).security(security));
      c.await("n1", v -> v.stateOf(NodeId.of("n2")) == MemberState.ALIVE, WAIT, "n2 ALIVE over SYM_ENCRYPT+AUTH");
      c.await("n2", v -> v.stateOf(NodeId.of("n1")) == MemberState.ALIVE, WAIT, "n1 ALIVE over SYM_ENCRYPT+AUTH");

      JGroupsSecurity wrong = symmetric(ks).withAuthSecret("not the cluster secret".toCharArray());
      assertThrows(EipFailoverException.class,
          () -> c.start("n3", c.builderFor(c.member("n3"), c.topology).security(wrong)), "AUTH refuses the join");
      // start() returned only after the refused join: whatever n1 saw of it is in its history
      assertEquals(MemberState.DEAD, c.member("n1").view().stateOf(NodeId.of("n3")));
      assertTrue(c.member("n1").recorder.views.stream().allMatch(v -> v.stateOf(NodeId.of("n3")) == MemberState.DEAD),
          "n3 never appeared in n1's views");
    }
  }

  @Test
  void aMemberWithAnotherKeyNeverJoins() throws Exception {
    try (LoopbackCluster c = new LoopbackCluster(2)) {
      c.start("n1", c.builderFor(c.member("n1"), c.topology).security(symmetric(keystore("a.p12"))));
      c.start("n2", c.builderFor(c.member("n2"), c.topology).security(symmetric(keystore("b.p12"))));
      // Evidence that the two kept trying (discovery, merge rounds) before we look: messages from
      // the other member reached each stack, below the decryption that rejects them.
      long n1Before = c.member("n1").received.fromOthers();
      long n2Before = c.member("n2").received.fromOthers();
      Await.until("n1 receives more traffic from n2", WAIT, () -> c.member("n1").received.fromOthers() >= n1Before + 3,
          () -> c.member("n1").received.fromOthers() + " messages, " + n1Before + " before");
      Await.until("n2 receives more traffic from n1", WAIT, () -> c.member("n2").received.fromOthers() >= n2Before + 3,
          () -> c.member("n2").received.fromOthers() + " messages, " + n2Before + " before");
      for (String n : List.of("n1", "n2")) {
        String other = n.equals("n1") ? "n2" : "n1";
        assertTrue(c.member(n).recorder.views.stream().allMatch(v -> v.stateOf(NodeId.of(other)) == MemberState.DEAD),
            () -> n + " never saw " + other + ": " + c.member(n).recorder.views);
      }
    }
  }

  @Test
  void asymmetricEncryptionWithAuthFormsAViewAndSurvivesAPartition() {
    try (LoopbackCluster c = new LoopbackCluster(3)) {
      JGroupsSecurity security = JGroupsSecurity.asymmetric().withAuthSecret(SECRET);
      for (String n : List.of("n1", "n2", "n3")) {
        c.start(n, c.builderFor(c.member(n), c.topology).security(security));
      }
      c.await("n1", v -> v.count(MemberState.ALIVE) == 3, WAIT, "everyone ALIVE over ASYM_ENCRYPT");
      c.await("n3", v -> v.count(MemberState.ALIVE) == 3, WAIT, "everyone ALIVE over ASYM_ENCRYPT");
      c.partition(java.util.Set.of("n1"), java.util.Set.of("n2", "n3"));
      c.await("n1", v -> v.stateOf(NodeId.of("n2")) == MemberState.DEAD, WAIT, "n2 DEAD while cut off");
      c.heal();
      c.await("n1", v -> v.count(MemberState.ALIVE) == 3, WAIT, "the merged group (new group key distributed)");
      c.await("n2", v -> v.count(MemberState.ALIVE) == 3, WAIT, "the merged group");
    }
  }

  private static String xmlStack(int port, int peerPort) {
    return """
        <config xmlns="urn:org:jgroups">
          <TCP bind_addr="127.0.0.1" bind_port="%d" port_range="0"/>
          <TCPPING initial_hosts="127.0.0.1[%d],127.0.0.1[%d]" port_range="0"/>
          <MERGE3 min_interval="300" max_interval="900"/>
          <FD_SOCK2/>
          <FD_ALL3 timeout="400" interval="100"/>
          <VERIFY_SUSPECT2 timeout="200"/>
          <pbcast.NAKACK2 use_mcast_xmit="false"/>
          <UNICAST3/>
          <pbcast.STABLE/>
          <pbcast.GMS join_timeout="600" print_local_addr="false"/>
        </config>
        """.formatted(port, port, peerPort);
  }

  @Test
  void anXmlStackAndAnInjectedChannelWorkAndTheInjectedChannelIsNotClosed() throws Exception {
    var topology = LoopbackCluster.topology("xml", 2, 0);
    int p1 = LoopbackPorts.reserve();
    int p2 = LoopbackPorts.reserve();
    Path file = Files.writeString(dir.resolve("stack.xml"), xmlStack(p1, p2));
    JChannel injected = new JChannel(new ByteArrayInputStream(xmlStack(p2, p1).getBytes(StandardCharsets.UTF_8)));
    try (JGroupsMembership m1 = JGroupsMembership.builder().self(NodeId.of("n1")).topology(topology)
            .clusterName("xml-" + p1).stackFile(file).build();
        JGroupsMembership m2 = JGroupsMembership.builder().self(NodeId.of("n2")).topology(topology)
            .clusterName("xml-" + p1).channel(injected).build()) {
      m1.start();
      m2.start();
      Await.until("n1 and n2 see each other ALIVE", WAIT,
          () -> m1.view().stateOf(NodeId.of("n2")) == MemberState.ALIVE && m2.view().stateOf(NodeId.of("n1")) == MemberState.ALIVE,
          () -> m1.view() + " / " + m2.view());
      assertEquals("n2", injected.getName(), "the injected channel is named after the node");
      m2.close();
      assertFalse(injected.isConnected(), "close() leaves the cluster");
      assertFalse(injected.isClosed(), "but never closes an injected channel");
      Await.value("n1 sees n2's graceful leave", WAIT, m1::view, v -> v.stateOf(NodeId.of("n2")) == MemberState.DEAD);
    } finally {
      injected.close();
    }
    assertTrue(injected.isClosed());
  }
}
