package io.flymq.client.consumer;

/**
 * The answer of {@link Consumer#offsetsForTimes}: the first offset whose timestamp is at or after
 * the one asked for.
 *
 * @param offset the offset
 * @param timestamp the timestamp that was asked for
 */
public record OffsetAndTimestamp(long offset, long timestamp) {}
