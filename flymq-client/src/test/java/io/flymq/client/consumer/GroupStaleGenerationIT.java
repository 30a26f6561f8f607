package io.flymq.client.consumer;

import static io.flymq.client.consumer.GroupTestSupport.EVENTUALLY;
import static io.flymq.client.consumer.GroupTestSupport.consumer;
import static io.flymq.client.consumer.GroupTestSupport.pollAllUntil;
import static io.flymq.client.consumer.GroupTestSupport.produce;
import static io.flymq.client.consumer.GroupTestSupport.splitAs;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.flymq.client.FlyMQClient;
import io.flymq.client.TopicPartition;
import io.flymq.client.consumer.GroupTestSupport.Recorder;
import io.flymq.client.errors.FlyMQException;
import io.flymq.client.testing.BrokerWithAdmin;
import io.flymq.protocol.error.ErrorCode;
import io.flymq.protocol.message.membership.JoinGroupRequest;
import io.flymq.protocol.message.membership.JoinGroupResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Bug (consumer-fixes, STALE_GENERATION): a commit the coordinator fenced as STALE_GENERATION left
 * the consumer on its old generation, so every later commit failed the same way until a heartbeat
 * happened to bring the new generation (with a long {@code heartbeat.interval.ms}, for minutes).
 *
 * <p>The coordinator answers STALE_GENERATION when a commit carries a generation older than the one
 * the member last joined with (docs/protocol.md#membership, commit fencing). The test makes that
 * happen without timing: the member's heartbeats are minutes apart, a second member joins (the
 * group moves to generation 2 and the first member does not hear of it), then the coordinator
 * processes a JOIN for the first member whose answer the consumer never sees, as with a rejoin that
 * timed out on the client after the coordinator had taken it.
 */
class GroupStaleGenerationIT extends BrokerWithAdmin {
  /** Heartbeats minutes apart: the member learns a new generation only if it asks for it. */
  private static final Map<String, String> RARE_HEARTBEATS =
      Map.of(
          "enable.auto.commit", "false",
          "heartbeat.interval.ms", "300000",
          "session.timeout.ms", "600000");

  private static final int RECORDS = 5;

  @Test
  void shouldFailStaleCommitsWithAHintThenRefreshTheGenerationOnTheNextPoll() {
    String topic = "stale-generation";
    String group = "g-" + topic;
    admin.createTopic(topic, 2);
    TopicPartition p0 = new TopicPartition(topic, 0);
    TopicPartition p1 = new TopicPartition(topic, 1);
    produce(admin, topic, 0, 0, RECORDS);
    produce(admin, topic, 1, 0, RECORDS);
    Recorder recorder = new Recorder();
    Map<TopicPartition, Integer> read = new HashMap<>();
    try (FlyMQConsumer<String, String> behind =
            consumer(broker.bootstrap(), group, RARE_HEARTBEATS);
        FlyMQConsumer<String, String> other =
            consumer(broker.bootstrap(), group, Map.of("enable.auto.commit", "false"))) {
      behind.subscribe(List.of(topic), recorder);
      pollAllUntil(
          List.of(behind),
          r -> read.merge(new TopicPartition(r.topic(), r.partition()), 1, Integer::sum),
          () -> read.getOrDefault(p0, 0) == RECORDS && read.getOrDefault(p1, 0) == RECORDS);
      ConsumerGroupMetadata before = behind.groupMetadata();

      other.subscribe(List.of(topic));
      pollAllUntil(List.of(other), () -> other.groupMetadata().generation() > before.generation());
      JoinGroupResponse rejoined = rejoinUnseen(group, topic, before.memberId());
      assertThat(rejoined.generation()).isGreaterThan(before.generation());

      assertThatThrownBy(behind::commitSync)
          .isInstanceOf(FlyMQException.class)
          .hasMessageContaining("generation " + before.generation())
          .satisfies(
              e -> {
                FlyMQException fenced = (FlyMQException) e;
                assertThat(fenced.code()).isEqualTo(ErrorCode.STALE_GENERATION);
                assertThat(fenced.hint()).contains("poll");
              });
      AtomicReference<Exception> asyncOutcome = new AtomicReference<>();
      behind.commitAsync(
          Map.of(p0, OffsetAndMetadata.of(RECORDS)), (offsets, e) -> asyncOutcome.set(e));
      await().atMost(EVENTUALLY).until(() -> asyncOutcome.get() != null);
      assertThat(((FlyMQException) asyncOutcome.get()).code())
          .isEqualTo(ErrorCode.STALE_GENERATION);
      // Fenced commits store nothing, and are not retried under another generation.
      assertThat(behind.committed(Set.of(p0, p1))).isEmpty();

      // The next polls refresh the membership: the current generation, and the revocation of the
      // partition the other member was given while this one was behind.
      List<FlyMQConsumer<String, String>> both = List.of(behind, other);
      pollAllUntil(
          both,
          () ->
              behind.groupMetadata().generation() >= rejoined.generation()
                  && splitAs(both, 2, 1, 1));

      Set<TopicPartition> kept = behind.assignment();
      assertThat(behind.groupMetadata().memberId()).isEqualTo(before.memberId());
      assertThat(recorder.lost).isEmpty();
      assertThat(recorder.revoked).containsExactly(other.assignment());
      behind.commitSync();
      TopicPartition keptPartition = kept.iterator().next();
      assertThat(behind.committed(Set.of(p0, p1)))
          .containsExactly(Map.entry(keptPartition, OffsetAndMetadata.of(RECORDS)));
    }
  }

  /**
   * Has the coordinator process a JOIN_GROUP for {@code memberId}, as the member's own rejoin
   * would, without the member seeing the answer.
   */
  private static JoinGroupResponse rejoinUnseen(String group, String topic, String memberId) {
    JoinGroupResponse response =
        (JoinGroupResponse)
            FlyMQClient.await(
                admin.call(
                    new JoinGroupRequest(
                        group, memberId, "", List.of(topic), 600_000, 300_000, "")));
    assertThat(response.errorCode()).isEqualTo(ErrorCode.NONE);
    assertThat(response.memberId()).isEqualTo(memberId);
    return response;
  }
}
