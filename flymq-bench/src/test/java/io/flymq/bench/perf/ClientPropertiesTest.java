package io.flymq.bench.perf;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ClientPropertiesTest {
  @Test
  void shouldDropOnlyKafkaOnlyKeysTheClientDoesNotKnow() {
    Map<String, String> props = new LinkedHashMap<>();
    props.put("acks", "1");
    props.put("send.buffer.bytes", "131072");
    props.put("sasl.mechanism", "PLAIN");
    props.put("metadata.max.age.ms", "1000");
    props.put("no.such.key", "1");
    List<String> dropped =
        ClientProperties.dropKafkaOnly(
            props, ClientProperties.PRODUCER_KAFKA_ONLY, Set.of("acks", "metadata.max.age.ms"));
    assertThat(dropped).containsExactly("send.buffer.bytes", "sasl.mechanism");
    assertThat(props.keySet()).containsExactly("acks", "metadata.max.age.ms", "no.such.key");
    assertThat(ClientProperties.droppedNote("flymq-bench producer", dropped))
        .isEqualTo(
            "flymq-bench producer: ignoring Kafka-only setting(s) with no meaning for FlyMQ:"
                + " send.buffer.bytes, sasl.mechanism");
    assertThat(ClientProperties.droppedNote("x", List.of())).isNull();
  }

  @Test
  void shouldSplitPairsAtTheFirstEqualsSign() {
    assertThat(ClientProperties.pairs(List.of("a=1", "b=x=y", "c=")))
        .containsExactly(Map.entry("a", "1"), Map.entry("b", "x=y"), Map.entry("c", ""));
  }
}
