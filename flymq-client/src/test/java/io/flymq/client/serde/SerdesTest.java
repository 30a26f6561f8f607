package io.flymq.client.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class SerdesTest {
  @Test
  void shouldRoundTripEveryBuiltInTypeAndMapNullToNull() {
    assertThat(
            Serdes.stringDeserializer()
                .deserialize("t", Serdes.stringSerializer().serialize("t", "héllo")))
        .isEqualTo("héllo");
    assertThat(
            Serdes.longDeserializer()
                .deserialize("t", Serdes.longSerializer().serialize("t", -42L)))
        .isEqualTo(-42L);
    UUID id = UUID.randomUUID();
    assertThat(
            Serdes.uuidDeserializer().deserialize("t", Serdes.uuidSerializer().serialize("t", id)))
        .isEqualTo(id);
    byte[] raw = {1, 2, 3};
    assertThat(
            Serdes.bytesDeserializer()
                .deserialize("t", Serdes.bytesSerializer().serialize("t", raw)))
        .isSameAs(raw);
    assertThat(Serdes.stringSerializer().serialize("t", null)).isNull();
    assertThat(Serdes.longDeserializer().deserialize("t", null)).isNull();
    assertThat(Serdes.uuidSerializer().serialize("t", null)).isNull();
  }

  @Test
  void shouldEncodeLikeKafka() {
    // Kafka's LongSerializer: 8 bytes big-endian; UUIDSerializer would be a string, ours is the
    // 16-byte form documented in Serdes.
    assertThat(Serdes.longSerializer().serialize("t", 1L)).containsExactly(0, 0, 0, 0, 0, 0, 0, 1);
    UUID id = new UUID(1, 2);
    assertThat(ByteBuffer.wrap(Serdes.uuidSerializer().serialize("t", id)).getLong(8)).isEqualTo(2);
  }

  @Test
  void shouldRefuseBytesOfTheWrongLengthWithAHint() {
    assertThatThrownBy(() -> Serdes.longDeserializer().deserialize("t", "12".getBytes()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("long: 2 bytes (expected: 8");
    assertThatThrownBy(() -> Serdes.uuidDeserializer().deserialize("t", new byte[3]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("uuid: 3 bytes (expected: 16");
  }

  record Order(String id, int total) {}

  @Test
  void shouldMapObjectsToJsonAndBack() {
    byte[] json = JsonSerde.serializer().serialize("orders", new Order("o-1", 12));
    assertThat(new String(json)).isEqualTo("{\"id\":\"o-1\",\"total\":12}");
    assertThat(JsonSerde.deserializer(Order.class).deserialize("orders", json))
        .isEqualTo(new Order("o-1", 12));
    assertThat(JsonSerde.deserializer(Order.class).deserialize("orders", null)).isNull();
    assertThatThrownBy(
            () -> JsonSerde.deserializer(Order.class).deserialize("orders", "not json".getBytes()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("json: not a Order in topic orders");
  }
}
