package io.flymq.client;

/**
 * How far a group is behind on one partition (GET_LAG).
 *
 * @param committed the committed offset, 0 when nothing was committed
 * @param logEnd the partition's log end offset (the next offset to be written)
 * @param lag {@code max(0, logEnd - committed)}: records not yet consumed
 */
public record GroupLag(long committed, long logEnd, long lag) {}
