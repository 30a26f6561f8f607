package io.flymq.client.internal.producer;

import io.flymq.client.errors.BufferExhaustedException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Bounds the bytes of records a producer holds until they are acknowledged ({@code buffer.memory}).
 * A reservation takes the fast path (one atomic add) while there is room; only a sender that finds
 * the budget spent takes the lock and waits for releases. Thread-safe.
 */
final class BufferMemory {
  private final long limit;
  private final AtomicLong used = new AtomicLong();
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition released = lock.newCondition();
  private volatile int waiters;

  BufferMemory(long limit) {
    this.limit = limit;
  }

  /**
   * Takes {@code bytes} of the budget, waiting up to {@code maxWaitNanos} for room.
   *
   * @throws BufferExhaustedException if there is no room in time
   * @throws InterruptedException if the waiting thread is interrupted
   */
  void reserve(int bytes, long maxWaitNanos) throws InterruptedException {
    if (tryReserve(bytes)) {
      return;
    }
    long deadline = System.nanoTime() + maxWaitNanos;
    lock.lock();
    waiters++;
    try {
      while (!tryReserve(bytes)) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw new BufferExhaustedException(
              "buffer.memory: "
                  + limit
                  + " bytes all held by unacknowledged records; waited "
                  + TimeUnit.NANOSECONDS.toMillis(maxWaitNanos)
                  + " ms for "
                  + bytes
                  + " bytes");
        }
        released.awaitNanos(left);
      }
    } finally {
      waiters--;
      lock.unlock();
    }
  }

  private boolean tryReserve(int bytes) {
    if (used.addAndGet(bytes) <= limit) {
      return true;
    }
    used.addAndGet(-bytes);
    return false;
  }

  /** Gives {@code bytes} back and wakes waiting senders. */
  void release(long bytes) {
    used.addAndGet(-bytes);
    if (waiters > 0) {
      lock.lock();
      try {
        released.signalAll();
      } finally {
        lock.unlock();
      }
    }
  }

  /** Bytes currently reserved. */
  long used() {
    return used.get();
  }
}
