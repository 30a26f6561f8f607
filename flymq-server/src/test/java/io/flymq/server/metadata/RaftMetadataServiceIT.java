package io.flymq.server.metadata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real single-peer Ratis group on loopback, on a temporary directory. */
class RaftMetadataServiceIT {
  private static final Clock CLOCK =
      Clock.fixed(Instant.ofEpochMilli(1_700_000_000_000L), ZoneOffset.UTC);

  @TempDir Path dataDir;
  private final List<RaftMetadataService> started = new ArrayList<>();

  @AfterEach
  void closeAll() throws IOException {
    for (RaftMetadataService service : started) {
      service.close();
    }
  }

  @Test
  void shouldCreateListAlterGrowAndDeleteTopics() throws IOException {
    var service = start(config().build());

    TopicMetadata orders = service.createTopic("orders", 3, Map.of("retention_ms", "1000")).join();
    service.createTopic("sensors/room1/temp", 1, Map.of()).join();

    assertThat(orders.partitionCount()).isEqualTo(3);
    assertThat(orders.partitions()).containsOnly(new PartitionAssignment(0, 0));
    assertThat(orders.createdAtMs()).isEqualTo(CLOCK.millis());
    assertThat(service.image().topics().keySet()).containsExactly("orders", "sensors/room1/temp");
    assertThat(service.image().topic("orders")).contains(orders);

    TopicMetadata altered =
        service
            .alterTopicConfig("orders", Map.of("cleanup_policy", "compact"), Set.of("retention_ms"))
            .join();
    assertThat(altered.configs()).isEqualTo(Map.of("cleanup_policy", "compact"));
    assertThat(altered.topicId()).isEqualTo(orders.topicId());

    TopicMetadata grown = service.createPartitions("orders", 5).join();
    assertThat(grown.partitionCount()).isEqualTo(5);

    TopicMetadata deleted = service.deleteTopic("orders").join();
    assertThat(deleted).isEqualTo(grown);
    assertThat(service.image().topics().keySet()).containsExactly("sensors/room1/temp");
  }

  @Test
  void shouldFailWithTypedErrors() throws IOException {
    var service = start(config().build());
    service.createTopic("orders", 1, Map.of()).join();

    assertFailsWith(
        service.createTopic("orders", 2, Map.of()), MetadataErrorCode.TOPIC_ALREADY_EXISTS);
    assertFailsWith(service.deleteTopic("missing"), MetadataErrorCode.UNKNOWN_TOPIC);
    assertFailsWith(
        service.alterTopicConfig("missing", Map.of(), Set.of()), MetadataErrorCode.UNKNOWN_TOPIC);
    assertFailsWith(service.createPartitions("orders", 1), MetadataErrorCode.INVALID_PARTITIONS);
    assertFailsWith(service.createTopic("a b", 1, Map.of()), MetadataErrorCode.INVALID_TOPIC_NAME);
    assertFailsWith(service.createTopic("x", 0, Map.of()), MetadataErrorCode.INVALID_PARTITIONS);
    assertFailsWith(
        service.createTopic("x", 1, Map.of("retention", "1")), MetadataErrorCode.INVALID_CONFIG);
    assertThat(service.image().topic("orders").orElseThrow().partitionCount()).isEqualTo(1);
  }

  @Test
  void shouldKeepTopicsAcrossRestart() throws IOException {
    var config = config().snapshotOnClose(false).build();
    var first = start(config);
    first.createTopic("orders", 2, Map.of("segment_bytes", "4096")).join();
    first.createTopic("payments", 1, Map.of()).join();
    first.deleteTopic("payments").join();
    MetadataImage before = first.image();
    first.close();

    var second = start(config);

    assertThat(second.stateMachine().loadedSnapshotIndex())
        .as("no snapshot: the log is replayed")
        .isEqualTo(-1);
    assertThat(second.image()).isEqualTo(before);
    second.createTopic("payments", 1, Map.of()).join();
    assertThat(second.image().topics().keySet()).containsExactly("orders", "payments");
  }

  @Test
  void shouldLoadTheSnapshotAndReplayTheEntriesAfterIt() throws IOException {
    var config = config().snapshotThreshold(5).snapshotOnClose(false).build();
    var first = start(config);
    for (int i = 0; i < 12; i++) {
      first.createTopic("t" + i, 1, Map.of()).join();
    }
    await().atMost(Duration.ofSeconds(30)).until(() -> !snapshotFiles(config).isEmpty());
    first.deleteTopic("t0").join();
    first.createTopic("after", 1, Map.of()).join();
    MetadataImage before = first.image();
    first.close();

    var second = start(config);

    long snapshotIndex = second.stateMachine().loadedSnapshotIndex();
    assertThat(snapshotIndex).as("a snapshot was loaded").isPositive();
    assertThat(snapshotIndex).as("entries after the snapshot exist").isLessThan(before.version());
    assertThat(second.image()).isEqualTo(before);
  }

  @Test
  void shouldTakeASnapshotOnCloseAndStartFromIt() throws IOException {
    var config = config().build();
    var first = start(config);
    first.createTopic("orders", 1, Map.of()).join();
    MetadataImage before = first.image();
    first.close();

    assertThat(snapshotFiles(config)).isNotEmpty();
    var second = start(config);

    assertThat(second.stateMachine().loadedSnapshotIndex())
        .isGreaterThanOrEqualTo(before.version());
    assertThat(second.image()).isEqualTo(before);
  }

  @Test
  void shouldRefuseToStartFromACorruptSnapshot() throws IOException {
    var config = config().startTimeout(Duration.ofSeconds(20)).build();
    var first = start(config);
    first.createTopic("orders", 1, Map.of()).join();
    first.close();
    Path snapshot = snapshotFiles(config).getFirst();
    byte[] bytes = Files.readAllBytes(snapshot);
    bytes[bytes.length / 2] ^= 0x01;
    Files.write(snapshot, bytes);

    // Starting from an older state (or none) would silently lose topics: refuse instead.
    assertThatThrownBy(() -> start(config))
        .isInstanceOf(IOException.class)
        .hasCauseInstanceOf(CorruptMetadataException.class)
        .hasMessageContaining("CRC32C");
  }

  @Test
  void shouldServeConcurrentProposalsAndReads() throws Exception {
    var service = start(config().build());
    int threads = 4;
    int perThread = 20;
    var pool = Executors.newFixedThreadPool(threads + 1);
    var stop = new AtomicBoolean();
    try {
      var reader =
          CompletableFuture.runAsync(
              () -> {
                long last = 0;
                while (!stop.get() && service.image().topics().size() < threads * perThread) {
                  MetadataImage image = service.image();
                  assertThat(image.version()).isGreaterThanOrEqualTo(last);
                  last = image.version();
                }
              },
              pool);
      List<CompletableFuture<TopicMetadata>> all = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int thread = t;
        all.add(
            CompletableFuture.supplyAsync(
                () -> {
                  TopicMetadata lastCreated = null;
                  for (int i = 0; i < perThread; i++) {
                    lastCreated =
                        service.createTopic("t" + thread + "-" + i, 1 + i % 3, Map.of()).join();
                  }
                  return lastCreated;
                },
                pool));
      }
      CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).join();
      reader.get(30, TimeUnit.SECONDS);
    } finally {
      stop.set(true);
      pool.shutdownNow();
    }
    assertThat(service.image().topics()).hasSize(threads * perThread);
    assertThat(service.image().topic("t3-19").orElseThrow().partitionCount()).isEqualTo(2);
  }

  @Test
  void shouldTellListenersOfCreationsAndDeletions() throws IOException {
    var service = start(config().build());
    List<String> events = Collections.synchronizedList(new ArrayList<>());
    service.addListener(
        (before, after) -> {
          after.topics().keySet().stream()
              .filter(t -> !before.hasTopic(t))
              .forEach(t -> events.add("+" + t));
          before.topics().keySet().stream()
              .filter(t -> !after.hasTopic(t))
              .forEach(t -> events.add("-" + t));
        });

    service.createTopic("orders", 1, Map.of()).join();
    service.createTopic("orders", 1, Map.of()).exceptionally(e -> null).join();
    service.deleteTopic("orders").join();

    // Listeners run before the proposal's future completes, so no waiting is needed.
    assertThat(events).containsExactly("+orders", "-orders");
  }

  private MetadataConfig.Builder config() {
    return MetadataConfig.builder()
        .metadataDir(MetadataConfig.metadataDirOf(dataDir))
        .host("127.0.0.1")
        .port(freePort())
        .electionTimeout(Duration.ofMillis(150))
        .startTimeout(Duration.ofSeconds(30))
        .requestTimeout(Duration.ofSeconds(30));
  }

  private RaftMetadataService start(MetadataConfig config) throws IOException {
    var service = new RaftMetadataService(config, CLOCK);
    started.add(service);
    service.start();
    return service;
  }

  private static List<Path> snapshotFiles(MetadataConfig config) throws IOException {
    Path sm =
        config
            .metadataDir()
            .resolve(RaftMetadataService.GROUP_ID.getUuid().toString())
            .resolve("sm");
    if (!Files.isDirectory(sm)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(sm)) {
      return files.filter(f -> f.getFileName().toString().matches("snapshot\\.\\d+_\\d+")).toList();
    }
  }

  private static void assertFailsWith(CompletableFuture<?> future, MetadataErrorCode code) {
    assertThatThrownBy(future::join)
        .isInstanceOf(CompletionException.class)
        .cause()
        .isInstanceOfSatisfying(
            MetadataException.class,
            e -> {
              assertThat(e.errorCode()).isEqualTo(code);
              assertThat(e.hint()).isNotBlank();
            });
  }

  private static int freePort() {
    try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
