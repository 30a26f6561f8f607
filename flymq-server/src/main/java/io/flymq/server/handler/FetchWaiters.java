package io.flymq.server.handler;

import io.flymq.server.log.TopicPartition;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Fetches waiting for data (long poll): each waits on a set of partitions until one of them is
 * appended to, or until its deadline. Nothing blocks a thread while waiting.
 *
 * <p>Thread-safe.
 */
public final class FetchWaiters {
  private final ConcurrentHashMap<TopicPartition, Set<CompletableFuture<Void>>> waiting =
      new ConcurrentHashMap<>();
  private final ScheduledExecutorService timer;

  public FetchWaiters(ScheduledExecutorService timer) {
    this.timer = timer;
  }

  /** Completes on the first append to any of {@code partitions}, or at {@code deadlineNanos}. */
  public CompletableFuture<Void> await(List<TopicPartition> partitions, long deadlineNanos) {
    CompletableFuture<Void> wakeUp = new CompletableFuture<>();
    for (TopicPartition partition : partitions) {
      waiting.computeIfAbsent(partition, p -> ConcurrentHashMap.newKeySet()).add(wakeUp);
    }
    long delay = Math.max(0, deadlineNanos - System.nanoTime());
    var timeout = timer.schedule(() -> wakeUp.complete(null), delay, TimeUnit.NANOSECONDS);
    wakeUp.whenComplete(
        (v, e) -> {
          timeout.cancel(false);
          for (TopicPartition partition : partitions) {
            Set<CompletableFuture<Void>> set = waiting.get(partition);
            if (set != null) {
              set.remove(wakeUp);
            }
          }
        });
    return wakeUp;
  }

  /** Wakes every fetch waiting on {@code partition}. */
  public void appended(TopicPartition partition) {
    Set<CompletableFuture<Void>> set = waiting.get(partition);
    if (set != null && !set.isEmpty()) {
      for (CompletableFuture<Void> wakeUp : List.copyOf(set)) {
        wakeUp.complete(null);
      }
    }
  }

  /**
   * Wakes every waiting fetch (shutdown: they answer with what they have instead of delaying it).
   */
  public void wakeAll() {
    for (Set<CompletableFuture<Void>> set : waiting.values()) {
      for (CompletableFuture<Void> wakeUp : List.copyOf(set)) {
        wakeUp.complete(null);
      }
    }
  }

  /** Waiting fetches, for tests and metrics. */
  public int waiting() {
    int total = 0;
    for (Map.Entry<TopicPartition, Set<CompletableFuture<Void>>> entry : waiting.entrySet()) {
      total += entry.getValue().size();
    }
    return total;
  }
}
