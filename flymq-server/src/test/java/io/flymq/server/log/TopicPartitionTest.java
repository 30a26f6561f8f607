package io.flymq.server.log;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TopicPartitionTest {
  @Test
  void shouldKeepPlainNamesAndEscapeEverythingElseInDirectoryNames() {
    assertThat(new TopicPartition("orders.v1_x-y", 3).directoryName()).isEqualTo("orders.v1_x-y-3");
    assertThat(new TopicPartition("sensors/room1/temp", 0).directoryName())
        .isEqualTo("sensors%2Froom1%2Ftemp-0");
    assertThat(new TopicPartition("..", 0).directoryName()).isEqualTo("%2E.-0");
    assertThat(new TopicPartition("ü", 1).directoryName()).isEqualTo("%C3%BC-1");
  }
}
