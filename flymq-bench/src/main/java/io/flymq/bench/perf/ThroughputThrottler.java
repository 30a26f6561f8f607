package io.flymq.bench.perf;

import java.util.concurrent.locks.LockSupport;

/**
 * Holds a sending loop to about {@code target} records (or bytes) per second, with the behaviour of
 * Kafka's perf-tool throttler so both tools pace the same way: the loop asks {@link
 * #shouldThrottle} after each send, which is true while the average rate since {@code startMs} is
 * above the target; each {@link #throttle()} then adds one send interval ({@code 1 / target}) to a
 * sleep deficit and sleeps it off once it reaches 2 ms, so sleeps are few and never shorter than
 * the timer can honour. A negative target never throttles; zero is rejected. Not thread-safe: one
 * sending thread.
 */
final class ThroughputThrottler {
  /** Sleeps for a number of nanoseconds; replaced in tests. */
  interface Sleeper {
    void sleepNanos(long nanos);
  }

  static final long MIN_SLEEP_NS = 2_000_000L;

  private final double target;
  private final long startMs;
  private final long intervalNs;
  private final Sleeper sleeper;
  private long sleepDeficitNs;

  /**
   * @param target records (or bytes) per second; negative = unthrottled
   * @param startMs when the first record was sent (same clock as {@link #shouldThrottle})
   * @throws IllegalArgumentException if {@code target} is 0 or NaN
   */
  ThroughputThrottler(double target, long startMs) {
    this(target, startMs, ThroughputThrottler::park);
  }

  ThroughputThrottler(double target, long startMs, Sleeper sleeper) {
    if (target == 0 || Double.isNaN(target)) {
      throw new IllegalArgumentException(
          "throughput: " + target + " (expected: > 0, or -1 for unthrottled)");
    }
    this.target = target;
    this.startMs = startMs;
    this.intervalNs = target > 0 ? (long) (1e9 / target) : Long.MAX_VALUE;
    this.sleeper = sleeper;
  }

  /**
   * @param sentSoFar records (or bytes) sent since {@code startMs}
   * @param nowMs the time of the latest send
   * @return whether the average rate so far is above the target
   */
  boolean shouldThrottle(long sentSoFar, long nowMs) {
    if (target < 0) {
      return false;
    }
    double elapsedSec = (nowMs - startMs) / 1000.0;
    return elapsedSec > 0 && sentSoFar / elapsedSec > target;
  }

  /** Adds one send interval to the deficit and sleeps the deficit off once it is at least 2 ms. */
  void throttle() {
    sleepDeficitNs += intervalNs;
    if (sleepDeficitNs >= MIN_SLEEP_NS) {
      sleeper.sleepNanos(sleepDeficitNs);
      sleepDeficitNs = 0;
    }
  }

  /** The sleep owed but not yet taken. */
  long sleepDeficitNs() {
    return sleepDeficitNs;
  }

  private static void park(long nanos) {
    long deadline = System.nanoTime() + nanos;
    for (long left = nanos; left > 0; left = deadline - System.nanoTime()) {
      LockSupport.parkNanos(left);
      if (Thread.currentThread().isInterrupted()) {
        return;
      }
    }
  }
}
