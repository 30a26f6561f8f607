package io.flymq.server.log;

import io.flymq.protocol.KeyPartitioning;
import java.nio.ByteBuffer;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Chooses the partition of a record produced with "partition = -1", exactly as the public FlyMQ
 * SDKs and the reference broker do (WIRE-V1 16.1): a keyed record goes to {@code fnv1a32(key) mod
 * partitionCount} (unsigned, {@link KeyPartitioning}), a keyless one to the next value of a
 * per-topic round-robin counter that starts at 0 when the broker starts.
 *
 * <p>Thread-safe.
 */
public final class Partitioner {
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
    return KeyPartitioning.partition(key, partitionCount);
  }

  /** Forgets a deleted topic's counter. */
  public void forget(String topic) {
    roundRobin.remove(topic);
  }
}
