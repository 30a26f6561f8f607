package io.flymq.server.network;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/** Counts requests in flight across all connections, so shutdown can drain them. Thread-safe. */
final class InflightTracker {
  private final AtomicInteger inflight = new AtomicInteger();

  void started() {
    inflight.incrementAndGet();
  }

  void finished() {
    inflight.decrementAndGet();
  }

  int inflight() {
    return inflight.get();
  }

  /** Waits until no request is in flight or the timeout passes; returns whether it drained. */
  boolean awaitDrained(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (inflight.get() > 0) {
      if (System.nanoTime() > deadline) {
        return false;
      }
      Thread.sleep(5);
    }
    return true;
  }
}
