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
 * Runs an asynchronous operation again after a retriable {@link FlyMQException}, waiting an
 * exponentially growing delay (initial, doubled, capped, with up to 20% jitter so that many clients
 * do not retry in step). Thread-safe.
 */
public final class Retrier {
  private final int retries;
  private final Duration initial;
  private final Duration max;
  private final ScheduledExecutorService timer;

  /**
   * @param retries extra attempts after the first
   * @param initial the first delay
   * @param max the longest delay
   * @param timer runs the delayed attempts
   */
  public Retrier(int retries, Duration initial, Duration max, ScheduledExecutorService timer) {
    this.retries = retries;
    this.initial = initial;
    this.max = max;
    this.timer = timer;
  }

  /** The delay before retry number {@code attempt} (1-based). */
  public long backoffMs(int attempt) {
    long delay = initial.toMillis() << Math.min(20, attempt - 1);
    long capped = Math.min(max.toMillis(), delay);
    return capped
        + (long) (capped * 0.2 * java.util.concurrent.ThreadLocalRandom.current().nextDouble());
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
