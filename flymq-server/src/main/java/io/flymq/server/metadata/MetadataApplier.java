package io.flymq.server.metadata;

import java.util.ArrayList;
import java.util.TreeMap;

/**
 * The metadata transition function: (image, command, log index) -> (new image, result). Pure and
 * deterministic (STYLE 9.5): no clock, randomness, I/O or hash-order iteration, so every replica
 * and every replay computes the same image and the same result from the same log. Stateless and
 * thread-safe.
 *
 * <p>Only checks that depend on the state live here (does the topic exist, does the count grow);
 * the request's own syntax was checked by the proposer ({@link TopicValidation}). A rejected
 * command leaves the image unchanged, version included.
 */
public final class MetadataApplier {

  /** The image after a command and the result the proposer gets. */
  public record Outcome(MetadataImage image, MetadataResult result) {}

  private MetadataApplier() {}

  /**
   * Applies {@code command}, which sits at log index {@code index}.
   *
   * @throws IllegalArgumentException if {@code index} does not follow the image's version
   */
  public static Outcome apply(MetadataImage image, MetadataCommand command, long index) {
    if (index <= image.version()) {
      throw new IllegalArgumentException(
          "index: " + index + " (expected: > image version " + image.version() + ")");
    }
    return switch (command) {
      case MetadataCommand.CreateTopic c -> createTopic(image, c, index);
      case MetadataCommand.DeleteTopic c -> deleteTopic(image, c, index);
      case MetadataCommand.AlterTopicConfig c -> alterTopicConfig(image, c, index);
      case MetadataCommand.CreatePartitions c -> createPartitions(image, c, index);
    };
  }

  private static Outcome createTopic(
      MetadataImage image, MetadataCommand.CreateTopic c, long index) {
    if (image.hasTopic(c.topic())) {
      return rejected(
          image, MetadataErrorCode.TOPIC_ALREADY_EXISTS, "topic already exists: " + c.topic());
    }
    var topic =
        new TopicMetadata(c.topic(), c.topicId(), c.partitions(), c.configs(), c.createdAtMs());
    return applied(image.withTopic(index, topic), topic);
  }

  private static Outcome deleteTopic(
      MetadataImage image, MetadataCommand.DeleteTopic c, long index) {
    var topic = image.topics().get(c.topic());
    if (topic == null) {
      return unknownTopic(image, c);
    }
    return applied(image.withoutTopic(index, c.topic()), topic);
  }

  private static Outcome alterTopicConfig(
      MetadataImage image, MetadataCommand.AlterTopicConfig c, long index) {
    var topic = image.topics().get(c.topic());
    if (topic == null) {
      return unknownTopic(image, c);
    }
    var configs = new TreeMap<>(topic.configs());
    configs.putAll(c.set());
    configs.keySet().removeAll(c.delete());
    var altered = topic.withConfigs(configs);
    return applied(image.withTopic(index, altered), altered);
  }

  private static Outcome createPartitions(
      MetadataImage image, MetadataCommand.CreatePartitions c, long index) {
    var topic = image.topics().get(c.topic());
    if (topic == null) {
      return unknownTopic(image, c);
    }
    int current = topic.partitionCount();
    if (c.partitionCount() <= current) {
      return rejected(
          image,
          MetadataErrorCode.INVALID_PARTITIONS,
          "topic "
              + c.topic()
              + " has "
              + current
              + " partitions; partitions: "
              + c.partitionCount()
              + " (expected: > "
              + current
              + ")");
    }
    if (c.partitionCount() - c.added().size() != current) {
      // The proposer read an older count; the assignments it chose do not fit any more.
      return rejected(
          image,
          MetadataErrorCode.CONCURRENT_MODIFICATION,
          "topic "
              + c.topic()
              + " has "
              + current
              + " partitions, the request assumed "
              + (c.partitionCount() - c.added().size()));
    }
    var partitions = new ArrayList<>(topic.partitions());
    partitions.addAll(c.added());
    var grown = topic.withPartitions(partitions);
    return applied(image.withTopic(index, grown), grown);
  }

  private static Outcome unknownTopic(MetadataImage image, MetadataCommand c) {
    return rejected(image, MetadataErrorCode.UNKNOWN_TOPIC, "topic not found: " + c.topic());
  }

  private static Outcome applied(MetadataImage image, TopicMetadata topic) {
    return new Outcome(image, new MetadataResult.Applied(image.version(), topic));
  }

  private static Outcome rejected(MetadataImage image, MetadataErrorCode code, String message) {
    return new Outcome(image, new MetadataResult.Rejected(code, message));
  }
}
