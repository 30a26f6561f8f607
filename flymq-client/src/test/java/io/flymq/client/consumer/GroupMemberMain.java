package io.flymq.client.consumer;

import io.flymq.client.TopicPartition;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A group member in its own JVM, for tests that kill a member the hard way: joins {@code group} on
 * {@code topic} and polls forever, printing {@code OWNED <partition numbers>} whenever its
 * assignment changes. Arguments: bootstrap, group, topic, session timeout in ms.
 */
public final class GroupMemberMain {
  private GroupMemberMain() {}

  public static void main(String[] args) {
    try (FlyMQConsumer<String, String> consumer =
        GroupTestSupport.consumer(args[0], args[1], Map.of("session.timeout.ms", args[3]))) {
      consumer.subscribe(List.of(args[2]));
      Set<Integer> last = null;
      while (true) {
        consumer.poll(Duration.ofMillis(100));
        Set<Integer> owned = new TreeSet<>();
        for (TopicPartition tp : consumer.assignment()) {
          owned.add(tp.partition());
        }
        if (!owned.equals(last)) {
          System.out.println("OWNED " + owned);
          System.out.flush();
          last = owned;
        }
      }
    }
  }
}
