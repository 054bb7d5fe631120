package io.eipfailover.aws.testing;

import io.eipfailover.aws.internal.Ipv4Math;
import io.eipfailover.aws.testing.FakeEc2State.Address;
import io.eipfailover.aws.testing.FakeEc2State.Eni;
import io.eipfailover.aws.testing.FakeEc2State.Instance;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * Puts resources into the fake's state directly (no request, no log), checking each argument so
 * a test that seeds something EC2 could not hold fails at once with the bad value named.
 */
final class FakeSeeder {
  private static final List<String> CHECKS = List.of("ok", "impaired", "initializing", "insufficient-data");

  private final FakeEc2State state;
  private final FakeAccount account;
  private final Clock clock;

  FakeSeeder(FakeEc2State state, FakeAccount account, Clock clock) {
    this.state = state;
    this.account = account;
    this.clock = clock;
  }

  void addInstance(String instanceId, String availabilityZone) {
    if (!account.isZone(availabilityZone)) {
      throw new IllegalArgumentException("availabilityZone must be a zone of " + account.region() + " such as "
          + account.region() + "a, was '" + availabilityZone + "'");
    }
    synchronized (state) {
      if (state.instances.containsKey(instanceId)) {
        throw new IllegalArgumentException("duplicate instance '" + instanceId + "'");
      }
      state.instances.put(instanceId, new Instance(instanceId, availabilityZone));
    }
  }

  void addNetworkInterface(String eniId, String instanceId, String primaryIp, List<String> secondaryIps,
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
      String subnet = Ipv4Math.toString(Ipv4Math.toLong(primaryIp) & 0xffffff00L) + "/24";
      Eni eni = new Eni(eniId, instanceId, device, mac, subnet, clock.instant());
      eni.privateIps.add(primaryIp);
      eni.privateIps.addAll(secondaryIps);
      eni.tags.putAll(tags);
      state.enis.put(eniId, eni);
    }
  }

  void addAddress(String allocationId, String publicIp, Map<String, String> tags) {
    synchronized (state) {
      if (state.addresses.containsKey(allocationId)) {
        throw new IllegalArgumentException("duplicate address '" + allocationId + "'");
      }
      Address a = new Address(allocationId, publicIp);
      a.tags.putAll(tags);
      state.addresses.put(allocationId, a);
    }
  }

  void setInstanceState(String instanceId, String stateName) {
    InstanceStatusActions.stateCode(stateName);
    synchronized (state) {
      state.instance(instanceId).state = stateName;
    }
  }

  void setStatusChecks(String instanceId, String systemStatus, String instanceStatus) {
    for (String s : List.of(systemStatus, instanceStatus)) {
      if (!CHECKS.contains(s)) {
        throw new IllegalArgumentException("a status check must be one of " + CHECKS + ", was '" + s + "'");
      }
    }
    synchronized (state) {
      Instance i = state.instance(instanceId);
      i.systemStatus = systemStatus;
      i.instanceStatus = instanceStatus;
    }
  }
}
