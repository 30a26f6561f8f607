package io.flymq.client.consumer;

import io.flymq.client.TopicPartition;
import java.util.Map;

/** Told when an asynchronous commit has finished. Called on the consumer's I/O thread. */
@FunctionalInterface
public interface OffsetCommitCallback {
  /**
   * @param offsets what was to be committed
   * @param exception null on success, else the first failure
   */
  void onComplete(Map<TopicPartition, OffsetAndMetadata> offsets, Exception exception);
}
