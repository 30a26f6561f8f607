package io.flymq.server.metadata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TopicValidationTest {

  @Test
  void shouldAcceptKafkaNamesAndSlashSeparatedLevels() {
    for (String name :
        List.of("orders", "a", "A.b_c-9", "...x", "sensors/room1/temp", "x".repeat(249))) {
      assertThatCode(() -> TopicValidation.validateName(name)).as(name).doesNotThrowAnyException();
    }
  }

  @Test
  void shouldRejectBadNamesWithCodeAndReason() {
    for (String name :
        List.of(
            "",
            ".",
            "..",
            "a b",
            "a\\b",
            "a\u0000b",
            "é",
            "a+b",
            "a#",
            "/a",
            "a/",
            "a//b",
            "a/../b",
            "a/./b",
            "x".repeat(250))) {
      assertThatThrownBy(() -> TopicValidation.validateName(name))
          .as(name)
          .isInstanceOfSatisfying(
              MetadataException.class,
              e -> {
                assertThat(e.errorCode()).isEqualTo(MetadataErrorCode.INVALID_TOPIC_NAME);
                assertThat(e.hint()).isNotBlank();
              });
    }
  }

  @Test
  void shouldBoundPartitionCounts() {
    assertThatCode(() -> TopicValidation.validatePartitionCount(1)).doesNotThrowAnyException();
    assertThatCode(() -> TopicValidation.validatePartitionCount(TopicValidation.MAX_PARTITIONS))
        .doesNotThrowAnyException();
    for (int bad : new int[] {0, -1, TopicValidation.MAX_PARTITIONS + 1}) {
      assertThatThrownBy(() -> TopicValidation.validatePartitionCount(bad))
          .isInstanceOf(MetadataException.class)
          .hasMessageContaining("partitions: " + bad);
    }
  }

  @Test
  void shouldCheckConfigKeysAndValues() {
    assertThatCode(
            () ->
                TopicValidation.validateConfigs(
                    Map.of(
                        "retention_ms",
                        "-1",
                        "segment_bytes",
                        "1024",
                        "cleanup_policy",
                        "compact,delete",
                        "retention_bytes",
                        "0")))
        .doesNotThrowAnyException();
    for (var bad :
        List.of(
            Map.of("retention", "1"),
            Map.of("segment_bytes", "0"),
            Map.of("retention_ms", "soon"),
            Map.of("cleanup_policy", "keep"))) {
      assertThatThrownBy(() -> TopicValidation.validateConfigs(bad))
          .as(bad.toString())
          .isInstanceOfSatisfying(
              MetadataException.class,
              e -> assertThat(e.errorCode()).isEqualTo(MetadataErrorCode.INVALID_CONFIG));
    }
  }
}
