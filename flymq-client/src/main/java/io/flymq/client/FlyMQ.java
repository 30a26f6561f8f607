package io.flymq.client;

/**
 * One-line entry points.
 *
 * <pre>{@code
 * try (FlyMQClient client = FlyMQ.connect("localhost:9092")) {
 *   client.createTopic("events", 3);
 * }
 * }</pre>
 */
public final class FlyMQ {
  private FlyMQ() {}

  /**
   * A client of the brokers at {@code bootstrapServers} with default settings. It connects on the
   * first request, so an unreachable broker is reported there.
   *
   * @param bootstrapServers {@code host:port[,host:port...]}
   * @throws IllegalArgumentException if the address list is malformed
   */
  public static FlyMQClient connect(String bootstrapServers) {
    return FlyMQClient.builder().bootstrapServers(bootstrapServers).build();
  }
}
