package io.flymq.protocol.message.topic;

import io.flymq.protocol.Message;
import io.flymq.protocol.Opcode;
import io.flymq.protocol.error.ProtocolException;
import io.flymq.protocol.message.FieldChecks;
import io.flymq.protocol.wire.WireReader;
import io.flymq.protocol.wire.WireWriter;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The answer of ALTER_TOPIC_CONFIG (0x1C) and DESCRIBE_TOPIC_CONFIG (0x1D): the topic's configs
 * after the request, sorted by key; keys not listed take the broker's defaults. Layout:
 * docs/protocol.md#alter_topic_config.
 *
 * <pre>
 *   topic str | configs list&lt;key str | value str&gt;
 * </pre>
 *
 * @param opcode ALTER_TOPIC_CONFIG or DESCRIBE_TOPIC_CONFIG
 * @param topic the topic
 * @param configs the topic's own configs
 */
public record TopicConfigResponse(Opcode opcode, String topic, Map<String, String> configs)
    implements Message {
  /** Validates the fields. @throws IllegalArgumentException for another opcode */
  public TopicConfigResponse {
    FieldChecks.opcode(opcode, Opcode.ALTER_TOPIC_CONFIG, Opcode.DESCRIBE_TOPIC_CONFIG);
    Objects.requireNonNull(topic, "topic");
    configs = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(configs));
  }

  @Override
  public void writeTo(WireWriter out) {
    out.str(topic).u32(configs.size()).strPairs(configs);
  }

  /** Decodes the payload. @throws ProtocolException if it is truncated */
  public static TopicConfigResponse decode(Opcode opcode, WireReader in) throws ProtocolException {
    String topic = in.str();
    return new TopicConfigResponse(opcode, topic, in.strMap(in.count32(4)));
  }
}
