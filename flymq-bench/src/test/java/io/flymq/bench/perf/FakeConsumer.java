package io.flymq.bench.perf;

import io.flymq.client.TopicPartition;
import io.flymq.client.consumer.Consumer;
import io.flymq.client.consumer.ConsumerRecord;
import io.flymq.client.consumer.ConsumerRecords;
import io.flymq.client.consumer.OffsetAndMetadata;
import io.flymq.client.consumer.OffsetAndTimestamp;
import io.flymq.client.consumer.OffsetCommitCallback;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A consumer over {@code total} records of {@code size} bytes, {@code perPoll} per poll; partitions
 * are assigned by the second poll (the first returns nothing, as a group join would).
 */
final class FakeConsumer implements Consumer<byte[], byte[]> {
  private final long total;
  private final int size;
  private final int perPoll;
  private String topic;
  private int polls;
  private long offset;
  boolean closed;

  FakeConsumer(long total, int size, int perPoll) {
    this.total = total;
    this.size = size;
    this.perPoll = perPoll;
  }

  @Override
  public void subscribe(Collection<String> topics) {
    topic = topics.iterator().next();
  }

  @Override
  public void subscribe(
      Collection<String> topics, io.flymq.client.consumer.ConsumerRebalanceListener listener) {
    subscribe(topics);
  }

  @Override
  public void enforceRebalance() {
    throw new UnsupportedOperationException();
  }

  @Override
  public io.flymq.client.consumer.ConsumerGroupMetadata groupMetadata() {
    throw new UnsupportedOperationException();
  }

  @Override
  public Set<TopicPartition> assignment() {
    return polls >= 2 ? Set.of(new TopicPartition(topic, 0)) : Set.of();
  }

  @Override
  public ConsumerRecords<byte[], byte[]> poll(Duration timeout) {
    polls++;
    if (polls < 2 || offset >= total) {
      return ConsumerRecords.empty();
    }
    List<ConsumerRecord<byte[], byte[]>> list = new ArrayList<>();
    for (int i = 0; i < perPoll && offset < total; i++) {
      list.add(new ConsumerRecord<>(topic, 0, offset++, 0, null, new byte[size], List.of()));
    }
    return new ConsumerRecords<>(Map.of(new TopicPartition(topic, 0), list));
  }

  @Override
  public void close() {
    closed = true;
  }

  @Override
  public void close(Duration timeout) {
    closed = true;
  }

  @Override
  public void assign(Collection<TopicPartition> partitions) {
    throw new UnsupportedOperationException();
  }

  @Override
  public Set<String> subscription() {
    return Set.of(topic);
  }

  @Override
  public void unsubscribe() {
    throw new UnsupportedOperationException();
  }

  @Override
  public void commitSync() {}

  @Override
  public void commitSync(Map<TopicPartition, OffsetAndMetadata> offsets) {}

  @Override
  public void commitAsync() {}

  @Override
  public void commitAsync(
      Map<TopicPartition, OffsetAndMetadata> offsets, OffsetCommitCallback callback) {}

  @Override
  public void seek(TopicPartition partition, long offset) {
    throw new UnsupportedOperationException();
  }

  @Override
  public void seekToBeginning(Collection<TopicPartition> partitions) {
    throw new UnsupportedOperationException();
  }

  @Override
  public void seekToEnd(Collection<TopicPartition> partitions) {
    throw new UnsupportedOperationException();
  }

  @Override
  public long position(TopicPartition partition) {
    return offset;
  }

  @Override
  public Map<TopicPartition, OffsetAndMetadata> committed(Set<TopicPartition> partitions) {
    return Map.of();
  }

  @Override
  public Map<TopicPartition, OffsetAndTimestamp> offsetsForTimes(
      Map<TopicPartition, Long> timestamps) {
    return Map.of();
  }

  @Override
  public Map<TopicPartition, Long> beginningOffsets(Collection<TopicPartition> partitions) {
    return Map.of();
  }

  @Override
  public Map<TopicPartition, Long> endOffsets(Collection<TopicPartition> partitions) {
    return Map.of();
  }

  @Override
  public void pause(Collection<TopicPartition> partitions) {}

  @Override
  public void resume(Collection<TopicPartition> partitions) {}

  @Override
  public Set<TopicPartition> paused() {
    return Set.of();
  }

  @Override
  public void wakeup() {}
}
