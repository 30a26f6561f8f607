package io.flymq.client.internal.producer;

import io.flymq.client.FlyMQClient;
import io.flymq.client.errors.ClientClosedException;
import io.flymq.client.errors.FlyMQException;
import io.flymq.client.errors.TimeoutException;
import io.flymq.client.internal.Backoff;
import io.flymq.client.producer.ProducerConfig;
import io.flymq.protocol.error.ErrorCode;
import io.flymq.protocol.message.batch.ProduceBatchResponse;
import java.util.concurrent.CompletionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The producer's I/O thread: takes ready batches from the {@link RecordAccumulator}, builds them
 * (compressing here, not on the application's thread) and sends each as one PRODUCE_BATCH; the
 * connection's reader thread then completes the batch: every record's future and callback, the
 * buffer memory, the partition's in-flight slot. Retriable failures are sent again after a backoff
 * while the batch is within {@code delivery.timeout.ms} and {@code retries}; anything else fails
 * the batch's records.
 *
 * <p>The thread sleeps until the next linger deadline and is woken by {@link #wakeUp()} when a
 * batch fills, a flush starts or an in-flight slot frees.
 */
final class Sender implements Runnable {
  private static final Logger LOG = LoggerFactory.getLogger(Sender.class);

  private final FlyMQClient client;
  private final RecordAccumulator accumulator;
  private final BufferMemory memory;
  private final ProducerConfig config;
  private final Backoff backoff;
  private final Consumer<ProducerBatch> sendOne = this::send;
  private final AtomicInteger forcing = new AtomicInteger();
  private volatile Thread thread;
  private volatile boolean running = true;
  private volatile boolean wakeRequested;

  Sender(
      FlyMQClient client,
      RecordAccumulator accumulator,
      BufferMemory memory,
      ProducerConfig config) {
    this.client = client;
    this.accumulator = accumulator;
    this.memory = memory;
    this.config = config;
    this.backoff = new Backoff(config.client().retryBackoff(), config.client().retryBackoffMax());
  }

  void start(String name) {
    Thread t = new Thread(this, name);
    t.setDaemon(true);
    thread = t;
    t.start();
  }

  @Override
  public void run() {
    while (running) {
      wakeRequested = false;
      long waitNanos = accumulator.drain(System.nanoTime(), forcing.get() > 0, sendOne);
      if (!wakeRequested) {
        LockSupport.parkNanos(this, Math.min(waitNanos, TimeUnit.MILLISECONDS.toNanos(100)));
      }
    }
  }

  /**
   * Sends the ready batches from the calling thread. With {@code linger.ms=0} the application's
   * thread does this itself: a synchronous send-and-wait loop then skips the hand-over to the I/O
   * thread, a wake-up that costs tens of microseconds per record.
   */
  void drainNow() {
    accumulator.drain(System.nanoTime(), forcing.get() > 0, sendOne);
  }

  /** Makes the thread look at the queues now. */
  void wakeUp() {
    wakeRequested = true;
    Thread t = thread;
    if (t != null) {
      LockSupport.unpark(t);
    }
  }

  /** While at least one force is on (flush, close), every batch is ready at once. */
  void forceOn() {
    forcing.incrementAndGet();
    wakeUp();
  }

  void forceOff() {
    forcing.decrementAndGet();
  }

  /** Stops the thread after its current pass. */
  void stop() {
    running = false;
    wakeUp();
    Thread t = thread;
    if (t != null && t != Thread.currentThread()) {
      try {
        t.join(5000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private void send(ProducerBatch batch) {
    batch.attempts++;
    client
        .produceBatchAsync(
            batch.partition.topic(),
            batch.partition.partition(),
            config.acks().wire(),
            config.client().requestTimeout(),
            batch.bytes())
        .whenComplete((response, error) -> onResponse(batch, response, error));
  }

  private void onResponse(ProducerBatch batch, ProduceBatchResponse response, Throwable error) {
    FlyMQException failure = failure(batch, response, error);
    if (failure == null) {
      finish(batch, null, response);
      return;
    }
    boolean timeLeft = System.nanoTime() - batch.createdNanos < config.deliveryTimeout().toNanos();
    if (failure.retriable() && timeLeft && batch.attempts <= config.client().retries() && running) {
      LOG.debug("retrying batch for {} after: {}", batch.partition, failure.getMessage());
      try {
        client
            .scheduler()
            .schedule(() -> send(batch), backoff.delayMs(batch.attempts), TimeUnit.MILLISECONDS);
        return;
      } catch (RejectedExecutionException closing) {
        failure = new ClientClosedException("producer closed while retrying " + batch.partition);
      }
    } else if (failure.retriable() && !timeLeft) {
      failure =
          new TimeoutException(
              "batch for "
                  + batch.partition
                  + " not acknowledged within delivery.timeout.ms ("
                  + config.deliveryTimeout().toMillis()
                  + " ms) after "
                  + batch.attempts
                  + " attempt(s); last error: "
                  + failure.getMessage(),
              "Check that the broker is up and the topic exists; raise delivery.timeout.ms to wait"
                  + " longer.");
    }
    finish(batch, failure, null);
  }

  private static FlyMQException failure(
      ProducerBatch batch, ProduceBatchResponse response, Throwable error) {
    if (error != null) {
      Throwable cause =
          error instanceof CompletionException && error.getCause() != null
              ? error.getCause()
              : error;
      return cause instanceof FlyMQException
          ? (FlyMQException) cause
          : new FlyMQException(
              ErrorCode.UNCLASSIFIED,
              "produce to " + batch.partition + " failed: " + cause,
              "See the cause.",
              false,
              cause);
    }
    if (response.errorCode() != ErrorCode.NONE) {
      return FlyMQException.of(
          response.errorCode(),
          "produce to " + batch.partition + " failed: " + response.errorCode());
    }
    return null;
  }

  /** Fails a batch that will not be sent or answered (producer closing). */
  void abort(ProducerBatch batch, FlyMQException failure) {
    finish(batch, failure, null);
  }

  private void finish(ProducerBatch batch, FlyMQException failure, ProduceBatchResponse response) {
    if (!batch.markFinished()) {
      return;
    }
    accumulator.completed(batch);
    memory.release(batch.reservedBytes());
    wakeUp();
    if (failure == null) {
      batch.succeed(response.baseOffset(), response.logAppendTime());
    } else {
      batch.fail(failure);
    }
  }
}
