package io.flymq.client;

/**
 * What the broker says of a topic (METADATA).
 *
 * @param name the topic
 * @param partitions its partition count
 * @param replicationFactor copies of each partition
 */
public record TopicInfo(String name, int partitions, int replicationFactor) {}
