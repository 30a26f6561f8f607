package io.flymq.protocol.message.cluster;

import io.flymq.protocol.Message;
import io.flymq.protocol.Opcode;
import io.flymq.protocol.error.ProtocolException;
import io.flymq.protocol.message.FieldChecks;
import io.flymq.protocol.wire.WireReader;
import io.flymq.protocol.wire.WireWriter;
import java.util.List;
import java.util.Objects;

/**
 * CLUSTER_METADATA (0x53) response, wire v1 and v2. Layout: WIRE-V1 12.4. The request is a {@link
 * io.flymq.protocol.message.TopicRequest} (empty topic = all).
 *
 * <pre>
 *   cluster_id str | topics list&lt;topic&gt;
 *   topic     = topic str | partitions list&lt;partition&gt;
 *   partition = partition i32 | leader_id str | leader_addr str | epoch u64 | state str
 *               | replicas list&lt;str&gt; | isr list&lt;str&gt;
 * </pre>
 *
 * @param clusterId a stable cluster id
 * @param topics the topics, partitions in ascending order
 */
public record ClusterMetadataResponse(String clusterId, List<TopicMetadata> topics)
    implements Message {
  /** Validates the fields. @throws NullPointerException if a field is null */
  public ClusterMetadataResponse {
    Objects.requireNonNull(clusterId, "clusterId");
    topics = FieldChecks.copy(topics, "topics");
  }

  @Override
  public Opcode opcode() {
    return Opcode.CLUSTER_METADATA;
  }

  @Override
  public void writeTo(WireWriter out) {
    out.str(clusterId)
        .list(
            topics,
            (topic, w) ->
                w.str(topic.topic()).list(topic.partitions(), PartitionMetadata::writeTo));
  }

  /**
   * Decodes the payload.
   *
   * @param in the payload
   * @throws ProtocolException if the payload is truncated
   */
  public static ClusterMetadataResponse decode(WireReader in) throws ProtocolException {
    String clusterId = in.str();
    int count = in.count32(6);
    return new ClusterMetadataResponse(
        clusterId,
        in.list(
            count,
            r -> {
              String topic = r.str();
              int partitions = r.count32(PartitionMetadata.MIN_BYTES);
              return new TopicMetadata(topic, r.list(partitions, PartitionMetadata::decode));
            }));
  }

  /**
   * One topic's partitions.
   *
   * @param topic the topic
   * @param partitions its partitions, ascending
   */
  public record TopicMetadata(String topic, List<PartitionMetadata> partitions) {
    /** Validates the fields. @throws NullPointerException if a field is null */
    public TopicMetadata {
      Objects.requireNonNull(topic, "topic");
      partitions = FieldChecks.copy(partitions, "partitions");
    }
  }

  /**
   * One partition's leadership and replicas.
   *
   * @param partition the partition number
   * @param leaderId the leader's node id
   * @param leaderAddr the leader's connectable client address, {@code host:port}
   * @param epoch the leader epoch
   * @param state online, offline, reassigning or syncing
   * @param replicas node ids, leader included
   * @param isr node ids of the in-sync replicas
   */
  public record PartitionMetadata(
      int partition,
      String leaderId,
      String leaderAddr,
      long epoch,
      String state,
      List<String> replicas,
      List<String> isr) {
    static final int MIN_BYTES = 26;

    /** Validates the fields. @throws IllegalArgumentException if partition or epoch is negative */
    public PartitionMetadata {
      FieldChecks.nonNegative(partition, "partition");
      Objects.requireNonNull(leaderId, "leaderId");
      Objects.requireNonNull(leaderAddr, "leaderAddr");
      FieldChecks.nonNegative(epoch, "epoch");
      Objects.requireNonNull(state, "state");
      replicas = FieldChecks.copy(replicas, "replicas");
      isr = FieldChecks.copy(isr, "isr");
    }

    static void writeTo(PartitionMetadata p, WireWriter out) {
      out.i32(p.partition)
          .str(p.leaderId)
          .str(p.leaderAddr)
          .i64(p.epoch)
          .str(p.state)
          .strList(p.replicas)
          .strList(p.isr);
    }

    static PartitionMetadata decode(WireReader in) throws ProtocolException {
      return new PartitionMetadata(
          in.i32(), in.str(), in.str(), in.i64(), in.str(), in.strList(), in.strList());
    }
  }
}
