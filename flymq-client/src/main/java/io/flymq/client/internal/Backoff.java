package io.flymq.client.internal;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How long to wait before a retry: exponential backoff with jitter. The delay before retry {@code
 * n} is {@code initial * 2^(n-1)}, capped at {@code max}, plus up to 20% of that drawn at random so
 * that many clients failing together do not retry in step; a delay is thus in {@code [capped, 1.2 *
 * capped)}. Immutable and thread-safe.
 */
public final class Backoff {
  /**
   * Doublings stop here so that the shift cannot overflow; by then (a million times the initial
   * delay) any sensible maximum has been reached.
   */
  private static final int MAX_DOUBLINGS = 20;

  private static final double JITTER = 0.2;

  private final long initialMs;
  private final long maxMs;

  /**
   * @param initial the delay before the first retry (before jitter)
   * @param max the longest delay before jitter
   */
  public Backoff(Duration initial, Duration max) {
    this.initialMs = requireNonNull(initial, "initial").toMillis();
    this.maxMs = requireNonNull(max, "max").toMillis();
  }

  /**
   * The delay before retry number {@code attempt}, with random jitter.
   *
   * @param attempt 1 for the first retry
   * @throws IllegalArgumentException if {@code attempt < 1}
   */
  public long delayMs(int attempt) {
    return delayMs(attempt, ThreadLocalRandom.current().nextDouble());
  }

  /**
   * The delay before retry number {@code attempt} for a given draw of the jitter.
   *
   * @param random in {@code [0, 1)}: where in the jitter range the delay falls
   */
  long delayMs(int attempt, double random) {
    if (attempt < 1) {
      throw new IllegalArgumentException("attempt: " + attempt + " (expected: >= 1)");
    }
    long capped = Math.min(maxMs, initialMs << Math.min(MAX_DOUBLINGS, attempt - 1));
    return capped + (long) (capped * JITTER * random);
  }
}
