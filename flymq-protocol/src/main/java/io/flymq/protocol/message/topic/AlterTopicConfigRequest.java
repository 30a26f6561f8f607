package io.flymq.protocol.message.topic;

import io.flymq.protocol.Message;
import io.flymq.protocol.Opcode;
import io.flymq.protocol.error.ProtocolException;
import io.flymq.protocol.message.FieldChecks;
import io.flymq.protocol.wire.WireReader;
import io.flymq.protocol.wire.WireWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * ALTER_TOPIC_CONFIG (0x1C) request, wire v2 only; answered with {@link TopicConfigResponse}.
 * Layout: docs/protocol.md#alter_topic_config.
 *
 * <pre>
 *   topic str | set list&lt;key str | value str&gt; | delete list&lt;key str&gt;
 * </pre>
 *
 * @param topic the topic
 * @param set configs to set (a key also in {@code delete} is an error)
 * @param delete configs to remove, so the broker default applies again
 */
public record AlterTopicConfigRequest(String topic, Map<String, String> set, List<String> delete)
    implements Message {
  /** Validates the fields. @throws IllegalArgumentException if a key is both set and deleted */
  public AlterTopicConfigRequest {
    Objects.requireNonNull(topic, "topic");
    set = Map.copyOf(Objects.requireNonNull(set, "set"));
    delete = FieldChecks.copy(delete, "delete");
    for (String key : delete) {
      if (set.containsKey(key)) {
        throw new IllegalArgumentException(
            "config " + key + ": both set and deleted (expected: one or the other)");
      }
    }
  }

  @Override
  public Opcode opcode() {
    return Opcode.ALTER_TOPIC_CONFIG;
  }

  @Override
  public void writeTo(WireWriter out) {
    out.str(topic).u32(set.size()).strPairs(new java.util.TreeMap<>(set)).strList(delete);
  }

  /** Decodes the payload. @throws ProtocolException if it is truncated */
  public static AlterTopicConfigRequest decode(WireReader in) throws ProtocolException {
    String topic = in.str();
    Map<String, String> set = new LinkedHashMap<>(in.strMap(in.count32(4)));
    return new AlterTopicConfigRequest(topic, set, in.strList());
  }
}
