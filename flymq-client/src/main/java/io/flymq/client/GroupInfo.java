package io.flymq.client;

import java.util.SortedMap;

/**
 * A consumer group on one topic, as the broker lists it (LIST_GROUPS, DESCRIBE_GROUP).
 *
 * @param topic the topic
 * @param group the group id
 * @param members live members (0 until group membership is served)
 * @param committed the committed offset per partition; partitions without a commit are absent
 */
public record GroupInfo(
    String topic, String group, long members, SortedMap<Integer, Long> committed) {}
