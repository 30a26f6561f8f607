package io.flymq.storage.log;

import java.util.concurrent.atomic.LongAdder;

/**
 * Counters of one partition log, for metrics and benchmarks: what was appended and how often the
 * active segment was forced to disk. {@code fsyncs / appendedBatches} well below 1 under {@link
 * SyncMode#ALWAYS} shows group commit at work.
 *
 * <p>Thread-safe; counts only grow.
 */
public final class LogStats {
  private final LongAdder appendedBatches = new LongAdder();
  private final LongAdder appendedBytes = new LongAdder();
  private final LongAdder fsyncs = new LongAdder();
  private final LongAdder rolls = new LongAdder();

  void recordAppend(int bytes) {
    appendedBatches.increment();
    appendedBytes.add(bytes);
  }

  void recordFsync() {
    fsyncs.increment();
  }

  void recordRoll() {
    rolls.increment();
  }

  public long appendedBatches() {
    return appendedBatches.sum();
  }

  public long appendedBytes() {
    return appendedBytes.sum();
  }

  /** Forces of segment data to disk (group commits, interval syncs, flushes, rolls). */
  public long fsyncs() {
    return fsyncs.sum();
  }

  public long rolls() {
    return rolls.sum();
  }

  @Override
  public String toString() {
    return "LogStats(batches="
        + appendedBatches()
        + ", bytes="
        + appendedBytes()
        + ", fsyncs="
        + fsyncs()
        + ", rolls="
        + rolls()
        + ")";
  }
}
