package io.flymq.client.internal;

import io.flymq.client.errors.FlyMQException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Runs an asynchronous operation again after a retriable {@link FlyMQException}, waiting the delays
 * of a {@link Backoff} between attempts. Thread-safe.
 */
public final class Retrier {
  private final int retries;
  private final Backoff backoff;
  private final ScheduledExecutorService timer;

  /**
   * @param retries extra attempts after the first
   * @param initial the first delay
   * @param max the longest delay
   * @param timer runs the delayed attempts
   */
  public Retrier(int retries, Duration initial, Duration max, ScheduledExecutorService timer) {
    this.retries = retries;
    this.backoff = new Backoff(initial, max);
    this.timer = timer;
  }

  /**
   * The delay before retry number {@code attempt} (1-based): {@link Backoff#delayMs(int)}.
   *
   * @throws IllegalArgumentException if {@code attempt < 1}
   */
  public long backoffMs(int attempt) {
    return backoff.delayMs(attempt);
  }

  /**
   * @param operation starts one attempt
   * @return the first successful result, or the last failure (non-retriable failures at once)
   */
  public <T> CompletableFuture<T> run(Supplier<CompletableFuture<T>> operation) {
    CompletableFuture<T> result = new CompletableFuture<>();
    attempt(operation, 0, result);
    return result;
  }

  private <T> void attempt(
      Supplier<CompletableFuture<T>> operation, int done, CompletableFuture<T> result) {
    CompletableFuture<T> attempt;
    try {
      attempt = operation.get();
    } catch (RuntimeException e) {
      attempt = CompletableFuture.failedFuture(e);
    }
    attempt.whenComplete(
        (value, error) -> {
          if (error == null) {
            result.complete(value);
            return;
          }
          Throwable cause =
              error instanceof CompletionException && error.getCause() != null
                  ? error.getCause()
                  : error;
          if (cause instanceof FlyMQException
              && ((FlyMQException) cause).retriable()
              && done < retries) {
            try {
              timer.schedule(
                  () -> attempt(operation, done + 1, result),
                  backoffMs(done + 1),
                  TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException closed) {
              result.completeExceptionally(cause); // the client is closing: no more attempts
            }
          } else {
            result.completeExceptionally(cause);
          }
        });
  }
}
