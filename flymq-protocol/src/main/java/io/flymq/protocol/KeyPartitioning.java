package io.flymq.protocol;

import java.nio.ByteBuffer;

/**
 * The partition of a keyed record, as the public FlyMQ SDKs and the reference broker compute it
 * (WIRE-V1 16.1): {@code fnv1a32(key) mod partitionCount}, unsigned. The broker (for v1 PRODUCE
 * with partition -1) and the Java client's producer both use this class, so a key lands on the same
 * partition whichever side chooses. Stateless and thread-safe.
 */
public final class KeyPartitioning {
  private static final int FNV_OFFSET_BASIS = 0x811C9DC5;
  private static final int FNV_PRIME = 0x01000193;

  private KeyPartitioning() {}

  /**
   * @param key the key bytes (remaining), not moved; must not be empty
   * @param partitionCount the topic's partition count
   * @return the partition, in {@code [0, partitionCount)}
   * @throws IllegalArgumentException if {@code partitionCount < 1}
   */
  public static int partition(ByteBuffer key, int partitionCount) {
    if (partitionCount < 1) {
      throw new IllegalArgumentException("partitionCount: " + partitionCount + " (expected: >= 1)");
    }
    return Integer.remainderUnsigned(fnv1a32(key), partitionCount);
  }

  /** FNV-1a, 32 bits, over the remaining bytes of {@code key} (its position is unchanged). */
  public static int fnv1a32(ByteBuffer key) {
    int hash = FNV_OFFSET_BASIS;
    for (int i = key.position(); i < key.limit(); i++) {
      hash ^= key.get(i) & 0xFF;
      hash *= FNV_PRIME;
    }
    return hash;
  }
}
