package io.flymq.cli.command;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Ctrl-C for commands that follow a stream: a command registers what stops it cleanly (e.g. wake
 * its consumer so it commits and returns), {@code Main} calls {@link #fire()} from its shutdown
 * hook, and tests call it directly. Thread-safe.
 */
public final class Interrupts {
  private final List<Runnable> handlers = new CopyOnWriteArrayList<>();
  private volatile boolean fired;

  /** A handler's registration; closing it removes the handler. */
  public interface Registration extends AutoCloseable {
    @Override
    void close();
  }

  /** Runs {@code handler} on interrupt (at once, if already interrupted) until closed. */
  public Registration onInterrupt(Runnable handler) {
    handlers.add(handler);
    if (fired) {
      handler.run();
    }
    return () -> handlers.remove(handler);
  }

  /**
   * Interrupts: runs every registered handler.
   *
   * @return how many handlers ran; 0 means nothing waits for a clean stop
   */
  public int fire() {
    fired = true;
    int ran = 0;
    for (Runnable handler : handlers) {
      handler.run();
      ran++;
    }
    return ran;
  }

  /** Whether {@link #fire()} was called. */
  public boolean fired() {
    return fired;
  }
}
