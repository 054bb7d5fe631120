package io.eipfailover.core.internal.strategy;

/**
 * The first 64 bits of MurmurHash3 x64-128 (Austin Appleby's published algorithm), over a byte
 * range, allocation-free. Equal to Guava's {@code Hashing.murmur3_128(seed).hashBytes(..).asLong()}
 * for non-negative seeds; kept here so rendezvous ranking of thousands of (EIP, node) pairs does
 * not allocate a hasher per pair.
 */
final class Murmur3 {
  private static final long C1 = 0x87c37b91114253d5L;
  private static final long C2 = 0x4cf5ad432745937fL;

  private Murmur3() {}

  static long hash64(byte[] data, int length, int seed) {
    long h1 = seed;
    long h2 = seed;
    int blocks = length / 16;
    for (int b = 0; b < blocks; b++) {
      long k1 = littleEndian(data, b * 16, 8);
      long k2 = littleEndian(data, b * 16 + 8, 8);
      h1 ^= mixK1(k1);
      h1 = Long.rotateLeft(h1, 27) + h2;
      h1 = h1 * 5 + 0x52dce729;
      h2 ^= mixK2(k2);
      h2 = Long.rotateLeft(h2, 31) + h1;
      h2 = h2 * 5 + 0x38495ab5;
    }
    int tail = blocks * 16;
    int rest = length - tail;
    if (rest > 8) {
      h2 ^= mixK2(littleEndian(data, tail + 8, rest - 8));
    }
    if (rest > 0) {
      h1 ^= mixK1(littleEndian(data, tail, Math.min(rest, 8)));
    }
    h1 ^= length;
    h2 ^= length;
    h1 += h2;
    h2 += h1;
    h1 = fmix64(h1);
    h2 = fmix64(h2);
    return h1 + h2;
  }

  private static long littleEndian(byte[] data, int offset, int count) {
    long v = 0;
    for (int i = count - 1; i >= 0; i--) {
      v = (v << 8) | (data[offset + i] & 0xffL);
    }
    return v;
  }

  private static long mixK1(long k1) {
    return Long.rotateLeft(k1 * C1, 31) * C2;
  }

  private static long mixK2(long k2) {
    return Long.rotateLeft(k2 * C2, 33) * C1;
  }

  private static long fmix64(long k) {
    k ^= k >>> 33;
    k *= 0xff51afd7ed558ccdL;
    k ^= k >>> 33;
    k *= 0xc4ceb9fe1a85ec53L;
    k ^= k >>> 33;
    return k;
  }
}
