package io.flymq.client.internal.consumer;

import java.util.ConcurrentModificationException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * The consumer's one-thread-at-a-time rule, as Kafka's consumer has it: a thread that calls in
 * while another is inside fails fast with {@link ConcurrentModificationException} instead of
 * corrupting positions. Re-entrant for the thread inside (a rebalance listener may call back into
 * the consumer).
 *
 * <p>Thread-safe: the owner is claimed by compare-and-set; the nesting depth is touched only by the
 * owning thread, and handing the owner back publishes it to the next one.
 */
public final class SingleThreadGuard {
  private final String what;
  private final AtomicReference<Thread> owner = new AtomicReference<>();
  private int depth;

  /**
   * @param what names the guarded object in the exception, e.g. {@code consumer client-1}
   */
  public SingleThreadGuard(String what) {
    this.what = what;
  }

  /**
   * Runs {@code body} as the owning thread.
   *
   * @throws ConcurrentModificationException if another thread is inside
   */
  public <T> T call(Supplier<T> body) {
    Thread me = Thread.currentThread();
    Thread current = owner.get();
    if (current != me && !owner.compareAndSet(null, me)) {
      throw new ConcurrentModificationException(
          what
              + ": in use by thread "
              + owner.get()
              + " (expected: one thread at a time; only wakeup() may be called concurrently)");
    }
    depth++;
    try {
      return body.get();
    } finally {
      if (--depth == 0) {
        owner.set(null);
      }
    }
  }

  /**
   * {@link #call} for a body without a result.
   *
   * @throws ConcurrentModificationException if another thread is inside
   */
  public void run(Runnable body) {
    call(
        () -> {
          body.run();
          return null;
        });
  }
}
