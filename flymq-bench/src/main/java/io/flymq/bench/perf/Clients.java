package io.flymq.bench.perf;

import io.flymq.client.consumer.Consumer;
import io.flymq.client.producer.Producer;
import java.util.Map;

/** Creates the FlyMQ producer and consumer of the perf tools from Kafka-named settings. */
final class Clients {
  private Clients() {}

  static Producer<byte[], byte[]> producer(Map<String, String> props) {
    throw new UnsupportedOperationException("FlyMQProducer is not on this branch yet");
  }

  static Consumer<byte[], byte[]> consumer(Map<String, String> props) {
    throw new UnsupportedOperationException("FlyMQConsumer is not on this branch yet");
  }
}
