package io.flymq.server.log;

import java.nio.ByteBuffer;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Chooses the partition of a record produced with "partition = -1", exactly as the public FlyMQ
 * SDKs and the reference broker do (WIRE-V1 16.1): a keyed record goes to {@code fnv1a32(key) mod
 * partitionCount} (unsigned), a keyless one to the next value of a per-topic round-robin counter
 * that starts at 0 when the broker starts.
 *
 * <p>Thread-safe.
 */
public final class Partitioner {
  private static final int FNV_OFFSET_BASIS = 0x811C9DC5;
  private static final int FNV_PRIME = 0x01000193;

  private final ConcurrentHashMap<String, AtomicInteger> roundRobin = new ConcurrentHashMap<>();

  /**
   * @param key the raw key bytes; null or empty means keyless
   * @throws IllegalArgumentException if {@code partitionCount < 1}
   */
  public int partition(String topic, ByteBuffer key, int partitionCount) {
    if (partitionCount < 1) {
      throw new IllegalArgumentException("partitionCount: " + partitionCount + " (expected: >= 1)");
    }
    if (key == null || !key.hasRemaining()) {
      int n = roundRobin.computeIfAbsent(topic, t -> new AtomicInteger()).getAndIncrement();
      return Integer.remainderUnsigned(n, partitionCount);
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

  /** Forgets a deleted topic's counter. */
  public void forget(String topic) {
    roundRobin.remove(topic);
  }
}
