package io.flymq.storage.log;

import io.flymq.record.TimestampType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Immutable settings of one partition log. Build with {@link #builder()}; {@code build()} fills
 * defaults and reports every invalid value at once.
 *
 * @param segmentBytes roll the active segment before it grows past this size
 * @param segmentMs roll a non-empty active segment once it is this old
 * @param indexIntervalBytes bytes of log between two sparse index entries
 * @param maxIndexBytes size of each preallocated index file; a full index rolls the segment
 * @param maxBatchBytes the largest batch an append accepts
 * @param retentionMs delete closed segments whose newest record is older; -1 keeps forever
 * @param retentionBytes delete the oldest segments while the log is larger; -1 keeps all
 * @param syncMode when appends are forced to disk
 * @param syncIntervalMs period of the background fsync in {@link SyncMode#INTERVAL}
 * @param timestampType CREATE_TIME keeps producer timestamps; LOG_APPEND_TIME stamps the broker's
 * @param cleanupPolicy delete by retention, or compact by key
 * @param deleteRetentionMs how long compaction keeps a tombstone after it is cleaned once
 * @param minCleanableDirtyRatio background compaction starts once the bytes of sealed segments
 *     written since the last cleaning are at least this fraction of all sealed bytes (0..1)
 * @param fileDeleteDelayMs grace period before a deleted segment's files are removed, so reads
 *     already handed out (zero-copy slices) finish
 * @param sealForceDelayMs under {@link SyncMode#NEVER}: how long after a roll the sealed segment is
 *     forced to disk and the recovery point moved past it. By then the kernel has usually written
 *     it back, so the force costs little; a segment deleted sooner is never forced. It bounds what
 *     recovery rescans after a crash. The other modes force a segment when it is sealed.
 */
public record LogConfig(
    int segmentBytes,
    long segmentMs,
    int indexIntervalBytes,
    int maxIndexBytes,
    int maxBatchBytes,
    long retentionMs,
    long retentionBytes,
    SyncMode syncMode,
    long syncIntervalMs,
    TimestampType timestampType,
    CleanupPolicy cleanupPolicy,
    long deleteRetentionMs,
    double minCleanableDirtyRatio,
    long fileDeleteDelayMs,
    long sealForceDelayMs) {

  public static final int DEFAULT_SEGMENT_BYTES = 1 << 30;
  public static final long DEFAULT_SEGMENT_MS = Duration.ofDays(7).toMillis();
  public static final int DEFAULT_INDEX_INTERVAL_BYTES = 4096;
  public static final int DEFAULT_MAX_INDEX_BYTES = 10 * 1024 * 1024;
  public static final int DEFAULT_MAX_BATCH_BYTES = 8 * 1024 * 1024;
  public static final long DEFAULT_RETENTION_MS = Duration.ofDays(7).toMillis();
  public static final long DEFAULT_RETENTION_BYTES = 1L << 30;
  public static final long DEFAULT_SYNC_INTERVAL_MS = 5;
  public static final long DEFAULT_DELETE_RETENTION_MS = Duration.ofDays(1).toMillis();
  public static final double DEFAULT_MIN_CLEANABLE_DIRTY_RATIO = 0.5;
  public static final long DEFAULT_FILE_DELETE_DELAY_MS = 60_000;

  /** Linux's default {@code vm.dirty_expire_centisecs}: dirty pages older than this are written. */
  public static final long DEFAULT_SEAL_FORCE_DELAY_MS = 30_000;

  public LogConfig {
    List<String> errors = new ArrayList<>();
    check(errors, segmentBytes >= 1024, "segment_bytes", segmentBytes, ">= 1024");
    check(errors, segmentMs >= 1, "segment_ms", segmentMs, ">= 1");
    check(errors, indexIntervalBytes >= 0, "index_interval_bytes", indexIntervalBytes, ">= 0");
    check(errors, maxIndexBytes >= 64, "max_index_bytes", maxIndexBytes, ">= 64");
    check(errors, maxBatchBytes >= 61, "max_batch_bytes", maxBatchBytes, ">= 61");
    check(errors, retentionMs == -1 || retentionMs >= 0, "retention_ms", retentionMs, "-1 or >= 0");
    check(
        errors,
        retentionBytes == -1 || retentionBytes >= 0,
        "retention_bytes",
        retentionBytes,
        "-1 or >= 0");
    check(errors, syncMode != null, "sync", syncMode, "always, interval or never");
    check(errors, syncIntervalMs >= 1, "sync_interval_ms", syncIntervalMs, ">= 1");
    check(
        errors,
        timestampType != null,
        "timestamp_type",
        timestampType,
        "create_time or log_append_time");
    check(errors, cleanupPolicy != null, "cleanup_policy", cleanupPolicy, "delete or compact");
    check(errors, deleteRetentionMs >= 0, "delete_retention_ms", deleteRetentionMs, ">= 0");
    check(
        errors,
        minCleanableDirtyRatio >= 0 && minCleanableDirtyRatio <= 1,
        "min_cleanable_dirty_ratio",
        minCleanableDirtyRatio,
        "0.0-1.0");
    check(errors, fileDeleteDelayMs >= 0, "file_delete_delay_ms", fileDeleteDelayMs, ">= 0");
    check(errors, sealForceDelayMs >= 0, "seal_force_delay_ms", sealForceDelayMs, ">= 0");
    if (!errors.isEmpty()) {
      throw new IllegalArgumentException("invalid log configuration: " + String.join("; ", errors));
    }
  }

  private static void check(
      List<String> errors, boolean ok, String key, Object value, String expected) {
    if (!ok) {
      errors.add(key + ": " + value + " (expected: " + expected + ")");
    }
  }

  public static LogConfig defaults() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  public Builder toBuilder() {
    return new Builder()
        .segmentBytes(segmentBytes)
        .segmentMs(segmentMs)
        .indexIntervalBytes(indexIntervalBytes)
        .maxIndexBytes(maxIndexBytes)
        .maxBatchBytes(maxBatchBytes)
        .retentionMs(retentionMs)
        .retentionBytes(retentionBytes)
        .syncMode(syncMode)
        .syncIntervalMs(syncIntervalMs)
        .timestampType(timestampType)
        .cleanupPolicy(cleanupPolicy)
        .deleteRetentionMs(deleteRetentionMs)
        .minCleanableDirtyRatio(minCleanableDirtyRatio)
        .fileDeleteDelayMs(fileDeleteDelayMs)
        .sealForceDelayMs(sealForceDelayMs);
  }

  /** Mutable builder; not thread-safe. */
  public static final class Builder {
    private int segmentBytes = DEFAULT_SEGMENT_BYTES;
    private long segmentMs = DEFAULT_SEGMENT_MS;
    private int indexIntervalBytes = DEFAULT_INDEX_INTERVAL_BYTES;
    private int maxIndexBytes = DEFAULT_MAX_INDEX_BYTES;
    private int maxBatchBytes = DEFAULT_MAX_BATCH_BYTES;
    private long retentionMs = DEFAULT_RETENTION_MS;
    private long retentionBytes = DEFAULT_RETENTION_BYTES;
    private SyncMode syncMode = SyncMode.INTERVAL;
    private long syncIntervalMs = DEFAULT_SYNC_INTERVAL_MS;
    private TimestampType timestampType = TimestampType.CREATE_TIME;
    private CleanupPolicy cleanupPolicy = CleanupPolicy.DELETE;
    private long deleteRetentionMs = DEFAULT_DELETE_RETENTION_MS;
    private double minCleanableDirtyRatio = DEFAULT_MIN_CLEANABLE_DIRTY_RATIO;
    private long fileDeleteDelayMs = DEFAULT_FILE_DELETE_DELAY_MS;
    private long sealForceDelayMs = DEFAULT_SEAL_FORCE_DELAY_MS;

    private Builder() {}

    public Builder segmentBytes(int value) {
      segmentBytes = value;
      return this;
    }

    public Builder segmentMs(long value) {
      segmentMs = value;
      return this;
    }

    public Builder indexIntervalBytes(int value) {
      indexIntervalBytes = value;
      return this;
    }

    public Builder maxIndexBytes(int value) {
      maxIndexBytes = value;
      return this;
    }

    public Builder maxBatchBytes(int value) {
      maxBatchBytes = value;
      return this;
    }

    public Builder retentionMs(long value) {
      retentionMs = value;
      return this;
    }

    public Builder retentionBytes(long value) {
      retentionBytes = value;
      return this;
    }

    public Builder syncMode(SyncMode value) {
      syncMode = value;
      return this;
    }

    public Builder syncIntervalMs(long value) {
      syncIntervalMs = value;
      return this;
    }

    public Builder timestampType(TimestampType value) {
      timestampType = value;
      return this;
    }

    public Builder cleanupPolicy(CleanupPolicy value) {
      cleanupPolicy = value;
      return this;
    }

    public Builder deleteRetentionMs(long value) {
      deleteRetentionMs = value;
      return this;
    }

    public Builder minCleanableDirtyRatio(double value) {
      minCleanableDirtyRatio = value;
      return this;
    }

    public Builder fileDeleteDelayMs(long value) {
      fileDeleteDelayMs = value;
      return this;
    }

    public Builder sealForceDelayMs(long value) {
      sealForceDelayMs = value;
      return this;
    }

    public LogConfig build() {
      return new LogConfig(
          segmentBytes,
          segmentMs,
          indexIntervalBytes,
          maxIndexBytes,
          maxBatchBytes,
          retentionMs,
          retentionBytes,
          syncMode,
          syncIntervalMs,
          timestampType,
          cleanupPolicy,
          deleteRetentionMs,
          minCleanableDirtyRatio,
          fileDeleteDelayMs,
          sealForceDelayMs);
    }
  }
}
