package io.flymq.client.consumer;

import io.flymq.client.TopicPartition;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The records one {@link Consumer#poll} returned, grouped by partition, each partition's records in
 * offset order. Immutable.
 *
 * @param <K> the key type
 * @param <V> the value type
 */
public final class ConsumerRecords<K, V> implements Iterable<ConsumerRecord<K, V>> {
  private static final ConsumerRecords<?, ?> EMPTY = new ConsumerRecords<>(Map.of());

  private final Map<TopicPartition, List<ConsumerRecord<K, V>>> records;
  private final int count;

  /**
   * @param records per partition, each list in offset order; not copied, must not change
   */
  public ConsumerRecords(Map<TopicPartition, List<ConsumerRecord<K, V>>> records) {
    this.records = Collections.unmodifiableMap(records);
    int n = 0;
    for (List<ConsumerRecord<K, V>> list : records.values()) {
      n += list.size();
    }
    this.count = n;
  }

  /** No records. */
  @SuppressWarnings("unchecked")
  public static <K, V> ConsumerRecords<K, V> empty() {
    return (ConsumerRecords<K, V>) EMPTY;
  }

  /** The records of one partition, in offset order; empty when it has none. */
  public List<ConsumerRecord<K, V>> records(TopicPartition partition) {
    return Collections.unmodifiableList(records.getOrDefault(partition, List.of()));
  }

  /** The partitions that have records here. */
  public Set<TopicPartition> partitions() {
    return records.keySet();
  }

  /** How many records. */
  public int count() {
    return count;
  }

  /** Whether there are no records. */
  public boolean isEmpty() {
    return count == 0;
  }

  /** Every record: partition by partition, each in offset order. */
  @Override
  public Iterator<ConsumerRecord<K, V>> iterator() {
    List<ConsumerRecord<K, V>> all = new ArrayList<>(count);
    records.values().forEach(all::addAll);
    return Collections.unmodifiableList(all).iterator();
  }
}
