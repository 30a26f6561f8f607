package io.flymq.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flymq.client.errors.AuthenticationFailedException;
import io.flymq.client.testing.ScriptedBroker;
import io.flymq.protocol.Message;
import io.flymq.protocol.Opcode;
import io.flymq.protocol.message.auth.AuthRequest;
import io.flymq.protocol.message.auth.ReferenceIdentityResponse;
import io.flymq.protocol.message.core.ListTopicsResponse;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Credentials: every new connection authenticates before its first request. The broker's user store
 * arrives with the security issue, so a scripted broker gives the AUTH answers.
 */
class AuthenticationIT {
  private static Message answer(Message request, String acceptedPassword) {
    if (request instanceof AuthRequest auth) {
      boolean ok = auth.password().equals(acceptedPassword);
      return new ReferenceIdentityResponse(
          Opcode.AUTH_RESPONSE,
          ok,
          ok ? auth.username() : "",
          List.of(),
          ok ? "" : "invalid username or password");
    }
    return new ListTopicsResponse(List.of("orders"));
  }

  @Test
  void shouldAuthenticateBeforeTheFirstRequest() throws Exception {
    try (ScriptedBroker broker = new ScriptedBroker(r -> answer(r, "s3cret"));
        FlyMQClient client =
            FlyMQClient.builder()
                .bootstrapServers(broker.bootstrap())
                .credentials("alice", "s3cret")
                .build()) {
      assertThat(client.listTopics()).containsExactly("orders");
      assertThat(broker.received().get(0)).isEqualTo(new AuthRequest("alice", "s3cret"));
    }
  }

  @Test
  void shouldReportRefusedCredentialsWithAHintAndNotRetryThem() throws Exception {
    try (ScriptedBroker broker = new ScriptedBroker(r -> answer(r, "right"));
        FlyMQClient client =
            FlyMQClient.builder()
                .bootstrapServers(broker.bootstrap())
                .credentials("alice", "wrong")
                .build()) {
      assertThatThrownBy(client::listTopics)
          .isInstanceOf(AuthenticationFailedException.class)
          .hasMessageContaining("authentication as alice failed: invalid username or password")
          .hasMessageContaining("Check the username and password");
      assertThat(broker.received()).hasSize(1);
    }
  }
}
