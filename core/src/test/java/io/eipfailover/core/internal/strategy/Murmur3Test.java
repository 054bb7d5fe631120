package io.eipfailover.core.internal.strategy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.common.hash.Hashing;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

class Murmur3Test {
  @Property(tries = 2000)
  void equalsGuavasMurmur3For64BitsOfAnyInput(
      @ForAll @Size(max = 80) byte[] data, @ForAll @IntRange(min = 0, max = Integer.MAX_VALUE) int seed) {
    assertEquals(Hashing.murmur3_128(seed).hashBytes(data).asLong(), Murmur3.hash64(data, data.length, seed));
  }
}
