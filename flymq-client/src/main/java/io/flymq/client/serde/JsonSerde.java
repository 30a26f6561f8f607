package io.flymq.client.serde;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;

/**
 * JSON through Jackson (an optional dependency: add {@code com.fasterxml.jackson.core:
 * jackson-databind} to use this class). Thread-safe, as {@link ObjectMapper} is once configured.
 *
 * <pre>{@code
 * Serializer<Order> ser = JsonSerde.serializer();
 * Deserializer<Order> de = JsonSerde.deserializer(Order.class);
 * }</pre>
 */
public final class JsonSerde {
  private static final ObjectMapper DEFAULT = new ObjectMapper().findAndRegisterModules();

  private JsonSerde() {}

  /** JSON of any object with a default {@link ObjectMapper}. */
  public static <T> Serializer<T> serializer() {
    return serializer(DEFAULT);
  }

  /** JSON with the given mapper. */
  public static <T> Serializer<T> serializer(ObjectMapper mapper) {
    return (topic, data) -> {
      if (data == null) {
        return null;
      }
      try {
        return mapper.writeValueAsBytes(data);
      } catch (IOException e) {
        throw new IllegalArgumentException(
            "json: cannot serialize " + data.getClass().getName() + ": " + e.getMessage(), e);
      }
    };
  }

  /** Objects of {@code type} from JSON, with a default {@link ObjectMapper}. */
  public static <T> Deserializer<T> deserializer(Class<T> type) {
    return deserializer(DEFAULT, type);
  }

  /** Objects of {@code type} from JSON, with the given mapper. */
  public static <T> Deserializer<T> deserializer(ObjectMapper mapper, Class<T> type) {
    return (topic, data) -> {
      if (data == null) {
        return null;
      }
      try {
        return mapper.readValue(data, type);
      } catch (IOException e) {
        throw new IllegalArgumentException(
            "json: not a " + type.getSimpleName() + " in topic " + topic + ": " + e.getMessage(),
            e);
      }
    };
  }
}
