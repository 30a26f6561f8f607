package io.flymq.bench.perf;

import io.flymq.client.ClientConfig;
import io.flymq.client.consumer.Consumer;
import io.flymq.client.consumer.ConsumerConfig;
import io.flymq.client.consumer.FlyMQConsumer;
import io.flymq.client.producer.FlyMQProducer;
import io.flymq.client.producer.Producer;
import io.flymq.client.producer.ProducerConfig;
import io.flymq.client.serde.Serdes;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Creates the FlyMQ producer and consumer of the perf tools from Kafka-named settings: Kafka-only
 * keys the client does not know are dropped with a one-line note on stderr; every other key goes to
 * the client, whose constructor rejects the unknown ones (all at once, with the closest known key)
 * as an {@link IllegalArgumentException}.
 */
final class Clients {
  private Clients() {}

  static Producer<byte[], byte[]> producer(Map<String, String> props) {
    Map<String, String> settings = new LinkedHashMap<>(props);
    note(
        "producer",
        ClientProperties.dropKafkaOnly(
            settings, ClientProperties.PRODUCER_KAFKA_ONLY, union(ProducerConfig.KEYS)));
    return new FlyMQProducer<>(settings, Serdes.bytesSerializer(), Serdes.bytesSerializer());
  }

  static Consumer<byte[], byte[]> consumer(Map<String, String> props) {
    Map<String, String> settings = new LinkedHashMap<>(props);
    note(
        "consumer",
        ClientProperties.dropKafkaOnly(
            settings, ClientProperties.CONSUMER_KAFKA_ONLY, union(ConsumerConfig.KEYS)));
    return new FlyMQConsumer<>(settings, Serdes.bytesDeserializer(), Serdes.bytesDeserializer());
  }

  private static Set<String> union(Set<String> keys) {
    Set<String> all = new HashSet<>(keys);
    all.addAll(ClientConfig.KEYS);
    return all;
  }

  private static void note(String tool, List<String> dropped) {
    String note = ClientProperties.droppedNote("flymq-bench " + tool, dropped);
    if (note != null) {
      System.err.println(note);
    }
  }
}
