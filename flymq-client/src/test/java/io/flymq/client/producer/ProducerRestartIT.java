package io.flymq.client.producer;

import static org.assertj.core.api.Assertions.assertThat;

import io.flymq.client.FlyMQClient;
import io.flymq.client.serde.Serdes;
import io.flymq.client.testing.LogReader;
import io.flymq.server.testing.TestBroker;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * A broker restart in the middle of a stream: the producer's in-flight and queued batches fail with
 * a retriable error, are retried once the broker is back, and every acknowledged record is in the
 * log afterwards.
 */
class ProducerRestartIT {
  @Test
  void shouldLoseNoAcknowledgedRecordAcrossABrokerRestart() throws Exception {
    try (TestBroker broker = TestBroker.start(settings -> settings.put("storage.sync", "always"))) {
      try (FlyMQClient admin = FlyMQClient.builder().bootstrapServers(broker.bootstrap()).build()) {
        admin.createTopic("restart", 2);
      }
      List<CompletableFuture<RecordMetadata>> futures = new ArrayList<>();
      try (FlyMQProducer<String, String> producer =
          new FlyMQProducer<>(
              Map.of(
                  "bootstrap.servers", broker.bootstrap(),
                  "linger.ms", "1",
                  "retry.backoff.ms", "50",
                  "delivery.timeout.ms", "60000"),
              Serdes.stringSerializer(),
              Serdes.stringSerializer())) {
        for (int i = 0; i < 3000; i++) {
          futures.add(producer.send(ProducerRecord.of("restart", "k" + i % 10, "v" + i)));
          if (i == 1500) {
            broker.restart();
          }
        }
        producer.flush();
      }
      Set<String> acknowledged = new HashSet<>();
      for (int i = 0; i < futures.size(); i++) {
        futures.get(i).join(); // every send succeeds: retried across the restart
        acknowledged.add("v" + i);
      }
      Set<String> stored = new HashSet<>();
      try (FlyMQClient reader =
          FlyMQClient.builder().bootstrapServers(broker.bootstrap()).build()) {
        for (int p = 0; p < 2; p++) {
          LogReader.readAll(reader, "restart", p).forEach(r -> stored.add(r.value()));
        }
      }
      assertThat(stored).containsAll(acknowledged);
    }
  }
}
