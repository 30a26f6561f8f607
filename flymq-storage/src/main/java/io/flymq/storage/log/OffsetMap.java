package io.flymq.storage.log;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Key -> latest offset, built by a cleaning over the dirty part of a compacted log. Keys are not
 * stored: each is represented by the first 128 bits of its SHA-256 digest. Two distinct keys
 * collide with probability about n^2 / 2^129 for n keys (below 10^-20 for a billion keys), and,
 * SHA-256 being collision resistant, a producer cannot craft a key that collides with another's to
 * have its record removed (MD5, which Kafka uses, would allow that). A collision could only make
 * compaction drop the older of two records of different keys.
 *
 * <pre>
 * slot (3 longs, 24 bytes): | hash bits 0-63 | hash bits 64-127 | offset + 1 (0 = empty) |
 * </pre>
 *
 * Open addressing with linear probing in a power-of-two table that doubles when 75% full, up to the
 * slots needed for {@code maxKeys}; memory is therefore bounded by about 32 bytes per key, and
 * {@link #put} reports when the map is full.
 *
 * <p>Not thread-safe: one cleaning owns one map.
 */
final class OffsetMap {
  /** Default key bound: 786,432 keys, a table of 2^20 slots (24 MiB). */
  static final int DEFAULT_MAX_KEYS = 3 << 18;

  /** Largest key bound: the table (3 longs per slot) must fit a Java array. */
  static final int MAX_KEYS = 3 << 27;

  private static final int INITIAL_SLOTS = 1024;
  private static final int SLOT_LONGS = 3;

  private final int maxKeys;
  private final int maxSlots;
  private final MessageDigest digest;
  private long[] table;
  private int mask;
  private int size;
  private long hashHigh;
  private long hashLow;

  OffsetMap(int maxKeys) {
    if (maxKeys < 1 || maxKeys > MAX_KEYS) {
      throw new IllegalArgumentException("maxKeys: " + maxKeys + " (expected: 1-" + MAX_KEYS + ")");
    }
    this.maxKeys = maxKeys;
    this.maxSlots = Integer.highestOneBit((int) Math.min(1L << 30, (maxKeys * 4L + 2) / 3 * 2 - 1));
    int slots = Math.min(INITIAL_SLOTS, maxSlots);
    this.table = new long[slots * SLOT_LONGS];
    this.mask = slots - 1;
    try {
      this.digest = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM provides SHA-256", e);
    }
  }

  int size() {
    return size;
  }

  /**
   * Records {@code offset} as the latest for {@code key} (positions unchanged).
   *
   * @return false when the key is new and the map already holds {@code maxKeys} keys
   */
  boolean put(ByteBuffer key, long offset) {
    hash(key);
    int slot = find();
    if (table[slot * SLOT_LONGS + 2] != 0) {
      table[slot * SLOT_LONGS + 2] = offset + 1;
      return true;
    }
    if (size >= maxKeys) {
      return false;
    }
    if ((size + 1) * 4L > (mask + 1) * 3L && mask + 1 < maxSlots) {
      grow();
      slot = find();
    }
    table[slot * SLOT_LONGS] = hashHigh;
    table[slot * SLOT_LONGS + 1] = hashLow;
    table[slot * SLOT_LONGS + 2] = offset + 1;
    size++;
    return true;
  }

  /** The latest offset recorded for {@code key}, or -1 (positions unchanged). */
  long get(ByteBuffer key) {
    hash(key);
    return table[find() * SLOT_LONGS + 2] - 1;
  }

  private void hash(ByteBuffer key) {
    digest.update(key.duplicate());
    byte[] sha = digest.digest();
    ByteBuffer bits = ByteBuffer.wrap(sha);
    hashHigh = bits.getLong();
    hashLow = bits.getLong();
  }

  /** The slot holding the current hash, or the empty slot where it belongs. */
  private int find() {
    int slot = (int) (hashLow ^ (hashLow >>> 32)) & mask;
    while (true) {
      int at = slot * SLOT_LONGS;
      if (table[at + 2] == 0 || (table[at] == hashHigh && table[at + 1] == hashLow)) {
        return slot;
      }
      slot = (slot + 1) & mask;
    }
  }

  private void grow() {
    long[] old = table;
    int slots = (mask + 1) * 2;
    table = new long[slots * SLOT_LONGS];
    mask = slots - 1;
    long high = hashHigh;
    long low = hashLow;
    for (int at = 0; at < old.length; at += SLOT_LONGS) {
      if (old[at + 2] != 0) {
        hashHigh = old[at];
        hashLow = old[at + 1];
        int slot = find() * SLOT_LONGS;
        table[slot] = old[at];
        table[slot + 1] = old[at + 1];
        table[slot + 2] = old[at + 2];
      }
    }
    hashHigh = high;
    hashLow = low;
  }
}
