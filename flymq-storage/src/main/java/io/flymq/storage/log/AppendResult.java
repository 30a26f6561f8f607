package io.flymq.storage.log;

/**
 * What an append assigned.
 *
 * @param baseOffset offset of the batch's first record
 * @param lastOffset offset of the batch's last record
 * @param logAppendTimeMs the broker time stamped into the batch, or -1 for CREATE_TIME logs
 * @param logStartOffset the log start offset when the batch was written
 */
public record AppendResult(
    long baseOffset, long lastOffset, long logAppendTimeMs, long logStartOffset) {}
