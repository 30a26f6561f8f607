package io.flymq.server;

import io.flymq.server.config.ConfigException;
import io.flymq.server.config.ConfigLoader;
import io.flymq.server.config.ServerConfig;
import io.flymq.server.config.ServerFlags;
import io.flymq.server.config.UsageException;
import java.io.IOException;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;

/**
 * {@code bin/flymq}: parses the flags, loads the configuration (defaults < file < FLYMQ_*
 * environment < flags), sets up logging, starts the broker and stops it cleanly on SIGTERM or
 * Ctrl-C. Exit codes: 0 after a clean stop or for -help/-version, 2 for a usage error, 78 for a
 * configuration error, 1 when the broker cannot start.
 */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    ServerFlags flags;
    try {
      flags = ServerFlags.parse(args);
    } catch (UsageException e) {
      System.err.println("flymq: " + e.getMessage());
      System.exit(UsageException.EXIT_CODE);
      return;
    }
    if (flags.printHelp()) {
      System.out.println(ServerFlags.usage());
      return;
    }
    if (flags.printVersion()) {
      System.out.println("flymq " + ServerFlags.version());
      return;
    }
    ServerConfig config;
    try {
      config = ConfigLoader.load(flags, System.getenv());
    } catch (ConfigException e) {
      System.err.println("flymq: " + e.getMessage());
      System.exit(ConfigException.EXIT_CODE);
      return;
    }
    // Before the first logger exists: logback.xml reads these.
    System.setProperty("flymq.log.format", config.logFormat());
    System.setProperty("flymq.log.level", config.logLevel().name().toLowerCase(Locale.ROOT));
    System.exit(run(config));
  }

  private static int run(ServerConfig config) {
    Broker broker;
    try {
      broker = Broker.start(config);
    } catch (IOException | RuntimeException e) {
      org.slf4j.LoggerFactory.getLogger(Main.class)
          .error("FlyMQ could not start: {}", e.getMessage(), e);
      return 1;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  broker.close();
                  stopped.countDown();
                },
                "flymq-shutdown"));
    try {
      stopped.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return 0;
  }
}
