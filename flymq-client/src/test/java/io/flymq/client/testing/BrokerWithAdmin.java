package io.flymq.client.testing;

import io.flymq.client.FlyMQClient;
import io.flymq.server.testing.TestBroker;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Base of integration tests that share one broker in this JVM, on loopback with random ports and a
 * temporary data directory, and one admin client of it, for the whole test class. Tests that need
 * their own broker settings or restarts start a {@link TestBroker} themselves.
 */
public abstract class BrokerWithAdmin {
  protected static TestBroker broker;
  protected static FlyMQClient admin;

  @BeforeAll
  static void startBrokerAndAdmin() throws Exception {
    broker = TestBroker.start();
    admin = FlyMQClient.builder().bootstrapServers(broker.bootstrap()).build();
  }

  @AfterAll
  static void stopBrokerAndAdmin() throws Exception {
    admin.close();
    broker.close();
  }
}
