package io.eipfailover.benchmarks.jmh;

import io.eipfailover.core.AttachmentPoint;
import io.eipfailover.core.ElasticIp;
import io.eipfailover.core.ElasticIpManager;
import io.eipfailover.core.ObservedAssociation;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An in-memory {@link ElasticIpManager} over a map, with call counters: the cheapest possible EC2,
 * so that a benchmark of a reconciler pass measures the planning and not the I/O. Thread-safe.
 */
final class MapElasticIpManager implements ElasticIpManager {
  private final Map<String, ObservedAssociation> state;
  private final AtomicLong describes = new AtomicLong();
  private final AtomicLong associates = new AtomicLong();

  MapElasticIpManager(Map<String, ObservedAssociation> initial) {
    this.state = new ConcurrentHashMap<>(initial);
  }

  @Override
  public Map<String, ObservedAssociation> describe(Collection<ElasticIp> elasticIps) {
    describes.incrementAndGet();
    Map<String, ObservedAssociation> result = new HashMap<>(elasticIps.size() * 2);
    for (ElasticIp eip : elasticIps) {
      String id = eip.allocationId();
      result.put(id, state.getOrDefault(id, ObservedAssociation.unassociated(id)));
    }
    return result;
  }

  @Override
  public String associate(ElasticIp elasticIp, AttachmentPoint target) {
    long n = associates.incrementAndGet();
    String associationId = "eipassoc-b" + n;
    state.put(elasticIp.allocationId(), ObservedAssociation.associated(
        elasticIp.allocationId(), associationId, target.networkInterfaceId(), target.privateIp()));
    return associationId;
  }

  long describes() {
    return describes.get();
  }

  long associates() {
    return associates.get();
  }
}
