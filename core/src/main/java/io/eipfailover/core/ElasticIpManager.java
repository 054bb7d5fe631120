package io.eipfailover.core;

import java.util.Collection;
import java.util.Map;

/**
 * The cloud side: reads where Elastic IPs are associated and moves them. The AWS implementation
 * lives in the {@code aws} module; the core test kit has a simulated one.
 *
 * <p>Calls block until answered or failed; implementations set their own time-outs and throw
 * {@link ElasticIpManagerException} with a {@link ElasticIpManagerException.Kind}. Implementations
 * are thread-safe.
 */
public interface ElasticIpManager {
  /**
   * Describes all the given EIPs in one call.
   *
   * @return one entry per requested allocation id
   * @throws ElasticIpManagerException on failure
   */
  Map<String, ObservedAssociation> describe(Collection<ElasticIp> elasticIps);

  /**
   * Associates {@code elasticIp} with {@code target} in one call, moving it from wherever it was
   * (EC2 {@code AllowReassociation=true}); never disassociates first.
   *
   * @return the new association id
   * @throws ElasticIpManagerException on failure
   */
  String associate(ElasticIp elasticIp, AttachmentPoint target);
}
