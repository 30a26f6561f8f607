package io.flymq.client.producer;

/**
 * Told when a sent record is acknowledged or has failed. Called on the producer's I/O thread, in
 * send order per partition: keep it short and never block in it (hand slow work to an executor).
 */
@FunctionalInterface
public interface Callback {
  /**
   * @param metadata where the record was written, or null on failure
   * @param exception the failure ({@link io.flymq.client.errors.FlyMQException} subclasses), or
   *     null on success
   */
  void onCompletion(RecordMetadata metadata, Exception exception);
}
