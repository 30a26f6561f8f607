package io.flymq.storage.log;

/**
 * When appended bytes are forced to the disk ({@code storage.sync}; DESIGN decision 8).
 *
 * <ul>
 *   <li>{@link #ALWAYS}: an append completes only after an fsync that covers it; appends that
 *       arrive while an fsync runs share the next one (group commit).
 *   <li>{@link #INTERVAL}: appends complete once written to the page cache; the log is forced every
 *       {@code syncIntervalMs} when it has unforced bytes. The default.
 *   <li>{@link #NEVER}: the page cache only (rely on replicas); forced at segment roll and close.
 * </ul>
 */
public enum SyncMode {
  ALWAYS,
  INTERVAL,
  NEVER;

  /**
   * @throws IllegalArgumentException naming the accepted values
   */
  public static SyncMode forName(String name) {
    for (SyncMode mode : values()) {
      if (mode.name().equalsIgnoreCase(name)) {
        return mode;
      }
    }
    throw new IllegalArgumentException(
        "storage.sync: " + name + " (expected: always, interval or never)");
  }
}
