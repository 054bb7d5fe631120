package io.eipfailover.core.internal.strategy;

import io.eipfailover.core.NodeId;
import java.util.AbstractList;
import java.util.List;
import java.util.Objects;

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

  private Rendezvous() {}

  /** The weight of {@code node} for the EIP {@code allocationId}. */
  public static long weight(String allocationId, NodeId node) {
    byte[] buffer = new byte[allocationId.length() + 1 + NodeId.MAX_LENGTH];
    int prefix = writeAscii(allocationId, buffer, 0);
    buffer[prefix] = 0;
    return weight(buffer, prefix + 1, node);
  }

  /**
   * {@code nodes} ordered by descending weight for {@code allocationId}: each weight is hashed once,
   * and the order is produced lazily (a selection step per element read), because a placement
   * usually reads only the first candidate of each orphaned EIP.
   */
  public static List<NodeId> rank(String allocationId, List<NodeId> nodes) {
    int n = nodes.size();
    byte[] buffer = new byte[allocationId.length() + 1 + NodeId.MAX_LENGTH];
    int prefix = writeAscii(allocationId, buffer, 0);
    buffer[prefix] = 0;
    long[] weights = new long[n];
    for (int i = 0; i < n; i++) {
      weights[i] = weight(buffer, prefix + 1, nodes.get(i));
    }
    return new LazyRanking(nodes, weights);
  }

  /** A list that selection-sorts itself up to the highest index read so far. */
  private static final class LazyRanking extends AbstractList<NodeId> {
    private final NodeId[] nodes;
    private final long[] weights;
    private int sorted;

    LazyRanking(List<NodeId> nodes, long[] weights) {
      this.nodes = nodes.toArray(new NodeId[0]);
      this.weights = weights;
    }

    @Override
    public NodeId get(int index) {
      Objects.checkIndex(index, nodes.length);
      while (sorted <= index) {
        int best = sorted;
        for (int i = sorted + 1; i < nodes.length; i++) {
          if (before(i, best)) {
            best = i;
          }
        }
        swap(sorted, best);
        sorted++;
      }
      return nodes[index];
    }

    private boolean before(int a, int b) {
      int byWeight = Long.compareUnsigned(weights[a], weights[b]);
      return byWeight != 0 ? byWeight > 0 : nodes[a].compareTo(nodes[b]) < 0;
    }

    private void swap(int a, int b) {
      NodeId n = nodes[a];
      nodes[a] = nodes[b];
      nodes[b] = n;
      long w = weights[a];
      weights[a] = weights[b];
      weights[b] = w;
    }

    @Override
    public int size() {
      return nodes.length;
    }
  }

  /** Hashes {@code buffer[0, prefixLength)} (allocation id and separator) followed by the node id. */
  private static long weight(byte[] buffer, int prefixLength, NodeId node) {
    int length = writeAscii(node.value(), buffer, prefixLength);
    return Murmur3.hash64(buffer, length, SEED);
  }

  /** Writes ASCII {@code text} at {@code offset}; returns the end offset. Ids are ASCII by validation. */
  private static int writeAscii(String text, byte[] buffer, int offset) {
    for (int i = 0; i < text.length(); i++) {
      buffer[offset + i] = (byte) text.charAt(i);
    }
    return offset + text.length();
  }
}
