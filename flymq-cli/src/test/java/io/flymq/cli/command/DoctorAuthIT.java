package io.flymq.cli.command;

import static org.assertj.core.api.Assertions.assertThat;

import io.flymq.cli.testing.CliRunner;
import io.flymq.cli.testing.CliRunner.Result;
import io.flymq.client.testing.ScriptedBroker;
import io.flymq.protocol.error.ErrorCode;
import io.flymq.protocol.message.ErrorResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * doctor's authentication findings. The broker's user store arrives with the security issue, so a
 * scripted broker plays one that requires authentication (STYLE 7: scripted peers only for replies
 * the real broker cannot give yet): it answers every request with the ERROR frame a secured broker
 * sends, and drops connections that do not speak the protocol (doctor's TLS probe).
 */
class DoctorAuthIT {
  @TempDir Path home;

  @Test
  void shouldExplainThatTheBrokerRequiresAuthenticationWithAFix() throws Exception {
    try (ScriptedBroker broker =
        new ScriptedBroker(
            request ->
                ErrorResponse.of(ErrorCode.AUTHENTICATION_REQUIRED, "authentication required"))) {
      CliRunner cli = new CliRunner(broker.bootstrap(), home.resolve("c.yaml"));

      Result result = cli.run("doctor", "-o", "json");

      assertThat(result.exitCode()).isEqualTo(1);
      assertThat(result.out())
          .contains("\"check\" : \"reachable\",\n  \"status\" : \"ok\"")
          .contains("\"check\" : \"handshake\",\n  \"status\" : \"fail\"")
          .containsIgnoringCase("auth")
          .contains("--username");
    }
  }
}
