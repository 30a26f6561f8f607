package io.flymq.server.config;

import io.flymq.storage.log.SyncMode;

/**
 * When the broker acknowledges a produce ({@code performance.acks}); it also picks the storage sync
 * mode unless {@code storage.sync} is set (see {@link ServerConfig#storage()}).
 *
 * <ul>
 *   <li>{@link #ALL}: after an fsync that covers the records (storage sync {@code always}).
 *   <li>{@link #LEADER}: once the leader has written them; the log is forced every {@code
 *       performance.sync_interval_ms} (storage sync {@code interval}). The default.
 *   <li>{@link #NONE}: without waiting (storage sync {@code never}).
 * </ul>
 */
public enum Acks {
  ALL,
  LEADER,
  NONE;

  /** The storage sync mode this acks mode implies when {@code storage.sync} is not set. */
  public SyncMode impliedSyncMode() {
    return switch (this) {
      case ALL -> SyncMode.ALWAYS;
      case LEADER -> SyncMode.INTERVAL;
      case NONE -> SyncMode.NEVER;
    };
  }
}
