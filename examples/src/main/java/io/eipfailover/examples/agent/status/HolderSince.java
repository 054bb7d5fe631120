package io.eipfailover.examples.agent.status;

import io.eipfailover.core.ClusterTopology;
import io.eipfailover.core.ElasticIp;
import io.eipfailover.core.ObservedAssociation;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Since when each EIP has been where this node last saw it (holder node and private IP), for the
 * "home or away, since when" of the status view. EC2 does not say when an association was made, so
 * this is when this node first observed it, to the resolution of its describes (every resync, and
 * around every takeover). Feed it every snapshot; thread-safe (synchronized).
 */
public final class HolderSince {
  private record Seen(String where, Instant since) {}

  private final Map<String, Seen> seen = new HashMap<>();

  /** Notes the observations at {@code now}; returns since when each EIP is where it is. */
  public synchronized Map<String, Instant> update(ClusterTopology topology, Map<String, ObservedAssociation> observed,
      Instant now) {
    Map<String, Instant> out = new HashMap<>();
    for (ElasticIp eip : topology.elasticIps()) {
      ObservedAssociation o = observed.get(eip.allocationId());
      if (o == null) {
        continue;
      }
      String where = o.isAssociated() ? o.privateIp().orElse("") : "-";
      Seen old = seen.get(eip.allocationId());
      if (old == null || !old.where().equals(where)) {
        old = new Seen(where, now);
        seen.put(eip.allocationId(), old);
      }
      out.put(eip.allocationId(), old.since());
    }
    return out;
  }

  /** The last answer for {@code allocationId}, without a new observation. */
  public synchronized Optional<Instant> since(String allocationId) {
    return Optional.ofNullable(seen.get(allocationId)).map(Seen::since);
  }
}
