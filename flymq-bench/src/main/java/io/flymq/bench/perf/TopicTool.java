package io.flymq.bench.perf;

import io.flymq.client.FlyMQ;
import io.flymq.client.FlyMQClient;
import io.flymq.client.TopicInfo;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;

/**
 * {@code bin/flymq-bench topic}: creates and deletes the perf scripts' topics through the client.
 * {@code create} succeeds when the topic already exists with the same partition count (as Kafka's
 * {@code --if-not-exists}), so scripts can rerun.
 */
public final class TopicTool {
  static final String USAGE =
      """
      usage: flymq-bench topic [--bootstrap-server HOST:PORT] create TOPIC PARTITIONS
             flymq-bench topic [--bootstrap-server HOST:PORT] delete TOPIC...
             flymq-bench topic [--bootstrap-server HOST:PORT] list
      The bootstrap server defaults to 127.0.0.1:9092.""";

  private TopicTool() {}

  public static void main(String[] args) {
    List<String> rest = Arrays.asList(args);
    String bootstrap = "127.0.0.1:9092";
    if (rest.size() >= 2 && rest.get(0).equals("--bootstrap-server")) {
      bootstrap = rest.get(1);
      rest = rest.subList(2, rest.size());
    }
    if (rest.isEmpty() || rest.get(0).equals("--help")) {
      System.out.println(USAGE);
      return;
    }
    try (FlyMQClient client = FlyMQ.connect(bootstrap)) {
      run(client, rest, System.out);
    } catch (IllegalArgumentException e) {
      System.err.println("flymq-bench topic: " + e.getMessage());
      System.err.println(USAGE);
      System.exit(1);
    } catch (RuntimeException e) {
      System.err.println("flymq-bench topic: " + e.getMessage());
      System.exit(1);
    }
  }

  static void run(FlyMQClient client, List<String> args, PrintStream out) {
    switch (args.get(0)) {
      case "create" -> {
        if (args.size() != 3) {
          throw new IllegalArgumentException("create takes TOPIC PARTITIONS");
        }
        String topic = args.get(1);
        int partitions = (int) CommandLine.parseLong("PARTITIONS", args.get(2));
        if (client.listTopics().contains(topic)) {
          TopicInfo info = client.topic(topic);
          if (info.partitions() != partitions) {
            throw new IllegalArgumentException(
                "topic "
                    + topic
                    + " exists with "
                    + info.partitions()
                    + " partitions (expected: "
                    + partitions
                    + ")");
          }
          out.println("Topic " + topic + " exists.");
          return;
        }
        client.createTopic(topic, partitions);
        out.println("Created topic " + topic + ".");
      }
      case "delete" -> {
        for (String topic : args.subList(1, args.size())) {
          client.deleteTopic(topic);
          out.println("Deleted topic " + topic + ".");
        }
      }
      case "list" -> client.listTopics().forEach(out::println);
      default -> throw new IllegalArgumentException("unknown command: " + args.get(0));
    }
  }
}
