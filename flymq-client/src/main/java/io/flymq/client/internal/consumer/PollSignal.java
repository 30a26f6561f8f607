package io.flymq.client.internal.consumer;

import io.flymq.client.consumer.WakeupException;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Wakes a waiting {@code poll}: I/O completions {@link #signal()} it, and {@link #wakeup()} (from
 * any thread) also makes the poll throw {@link WakeupException}. A signal given while nobody waits
 * is kept, so a completion that races with the start of a wait is never lost.
 *
 * <p>Thread-safe.
 */
public final class PollSignal {
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  private boolean signalled;
  private boolean wakeupRequested;

  /** Something poll may act on has happened. */
  public void signal() {
    lock.lock();
    try {
      signalled = true;
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /** Asks the current (or next) poll to throw {@link WakeupException}. */
  public void wakeup() {
    lock.lock();
    try {
      wakeupRequested = true;
      signalled = true;
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /**
   * Throws if {@link #wakeup()} was called since the last time it threw.
   *
   * @throws WakeupException if a wakeup is pending (it is consumed)
   */
  public void throwIfWakeup() {
    lock.lock();
    try {
      if (wakeupRequested) {
        wakeupRequested = false;
        throw new WakeupException();
      }
    } finally {
      lock.unlock();
    }
  }

  /**
   * Waits until a signal or the timeout, and consumes the signal.
   *
   * @throws InterruptedException if the thread is interrupted while waiting
   */
  public void await(long timeoutNanos) throws InterruptedException {
    lock.lock();
    try {
      long remaining = timeoutNanos;
      while (!signalled && remaining > 0) {
        remaining = changed.awaitNanos(remaining);
      }
      signalled = false;
    } finally {
      lock.unlock();
    }
  }
}
