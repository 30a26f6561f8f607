package io.flymq.storage.log;

/** What happens to old data: deleted by retention, or compacted to the latest record per key. */
public enum CleanupPolicy {
  DELETE,
  COMPACT
}
