package io.eipfailover.examples.e2e;

import io.eipfailover.aws.testing.Ec2Fake;
import io.eipfailover.aws.testing.FakeAssociation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The Elastic IP data plane of the stage: in the cloud namespace, PREROUTING rule {@code i} DNATs
 * public IP {@code i} to the private IP the EC2 fake associates it with right now (or lets it fall
 * to the unreachable route when unassociated). A daemon thread reads the fake's true associations
 * every 20 ms and rewrites a rule the moment its association changes, recording each change as a
 * {@link Move}. Connections already tracked keep their old target (as established flows do when
 * an EIP moves on AWS); new connections follow the new rule. Thread-safe.
 */
final class DataPlane implements AutoCloseable {
  /** An observed change of an EIP's private IP (null = unassociated), at wall-clock {@code atMillis}. */
  record Move(long atMillis, String allocationId, String from, String to) {}

  private final Ec2Fake fake;
  private final String cloudNs;
  private final Map<String, String> publicIps;
  private final Map<String, String> current = new LinkedHashMap<>();
  private final List<Move> moves = new ArrayList<>();
  private final Thread thread;
  private volatile boolean closed;
  private volatile String lastError;

  private DataPlane(Ec2Fake fake, String cloudNs, Map<String, String> publicIps) {
    this.fake = fake;
    this.cloudNs = cloudNs;
    this.publicIps = new LinkedHashMap<>(publicIps);
    this.thread = new Thread(this::loop, "e2e-data-plane");
    this.thread.setDaemon(true);
  }

  /** Installs one rule per EIP (allocation id → public IP, in order) and starts following the fake. */
  static DataPlane start(Ec2Fake fake, String cloudNs, Map<String, String> publicIps) {
    DataPlane d = new DataPlane(fake, cloudNs, publicIps);
    for (Map.Entry<String, String> e : d.publicIps.entrySet()) {
      Sh.in(cloudNs, "iptables -t nat -A PREROUTING -d " + e.getValue() + "/32 -j RETURN");
      d.current.put(e.getKey(), null);
    }
    d.sync(false);
    d.thread.start();
    return d;
  }

  private void loop() {
    while (!closed) {
      try {
        sync(true);
        lastError = null;
      } catch (RuntimeException e) {
        lastError = e.toString();
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  private synchronized void sync(boolean record) {
    int rule = 1;
    for (Map.Entry<String, String> e : publicIps.entrySet()) {
      String alloc = e.getKey();
      String ip = fake.association(alloc).map(FakeAssociation::privateIp).orElse(null);
      String before = current.get(alloc);
      if (!Objects.equals(ip, before)) {
        String target = ip == null ? "-j RETURN" : "-j DNAT --to-destination " + ip;
        Sh.in(cloudNs, "iptables -t nat -R PREROUTING " + rule + " -d " + e.getValue() + "/32 " + target);
        long now = System.currentTimeMillis();
        current.put(alloc, ip);
        if (record) {
          moves.add(new Move(now, alloc, before, ip));
        }
      }
      rule++;
    }
  }

  /** Every change seen since start (the initial installation excluded). */
  synchronized List<Move> moves() {
    return List.copyOf(moves);
  }

  /** The private IP each EIP is DNAT-ed to now. */
  synchronized Map<String, String> current() {
    return new LinkedHashMap<>(current);
  }

  /** The last error applying a rule, or null. */
  String lastError() {
    return lastError;
  }

  @Override
  public void close() {
    closed = true;
    thread.interrupt();
  }
}
