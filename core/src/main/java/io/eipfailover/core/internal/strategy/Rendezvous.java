package io.eipfailover.core.internal.strategy;

import com.google.common.hash.HashFunction;
import com.google.common.hash.Hashing;
import io.eipfailover.core.NodeId;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Rendezvous (highest-random-weight) hashing of an EIP over nodes. The weight of (EIP, node) is the
 * first 64 bits of MurmurHash3 x64-128 with seed {@value #SEED} over the allocation id, a zero byte
 * and the node id (both US-ASCII), compared as unsigned; ties, which need a 64-bit collision, go to
 * the smaller node id. MurmurHash3 is a fixed published algorithm, so every JVM and every release
 * ranks the same way: nodes of a mixed-version cluster agree.
 *
 * <p>Why rendezvous: each EIP ranks every node independently, so losing a node spreads its EIPs
 * over all survivors, and a node's return changes the first choice only of EIPs that rank it first.
 */
public final class Rendezvous {
  /** The fixed seed; changing it would make old and new nodes disagree. */
  public static final int SEED = 0x45495046; // "EIPF"

  private static final HashFunction HASH = Hashing.murmur3_128(SEED);

  private Rendezvous() {}

  /** The weight of {@code node} for the EIP {@code allocationId}. */
  public static long weight(String allocationId, NodeId node) {
    return HASH.newHasher()
        .putString(allocationId, StandardCharsets.US_ASCII)
        .putByte((byte) 0)
        .putString(node.value(), StandardCharsets.US_ASCII)
        .hash()
        .asLong();
  }

  /** {@code nodes} ordered by descending weight for {@code allocationId}. */
  public static List<NodeId> rank(String allocationId, List<NodeId> nodes) {
    List<NodeId> ranked = new ArrayList<>(nodes);
    Comparator<NodeId> byWeight =
        (a, b) -> Long.compareUnsigned(weight(allocationId, b), weight(allocationId, a));
    ranked.sort(byWeight.thenComparing(Comparator.naturalOrder()));
    return ranked;
  }
}
