package io.flymq.cli.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flymq.cli.command.StartPosition.Kind;
import org.junit.jupiter.api.Test;

class StartPositionTest {
  @Test
  void shouldParseNamedPositionsOffsetsAndTimes() {
    assertThat(StartPosition.parse("--from", "earliest").kind()).isEqualTo(Kind.EARLIEST);
    assertThat(StartPosition.parse("--from", "LATEST").kind()).isEqualTo(Kind.LATEST);
    assertThat(StartPosition.parse("--from", "42")).isEqualTo(new StartPosition(Kind.OFFSET, 42));
    assertThat(StartPosition.parse("--from", "1700000000000"))
        .isEqualTo(new StartPosition(Kind.TIMESTAMP, 1_700_000_000_000L));
    assertThat(StartPosition.parse("--from", "@5")).isEqualTo(new StartPosition(Kind.TIMESTAMP, 5));
    assertThat(StartPosition.parse("--from", "1970-01-01T00:00:01Z"))
        .isEqualTo(new StartPosition(Kind.TIMESTAMP, 1000));
    assertThat(StartPosition.parse("--from", "1970-01-01T01:00:00+01:00").value()).isZero();
    assertThat(StartPosition.parse("--from", "1970-01-02").value()).isEqualTo(86_400_000L);
  }

  @Test
  void shouldRejectAnythingElseWithTheAcceptedForms() {
    assertThatThrownBy(() -> StartPosition.parse("--from", "yesterday"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("--from: 'yesterday' (expected: earliest, latest, an offset");
  }
}
