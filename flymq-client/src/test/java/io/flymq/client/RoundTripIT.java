package io.flymq.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.flymq.client.consumer.ConsumerRecord;
import io.flymq.client.consumer.FlyMQConsumer;
import io.flymq.client.producer.FlyMQProducer;
import io.flymq.client.producer.ProducerRecord;
import io.flymq.client.serde.Serdes;
import io.flymq.record.CompressionType;
import io.flymq.record.Header;
import io.flymq.server.testing.TestBroker;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** What the producer sends, the consumer reads back: every codec, keys, headers, per-key order. */
class RoundTripIT {
  private static TestBroker broker;

  @BeforeAll
  static void start() throws Exception {
    broker = TestBroker.start();
  }

  @AfterAll
  static void stop() throws Exception {
    broker.close();
  }

  @ParameterizedTest
  @EnumSource(CompressionType.class)
  void shouldReadBackEveryRecordAsSentInKeyOrder(CompressionType codec) {
    String topic = "round-trip-" + codec.name().toLowerCase(Locale.ROOT);
    try (FlyMQClient admin = FlyMQ.connect(broker.bootstrap())) {
      admin.createTopic(topic, 3);
    }
    int records = 3000;
    try (FlyMQProducer<String, String> producer =
        new FlyMQProducer<>(
            Map.of(
                "bootstrap.servers", broker.bootstrap(),
                "compression.type", codec.name().toLowerCase(Locale.ROOT)),
            Serdes.stringSerializer(),
            Serdes.stringSerializer())) {
      for (int i = 0; i < records; i++) {
        List<Header> headers =
            List.of(Header.of("seq", Integer.toString(i).getBytes(StandardCharsets.UTF_8)));
        producer.send(
            ProducerRecord.<String, String>of(topic, "key-" + i % 20, "value-" + i)
                .withHeaders(headers));
      }
      producer.flush();
    }
    Map<String, List<Integer>> seenPerKey = new HashMap<>();
    try (FlyMQConsumer<String, String> consumer =
        new FlyMQConsumer<>(
            Map.of("bootstrap.servers", broker.bootstrap(), "auto.offset.reset", "earliest"),
            Serdes.stringDeserializer(),
            Serdes.stringDeserializer())) {
      consumer.subscribe(List.of(topic));
      int read = 0;
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (read < records && System.nanoTime() < deadline) {
        for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
          int seq =
              Integer.parseInt(
                  StandardCharsets.UTF_8
                      .decode(record.headers().get(0).value().duplicate())
                      .toString());
          assertThat(record.value()).isEqualTo("value-" + seq);
          assertThat(record.key()).isEqualTo("key-" + seq % 20);
          seenPerKey.computeIfAbsent(record.key(), k -> new ArrayList<>()).add(seq);
          read++;
        }
      }
      assertThat(read).isEqualTo(records);
    }
    assertThat(seenPerKey).hasSize(20);
    seenPerKey.values().forEach(seqs -> assertThat(seqs).isSorted());
  }
}
