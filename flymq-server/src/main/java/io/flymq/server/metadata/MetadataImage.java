package io.flymq.server.metadata;

import static java.util.Objects.requireNonNull;

import java.util.Collection;
import java.util.Collections;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;

/**
 * An immutable snapshot of all cluster metadata at one point of the replicated log. Readers take
 * the current image and keep using it: it never changes under them (the state machine publishes a
 * new image per applied command).
 *
 * <p>{@code version} is the Raft log index of the last command that produced this image; it only
 * grows. Topics are kept sorted by name so iteration and encoding are the same on every node. Later
 * issues add users, ACLs, schemas, brokers beside {@code topics}.
 */
public record MetadataImage(long version, NavigableMap<String, TopicMetadata> topics) {

  /** The image before the first command. */
  public static final MetadataImage EMPTY = new MetadataImage(0, new TreeMap<>());

  public MetadataImage {
    if (version < 0) {
      throw new IllegalArgumentException("version: " + version + " (expected: >= 0)");
    }
    requireNonNull(topics, "topics");
    for (Map.Entry<String, TopicMetadata> e : topics.entrySet()) {
      if (!e.getKey().equals(e.getValue().name())) {
        throw new IllegalArgumentException(
            "topics: key " + e.getKey() + " holds topic " + e.getValue().name());
      }
    }
    topics = Collections.unmodifiableNavigableMap(new TreeMap<>(topics));
  }

  /** Builds an image from topics in any order. */
  public static MetadataImage of(long version, Collection<TopicMetadata> topics) {
    var byName = new TreeMap<String, TopicMetadata>();
    for (TopicMetadata t : topics) {
      if (byName.put(t.name(), t) != null) {
        throw new IllegalArgumentException("topics: " + t.name() + " twice");
      }
    }
    return new MetadataImage(version, byName);
  }

  public Optional<TopicMetadata> topic(String name) {
    return Optional.ofNullable(topics.get(name));
  }

  public boolean hasTopic(String name) {
    return topics.containsKey(name);
  }

  MetadataImage withTopic(long newVersion, TopicMetadata topic) {
    var copy = new TreeMap<>(topics);
    copy.put(topic.name(), topic);
    return new MetadataImage(newVersion, copy);
  }

  MetadataImage withoutTopic(long newVersion, String name) {
    var copy = new TreeMap<>(topics);
    copy.remove(name);
    return new MetadataImage(newVersion, copy);
  }
}
