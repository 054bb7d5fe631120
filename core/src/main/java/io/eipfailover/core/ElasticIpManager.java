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
   * Describes all the given EIPs in one call. An associated EIP's entry carries its current
   * association id ({@link ObservedAssociation#associationId()}), the id {@link #associate}
   * returned for that association. The answer may lag behind recent associates (EC2 is
   * eventually consistent); the reconciler allows for that.
   *
   * @return one entry per requested allocation id
   * @throws ElasticIpManagerException on failure
   */
  Map<String, ObservedAssociation> describe(Collection<ElasticIp> elasticIps);

  /**
   * Associates {@code elasticIp} with {@code target} in one call, moving it from wherever it was
   * (EC2 {@code AllowReassociation=true}); never disassociates first.
   *
   * <p>Returns the new association's id, a fresh one for every call, also when the EIP was (or had
   * been) at {@code target} before, as EC2's {@code eipassoc-…} ids are; {@link #describe} must
   * report the same id. The reconciler confirms its move only by a describe that shows this id: a
   * lagging describe showing an earlier association at the same point is the past, not this move.
   * An implementation that has no ids may return {@code null} or an empty string; the move is then
   * confirmed by its point alone, which such a lagging describe can fool, so the move may be sent a
   * second time (harmless on EC2: the EIP is re-associated to the same point).
   *
   * @return the new association id, or {@code null} or empty if the implementation has none
   * @throws ElasticIpManagerException on failure
   */
  String associate(ElasticIp elasticIp, AttachmentPoint target);
}
