package io.flymq.storage.log;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs one log's write operations one at a time, in submission order, on a shared pool, so callers
 * (network threads) never block on disk I/O and many logs share a few threads.
 *
 * <p>Group commit: consecutive appends are handed to {@link Sink#writeAppends} as one group, and
 * the sink may force them with one fsync before completing them; appends that arrive meanwhile
 * queue up and form the next group. Other operations (truncate, retention, flush, close) run alone,
 * after the appends queued before them.
 *
 * <p>Thread-safe: {@link #submitAppend} and {@link #submit} may be called from any thread.
 */
final class SerialWriter<A> {
  /** Where the writer's work happens; called on a pool thread, never concurrently. */
  interface Sink<A> {
    void writeAppends(List<A> appends);
  }

  private final Queue<Object> queue = new ConcurrentLinkedQueue<>();
  private final AtomicInteger pending = new AtomicInteger();
  private final Executor executor;
  private final Sink<A> sink;
  private final Class<A> appendType;

  SerialWriter(Executor executor, Class<A> appendType, Sink<A> sink) {
    this.executor = executor;
    this.appendType = appendType;
    this.sink = sink;
  }

  void submitAppend(A append) {
    enqueue(append);
  }

  /** Runs {@code task} on the writer after everything submitted before it. */
  void submit(Runnable task) {
    enqueue(task);
  }

  private void enqueue(Object op) {
    queue.add(op);
    if (pending.getAndIncrement() == 0) {
      executor.execute(this::drain);
    }
  }

  private void drain() {
    List<A> group = new ArrayList<>();
    while (true) {
      int taken = 0;
      Object op;
      // Take everything queued so far: the larger the group, the fewer fsyncs.
      while ((op = queue.poll()) != null) {
        taken++;
        if (appendType.isInstance(op)) {
          group.add(appendType.cast(op));
        } else {
          flushGroup(group);
          ((Runnable) op).run();
        }
      }
      flushGroup(group);
      if (pending.addAndGet(-taken) == 0) {
        return;
      }
      if (taken == 0) {
        // An enqueuer has added its item but not yet counted it (or the reverse): a moment's wait.
        Thread.onSpinWait();
      }
    }
  }

  private void flushGroup(List<A> group) {
    if (!group.isEmpty()) {
      sink.writeAppends(group);
      group.clear();
    }
  }
}
