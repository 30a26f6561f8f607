package io.flymq.storage.log;

import java.util.ArrayList;
import java.util.List;

/**
 * Which segments retention deletes: whole closed segments, oldest first, while the newest record of
 * a segment is older than {@code retention_ms}, or while the log without that segment is still at
 * least {@code retention_bytes}. Stops at the first segment that must stay, so the log never gets a
 * hole.
 */
final class RetentionPolicy {
  private RetentionPolicy() {}

  static boolean isExpired(LogSegment segment, LogConfig config, long nowMs) {
    if (config.retentionMs() < 0) {
      return false;
    }
    // A segment without timestamps (all -1) ages from its creation.
    long newest = segment.maxTimestamp() >= 0 ? segment.maxTimestamp() : segment.createdMs();
    return nowMs - newest > config.retentionMs();
  }

  static List<LogSegment> deletable(
      List<LogSegment> oldestFirst, LogSegment active, LogConfig config, long nowMs) {
    List<LogSegment> result = new ArrayList<>();
    long total = 0;
    for (LogSegment segment : oldestFirst) {
      total += segment.size();
    }
    for (LogSegment segment : oldestFirst) {
      if (segment == active) {
        break;
      }
      boolean tooOld = isExpired(segment, config, nowMs);
      boolean tooBig =
          config.retentionBytes() >= 0 && total - segment.size() >= config.retentionBytes();
      if (!tooOld && !tooBig) {
        break;
      }
      result.add(segment);
      total -= segment.size();
    }
    return result;
  }
}
