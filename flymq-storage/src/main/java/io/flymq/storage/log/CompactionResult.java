package io.flymq.storage.log;

/**
 * What one cleaning of a compacted log did ({@link PartitionLog#compact()}).
 *
 * @param segmentsCleaned source segments replaced by cleaned copies (0 when nothing changed, or
 *     when retention or truncation changed the segments during the cleaning and the work was
 *     discarded)
 * @param recordsRemoved records dropped: superseded by a later record of their key, or tombstones
 *     past their delete horizon
 * @param bytesBefore size of the replaced segments
 * @param bytesAfter size of their cleaned copies
 */
public record CompactionResult(
    int segmentsCleaned, long recordsRemoved, long bytesBefore, long bytesAfter) {
  /** Nothing cleaned. */
  public static final CompactionResult NONE = new CompactionResult(0, 0, 0, 0);

  CompactionResult plus(int segments, long removed, long before, long after) {
    return new CompactionResult(
        segmentsCleaned + segments,
        recordsRemoved + removed,
        bytesBefore + before,
        bytesAfter + after);
  }
}
