package io.flymq.server.metadata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class MetadataConfigTest {

  @Test
  void shouldFillDefaults() {
    var config = MetadataConfig.builder().metadataDir(Path.of("data", "metadata")).build();

    assertThat(config.port()).isEqualTo(9093);
    assertThat(config.snapshotThreshold()).isEqualTo(10_000);
    assertThat(config.snapshotOnClose()).isTrue();
    assertThat(config.electionTimeout()).isEqualTo(Duration.ofMillis(1000));
    assertThat(RaftMetadataService.peerIdOf(config.nodeId()).toString()).isEqualTo("node-0");
  }

  @Test
  void shouldParseClusterAddr() {
    var any = MetadataConfig.builder().metadataDir(Path.of("m")).clusterAddr(":9093").build();
    var v4 =
        MetadataConfig.builder().metadataDir(Path.of("m")).clusterAddr("127.0.0.1:19093").build();
    var v6 = MetadataConfig.builder().metadataDir(Path.of("m")).clusterAddr("[::1]:9093").build();

    assertThat(any.host()).isEqualTo("0.0.0.0");
    assertThat(v4.host() + " " + v4.port()).isEqualTo("127.0.0.1 19093");
    assertThat(v6.host()).isEqualTo("::1");
    assertThatThrownBy(() -> MetadataConfig.builder().clusterAddr("localhost"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("cluster.addr: localhost");
  }

  @Test
  void shouldReportEveryBadValueAtOnce() {
    assertThatThrownBy(
            () ->
                MetadataConfig.builder()
                    .nodeId("a b")
                    .port(0)
                    .snapshotThreshold(0)
                    .electionTimeout(Duration.ofMillis(1))
                    .build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("cluster.node_id")
        .hasMessageContaining("metadataDir")
        .hasMessageContaining("cluster.addr port: 0")
        .hasMessageContaining("snapshotThreshold")
        .hasMessageContaining("cluster.election_timeout_ms");
  }
}
