package io.flymq.client.internal.consumer;

import io.flymq.client.TopicPartition;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;

/**
 * What a consumer knows of one assigned partition: its position (the next offset {@code poll}
 * returns), its fetch position (the next offset to fetch, past the buffered data), the fetched but
 * not yet returned batches, whether it is paused, and an epoch that changes whenever buffered or
 * in-flight data must no longer be used.
 *
 * <p>Invariant: {@code position <= fetchPosition}, and the buffer holds exactly the data fetched
 * between them (records below {@code position} are skipped when drained). Any change of position
 * other than by returning records goes through {@link #seek} or {@link #invalidate}, which drop the
 * buffer and take a new epoch, so a fetch sent before the change is recognised as stale.
 *
 * <p>Not thread-safe: only the consumer's polling thread touches it.
 */
public final class PartitionState {
  /** {@link #position()} of a partition whose start is not known yet. */
  public static final long UNKNOWN = -1;

  private final TopicPartition partition;
  private final SubscriptionState owner;
  private final ArrayDeque<FetchedBatches> buffer = new ArrayDeque<>();
  private long position = UNKNOWN;
  private long fetchPosition = UNKNOWN;
  private long epoch;
  private int bufferedBytes;
  private boolean paused;
  private boolean outOfRange;
  private CompletableFuture<Long> lookup;
  private long retryAtNanos;
  private int failures;

  PartitionState(TopicPartition partition, SubscriptionState owner) {
    this.partition = partition;
    this.owner = owner;
    this.epoch = owner.nextEpoch();
  }

  /** The partition this state is of. */
  public TopicPartition partition() {
    return partition;
  }

  /** The next offset to return, or {@link #UNKNOWN}. */
  public long position() {
    return position;
  }

  /** Whether the position is known (else a look-up is due). */
  public boolean hasPosition() {
    return position != UNKNOWN;
  }

  /** The next offset to fetch. */
  public long fetchPosition() {
    return fetchPosition;
  }

  /** Changes whenever buffered and in-flight data for this partition become unusable. */
  public long epoch() {
    return epoch;
  }

  /** Whether the application paused the partition. */
  public boolean paused() {
    return paused;
  }

  /** Pauses or resumes; either way the buffer is dropped, so nothing is returned across a pause. */
  public void paused(boolean paused) {
    if (this.paused != paused) {
      this.paused = paused;
      invalidate();
    }
  }

  /** Moves the position (user seek or a looked-up start) and drops everything fetched. */
  public void seek(long offset) {
    position = offset;
    fetchPosition = offset;
    outOfRange = false;
    lookup = null;
    failures = 0;
    retryAtNanos = 0;
    dropBuffer();
  }

  /** Forgets the position: the next poll looks the start up again. */
  public void resetPosition() {
    seek(UNKNOWN);
  }

  /** Drops buffered data and fetches again from the position. */
  public void invalidate() {
    fetchPosition = position;
    dropBuffer();
  }

  private void dropBuffer() {
    buffer.clear();
    bufferedBytes = 0;
    epoch = owner.nextEpoch();
  }

  /** Called as records are returned: only moves forward. */
  void advance(long nextOffset) {
    if (nextOffset > position) {
      position = nextOffset;
    }
  }

  /** Adds fetched data and moves the fetch position past it. */
  void buffer(FetchedBatches fetched, long nextFetchOffset) {
    buffer.addLast(fetched);
    bufferedBytes += fetched.sizeInBytes();
    fetchPosition = Math.max(fetchPosition, nextFetchOffset);
    failures = 0;
  }

  /** The oldest buffered data, or null. */
  FetchedBatches peekBuffer() {
    return buffer.peekFirst();
  }

  /** Removes the oldest buffered data once it is fully drained. */
  void popBuffer() {
    FetchedBatches done = buffer.pollFirst();
    if (done != null) {
      bufferedBytes -= done.sizeInBytes();
    }
  }

  /** Whether fetched data waits to be returned. */
  public boolean hasBufferedData() {
    return !buffer.isEmpty();
  }

  int bufferedBytes() {
    return bufferedBytes;
  }

  /** Whether the last fetch found the position outside the log (reset pending). */
  public boolean outOfRange() {
    return outOfRange;
  }

  /** Marks the position out of range: fetching stops until it is reset or sought. */
  void markOutOfRange() {
    outOfRange = true;
    dropBuffer();
  }

  /** The lookup of the start position in flight, or null. */
  public CompletableFuture<Long> lookup() {
    return lookup;
  }

  /** Records the look-up of the start position in flight (null: none). */
  public void lookup(CompletableFuture<Long> lookup) {
    this.lookup = lookup;
  }

  /** Whether a fetch may include this partition now. */
  boolean fetchable(long nowNanos, int maxBufferedBytes) {
    return hasPosition()
        && !paused
        && !outOfRange
        && bufferedBytes < maxBufferedBytes
        && nowNanos - retryAtNanos >= 0;
  }

  /** Records a failed fetch: the partition is not fetched again before {@code retryAtNanos}. */
  void failed(long retryAtNanos) {
    this.retryAtNanos = retryAtNanos;
    failures++;
  }

  int failures() {
    return failures;
  }

  long retryAtNanos() {
    return retryAtNanos;
  }
}
