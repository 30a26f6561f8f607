package io.flymq.protocol.message.membership;

import io.flymq.protocol.error.ProtocolException;
import io.flymq.protocol.message.FieldChecks;
import io.flymq.protocol.wire.WireReader;
import io.flymq.protocol.wire.WireWriter;
import java.util.List;
import java.util.Objects;

/**
 * A topic partition in the membership messages: {@code topic str | partition i32}.
 *
 * @param topic the topic
 * @param partition the partition, {@code >= 0}
 */
public record PartitionRef(String topic, int partition) implements Comparable<PartitionRef> {
  static final int MIN_BYTES = 6;

  /** Validates the fields. @throws IllegalArgumentException for a negative partition */
  public PartitionRef {
    Objects.requireNonNull(topic, "topic");
    FieldChecks.nonNegative(partition, "partition");
  }

  @Override
  public int compareTo(PartitionRef other) {
    int byTopic = topic.compareTo(other.topic);
    return byTopic != 0 ? byTopic : Integer.compare(partition, other.partition);
  }

  static void writeList(List<PartitionRef> partitions, WireWriter out) {
    out.list(partitions, (p, w) -> w.str(p.topic()).i32(p.partition()));
  }

  static List<PartitionRef> readList(WireReader in) throws ProtocolException {
    return in.list(in.count32(MIN_BYTES), r -> new PartitionRef(r.str(), r.i32()));
  }
}
