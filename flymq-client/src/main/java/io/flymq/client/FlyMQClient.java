package io.flymq.client;

import io.flymq.client.errors.BrokerUnavailableException;
import io.flymq.client.errors.ClientClosedException;
import io.flymq.client.errors.FlyMQException;
import io.flymq.client.errors.TimeoutException;
import io.flymq.client.internal.BrokerConnection;
import io.flymq.client.internal.Retrier;
import io.flymq.protocol.Message;
import io.flymq.protocol.Opcode;
import io.flymq.protocol.error.ErrorCode;
import io.flymq.protocol.message.EmptyRequest;
import io.flymq.protocol.message.TopicRequest;
import io.flymq.protocol.message.batch.FetchBatchesRequest;
import io.flymq.protocol.message.batch.FetchBatchesResponse;
import io.flymq.protocol.message.batch.ProduceBatchRequest;
import io.flymq.protocol.message.batch.ProduceBatchResponse;
import io.flymq.protocol.message.core.CommitRequest;
import io.flymq.protocol.message.core.ConsumeRequest;
import io.flymq.protocol.message.core.ConsumeResponse;
import io.flymq.protocol.message.core.CreateTopicRequest;
import io.flymq.protocol.message.core.FetchRequest;
import io.flymq.protocol.message.core.FetchResponse;
import io.flymq.protocol.message.core.ListTopicsResponse;
import io.flymq.protocol.message.core.MetadataResponse;
import io.flymq.protocol.message.core.OffsetResponse;
import io.flymq.protocol.message.core.ProduceRequest;
import io.flymq.protocol.message.core.RecordMetadata;
import io.flymq.protocol.message.core.SubscribeRequest;
import io.flymq.protocol.message.group.DescribeGroupResponse;
import io.flymq.protocol.message.group.GetLagResponse;
import io.flymq.protocol.message.group.GroupPartitionRequest;
import io.flymq.protocol.message.group.GroupRequest;
import io.flymq.protocol.message.group.GroupSummary;
import io.flymq.protocol.message.group.ListGroupsResponse;
import io.flymq.protocol.message.group.ResetOffsetRequest;
import io.flymq.protocol.message.group.SeekToTimestampRequest;
import io.flymq.protocol.message.membership.GroupDescribeRequest;
import io.flymq.protocol.message.membership.GroupDescribeResponse;
import io.flymq.protocol.message.topic.AlterTopicConfigRequest;
import io.flymq.protocol.message.topic.TopicConfigResponse;
import io.flymq.protocol.message.version.ApiVersionsResponse;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The low-level FlyMQ client: one method per protocol operation, each returning a typed result.
 * {@link io.flymq.client.producer.FlyMQProducer} and {@link io.flymq.client.consumer.FlyMQConsumer}
 * are built on it; use it directly for administration and for operations they do not cover.
 *
 * <pre>{@code
 * try (FlyMQClient client = FlyMQ.connect("localhost:9092")) {
 *   client.createTopic("orders", 6);
 *   long offset = client.produce("orders", "order-1".getBytes(), "{...}".getBytes()).offset();
 * }
 * }</pre>
 *
 * <p>All requests share one connection to the broker: with protocol v2 (the default) they are
 * multiplexed, any number in flight from any number of threads; with {@code protocol.version=1}
 * they are pipelined in order. A lost connection is reopened by the next request (trying each
 * bootstrap address in turn). Retriable failures (see {@link FlyMQException#retriable()}) are
 * retried up to {@code retries} times with exponential backoff; {@code *Async} methods retry too.
 * Blocking methods throw the {@link FlyMQException} subclass for the failure.
 *
 * <p>Thread-safe. {@link #close()} fails every pending request with {@link ClientClosedException}
 * and releases the socket and the client's two threads (reader and timer).
 */
public final class FlyMQClient implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(FlyMQClient.class);

  private final ClientConfig config;
  private final ScheduledExecutorService timer;
  private final Retrier retrier;
  private final Object connectLock = new Object();
  private volatile BrokerConnection connection;
  private volatile boolean closed;
  private int nextBootstrap;

  /**
   * Creates a client; it connects on the first request.
   *
   * @param config the settings
   */
  public FlyMQClient(ClientConfig config) {
    this.config = config;
    ScheduledThreadPoolExecutor executor =
        new ScheduledThreadPoolExecutor(1, daemon("flymq-client-timer-" + config.clientId()));
    executor.setRemoveOnCancelPolicy(true);
    this.timer = executor;
    this.retrier =
        new Retrier(config.retries(), config.retryBackoff(), config.retryBackoffMax(), timer);
  }

  /** A builder of a client: {@code FlyMQClient.builder().bootstrapServers("host:9092").build()}. */
  public static Builder builder() {
    return new Builder();
  }

  /** This client's settings. */
  public ClientConfig config() {
    return config;
  }

  /** The client's scheduler for timeouts and retry delays (shared with producers and consumers). */
  public ScheduledExecutorService scheduler() {
    return timer;
  }

  // ---- topics ----

  /**
   * Creates a topic.
   *
   * @throws FlyMQException e.g. with {@link ErrorCode#INVALID_TOPIC_NAME}, or when it exists
   */
  public void createTopic(String topic, int partitions) {
    await(call(new CreateTopicRequest(topic, partitions)));
  }

  /** Deletes a topic and its data. @throws io.flymq.client.errors.TopicNotFoundException */
  public void deleteTopic(String topic) {
    await(call(new TopicRequest(Opcode.DELETE_TOPIC, topic)));
  }

  /** The names of the user topics (internal {@code __} topics are hidden). */
  public List<String> listTopics() {
    return ((ListTopicsResponse) await(call(new EmptyRequest(Opcode.LIST_TOPICS)))).topics();
  }

  /**
   * A topic's partition count and replication. @throws
   * io.flymq.client.errors.TopicNotFoundException
   */
  public TopicInfo topic(String topic) {
    return await(topicAsync(topic));
  }

  /** Asynchronous {@link #topic(String)}. */
  public CompletableFuture<TopicInfo> topicAsync(String topic) {
    return call(new TopicRequest(Opcode.METADATA, topic))
        .thenApply(
            m -> {
              MetadataResponse r = (MetadataResponse) m;
              return new TopicInfo(r.topic(), r.partitions(), r.replicationFactor());
            });
  }

  /**
   * Sets and removes a topic's configs (ALTER_TOPIC_CONFIG, v2), e.g. {@code retention_ms}, {@code
   * cleanup_policy}; the broker applies them to the topic's partitions at once.
   *
   * @param set configs to set
   * @param delete configs to remove (the broker default applies again)
   * @return the topic's configs afterwards
   * @throws FlyMQException with {@link ErrorCode#INVALID_REQUEST} for an unknown key or bad value
   *     (the message names the accepted ones), {@link
   *     io.flymq.client.errors.TopicNotFoundException}
   */
  public Map<String, String> alterTopicConfig(
      String topic, Map<String, String> set, Collection<String> delete) {
    return ((TopicConfigResponse)
            await(call(new AlterTopicConfigRequest(topic, set, List.copyOf(delete)))))
        .configs();
  }

  /** A topic's own configs (DESCRIBE_TOPIC_CONFIG, v2); keys not listed take broker defaults. */
  public Map<String, String> topicConfig(String topic) {
    return ((TopicConfigResponse)
            await(call(new TopicRequest(Opcode.DESCRIBE_TOPIC_CONFIG, topic))))
        .configs();
  }

  // ---- producing ----

  /**
   * Produces one record with v1 PRODUCE; the broker picks the partition (by key hash, or round
   * robin for a null key). For throughput use {@link io.flymq.client.producer.FlyMQProducer}.
   *
   * @param key the key, or null
   * @param value the value
   * @return where the record was written
   */
  public RecordMetadata produce(String topic, byte[] key, byte[] value) {
    return produce(topic, ProduceRequest.ANY_PARTITION, key, value);
  }

  /** Produces one record to a given partition ({@code -1}: the broker picks). */
  public RecordMetadata produce(String topic, int partition, byte[] key, byte[] value) {
    ProduceRequest request =
        new ProduceRequest(
            topic,
            ByteBuffer.wrap(key == null ? new byte[0] : key),
            ByteBuffer.wrap(value),
            partition);
    return (RecordMetadata) await(call(request));
  }

  /**
   * Sends one record batch (PRODUCE_BATCH, protocol v2). Not retried here: the producer decides,
   * since a retried batch may be written twice.
   *
   * @param recordBatch one complete RecordBatch v2, e.g. from {@code RecordBatchBuilder}
   * @return the broker's answer; a partition-level failure is its {@code errorCode}, not an
   *     exception
   */
  public CompletableFuture<ProduceBatchResponse> produceBatchAsync(
      String topic, int partition, short acks, Duration timeout, ByteBuffer recordBatch) {
    ProduceBatchRequest request =
        new ProduceBatchRequest(
            topic,
            partition,
            acks,
            (int) Math.min(Integer.MAX_VALUE, timeout.toMillis()),
            recordBatch);
    return send(request, config.requestTimeout().plus(timeout))
        .thenApply(m -> (ProduceBatchResponse) m);
  }

  // ---- consuming ----

  /**
   * Fetches record batches from several partitions (FETCH_BATCHES, protocol v2), waiting up to
   * {@code maxWaitMs} for {@code minBytes}. Not retried: the consumer decides.
   */
  public CompletableFuture<FetchBatchesResponse> fetchBatchesAsync(FetchBatchesRequest request) {
    Duration timeout = config.requestTimeout().plusMillis(request.maxWaitMs());
    return send(request, timeout).thenApply(m -> (FetchBatchesResponse) m);
  }

  /**
   * The record at {@code offset} (v1 CONSUME). @throws
   * io.flymq.client.errors.OffsetOutOfRangeException
   */
  public ConsumeResponse consume(String topic, int partition, long offset) {
    return (ConsumeResponse)
        await(call(new ConsumeRequest(Opcode.CONSUME, topic, partition, offset)));
  }

  /**
   * Up to {@code maxMessages} records from {@code offset} (v1 FETCH), optionally filtered.
   *
   * @param filter a JSON key path ({@code $.a.b}), substring or RE2 pattern; empty for none
   */
  public FetchResponse fetch(
      String topic, int partition, long offset, int maxMessages, String filter) {
    return (FetchResponse)
        await(call(new FetchRequest(Opcode.FETCH, topic, partition, offset, maxMessages, filter)));
  }

  // ---- offsets ----

  /**
   * The starting offset for a consumer (v1 SUBSCRIBE).
   *
   * @param mode {@code earliest}, {@code latest} or {@code commit}
   * @param group the consumer group, or empty
   */
  public long subscribe(String topic, String group, int partition, String mode) {
    return ((OffsetResponse) await(call(new SubscribeRequest(topic, group, partition, mode))))
        .offset();
  }

  /** Asynchronous {@link #subscribe(String, String, int, String)}. */
  public CompletableFuture<Long> subscribeAsync(
      String topic, String group, int partition, String mode) {
    return call(new SubscribeRequest(topic, group, partition, mode))
        .thenApply(m -> ((OffsetResponse) m).offset());
  }

  /** Commits {@code offset} (the next record to read) for a group (v1 COMMIT). */
  public void commit(String topic, String group, int partition, long offset) {
    await(commitAsync(topic, group, partition, offset));
  }

  /** Asynchronous {@link #commit(String, String, int, long)}. */
  public CompletableFuture<Void> commitAsync(
      String topic, String group, int partition, long offset) {
    return call(new CommitRequest(topic, group, partition, offset)).thenApply(m -> null);
  }

  /**
   * The group's committed offset (v1 GET_OFFSET).
   *
   * @throws FlyMQException with {@link ErrorCode#GROUP_NOT_FOUND} if the group never committed or
   *     subscribed on this topic
   */
  public long committedOffset(String topic, String group, int partition) {
    return await(committedOffsetAsync(topic, group, partition));
  }

  /** Asynchronous {@link #committedOffset(String, String, int)}. */
  public CompletableFuture<Long> committedOffsetAsync(String topic, String group, int partition) {
    return call(new GroupPartitionRequest(Opcode.GET_OFFSET, topic, group, partition))
        .thenApply(m -> ((OffsetResponse) m).offset());
  }

  /**
   * Moves a group's committed offset (v1 RESET_OFFSET).
   *
   * @param mode {@code earliest}, {@code latest} or {@code offset}
   * @param offset the target for mode {@code offset}; ignored otherwise
   */
  public void resetOffset(String topic, String group, int partition, String mode, long offset) {
    OptionalLong target =
        ResetOffsetRequest.MODE_OFFSET.equals(mode)
            ? OptionalLong.of(offset)
            : OptionalLong.empty();
    await(call(new ResetOffsetRequest(topic, group, partition, mode, target)));
  }

  /**
   * The first offset whose timestamp is at or after {@code timestampMs}, or the log end
   * (SEEK_TO_TIMESTAMP); with a non-empty group the offset is also committed for it.
   */
  public long offsetForTimestamp(String topic, String group, int partition, long timestampMs) {
    return await(offsetForTimestampAsync(topic, group, partition, timestampMs));
  }

  /** Asynchronous {@link #offsetForTimestamp(String, String, int, long)}. */
  public CompletableFuture<Long> offsetForTimestampAsync(
      String topic, String group, int partition, long timestampMs) {
    return call(new SeekToTimestampRequest(topic, group, partition, timestampMs))
        .thenApply(m -> ((OffsetResponse) m).offset());
  }

  // ---- groups ----

  /** Every (topic, group) the broker knows, sorted by topic then group (LIST_GROUPS). */
  public List<GroupInfo> listGroups() {
    return ((ListGroupsResponse) await(call(new EmptyRequest(Opcode.LIST_GROUPS))))
        .groups().stream().map(FlyMQClient::groupInfo).collect(Collectors.toList());
  }

  /**
   * One group on one topic (DESCRIBE_GROUP).
   *
   * @throws FlyMQException with {@link ErrorCode#GROUP_NOT_FOUND} when the broker does not know it
   */
  public GroupInfo describeGroup(String topic, String group) {
    return groupInfo(
        ((DescribeGroupResponse)
                await(call(new GroupRequest(Opcode.DESCRIBE_GROUP, Optional.of(topic), group))))
            .group());
  }

  /**
   * The group's lag on one partition (GET_LAG): exact whether or not a consumer runs.
   *
   * @throws FlyMQException with {@link ErrorCode#GROUP_NOT_FOUND} for an unknown group
   */
  public GroupLag lag(String topic, String group, int partition) {
    GetLagResponse r =
        (GetLagResponse)
            await(call(new GroupPartitionRequest(Opcode.GET_LAG, topic, group, partition)));
    return new GroupLag(r.committedOffset(), r.latestOffset(), r.lag());
  }

  /**
   * Deletes a group's committed offsets (DELETE_GROUP): on {@code topic}, or on every topic when
   * {@code topic} is empty.
   *
   * @throws FlyMQException with {@link ErrorCode#GROUP_NOT_FOUND} for an unknown group
   */
  public void deleteGroup(String topic, String group) {
    await(call(new GroupRequest(Opcode.DELETE_GROUP, Optional.of(topic), group)));
  }

  /**
   * The group's live members, their assignments and recent departures (GROUP_DESCRIBE, v2).
   *
   * @throws FlyMQException with {@link ErrorCode#GROUP_NOT_FOUND} for a group the broker has not
   *     seen since it started
   */
  public GroupMembers groupMembers(String group) {
    GroupDescribeResponse r = (GroupDescribeResponse) await(call(new GroupDescribeRequest(group)));
    if (r.errorCode() != ErrorCode.NONE) {
      throw FlyMQException.of(r.errorCode(), "consumer group not found: " + group);
    }
    List<GroupMembers.Member> members = new ArrayList<>();
    for (GroupDescribeResponse.Member m : r.members()) {
      List<TopicPartition> owned = new ArrayList<>();
      m.assignment().forEach(p -> owned.add(new TopicPartition(p.topic(), p.partition())));
      members.add(
          new GroupMembers.Member(m.memberId(), m.instanceId(), m.client(), m.topics(), owned));
    }
    List<GroupMembers.Departure> departures = new ArrayList<>();
    r.departures()
        .forEach(
            d ->
                departures.add(
                    new GroupMembers.Departure(
                        d.memberId(), d.instanceId(), d.reason(), d.atMs())));
    return new GroupMembers(group, r.state(), r.generation(), r.assignor(), members, departures);
  }

  private static GroupInfo groupInfo(GroupSummary summary) {
    SortedMap<Integer, Long> committed = new TreeMap<>();
    summary.offsets().forEach(o -> committed.put(o.partition(), o.offset()));
    return new GroupInfo(
        summary.topic(),
        summary.groupId(),
        summary.members(),
        Collections.unmodifiableSortedMap(committed));
  }

  // ---- the rest ----

  /** The opcodes and versions the broker serves, and its frame limit (API_VERSIONS, v2). */
  public ApiVersionsResponse apiVersions() {
    return (ApiVersionsResponse) await(call(new EmptyRequest(Opcode.API_VERSIONS)));
  }

  /**
   * Sends any request and returns its decoded response, with retries: for operations that have no
   * method here yet. ERROR frames fail the future with the matching {@link FlyMQException}.
   */
  public CompletableFuture<Message> call(Message request) {
    return retrier.run(() -> send(request, config.requestTimeout()));
  }

  /** Sends one request once, without retries. */
  public CompletableFuture<Message> send(Message request, Duration timeout) {
    if (closed) {
      return CompletableFuture.failedFuture(
          new ClientClosedException("client " + config.clientId() + " is closed"));
    }
    BrokerConnection current;
    try {
      current = connection();
    } catch (FlyMQException e) {
      return CompletableFuture.failedFuture(e);
    }
    return current.send(request, timeout);
  }

  /**
   * Waits for an operation of this client and returns its result or throws its failure.
   *
   * @throws FlyMQException the failure, as its own type
   */
  public static <T> T await(CompletableFuture<T> future) {
    try {
      return future.get();
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof FlyMQException) {
        FlyMQException f = (FlyMQException) cause;
        f.addSuppressed(new Exception("awaited here"));
        throw f;
      }
      if (cause instanceof RuntimeException) {
        throw (RuntimeException) cause;
      }
      throw new FlyMQException(
          ErrorCode.UNCLASSIFIED, "operation failed: " + cause, "See the cause.", false, cause);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TimeoutException(
          "interrupted while waiting", "The waiting thread was interrupted.");
    }
  }

  private BrokerConnection connection() {
    BrokerConnection current = connection;
    if (current != null && current.isOpen()) {
      return current;
    }
    synchronized (connectLock) {
      current = connection;
      if (current != null && current.isOpen()) {
        return current;
      }
      List<InetSocketAddress> servers = config.bootstrapServers();
      BrokerUnavailableException last = null;
      for (int i = 0; i < servers.size(); i++) {
        InetSocketAddress address = servers.get((nextBootstrap + i) % servers.size());
        if (closed) {
          throw new ClientClosedException("client " + config.clientId() + " is closed");
        }
        try {
          connection = BrokerConnection.open(address, config, timer);
          nextBootstrap = (nextBootstrap + i) % servers.size();
          LOG.debug("client {} connected to {}", config.clientId(), address);
          return connection;
        } catch (BrokerUnavailableException e) {
          last = e;
        }
      }
      nextBootstrap = (nextBootstrap + 1) % servers.size();
      throw last;
    }
  }

  /** Closes the connection and the threads; pending requests fail. Idempotent. */
  @Override
  public void close() {
    closed = true;
    synchronized (connectLock) {
      if (connection != null) {
        connection.close();
      }
    }
    timer.shutdownNow();
  }

  /**
   * Builds a {@link FlyMQClient}: the settings of {@link ClientConfig.Builder}, then {@link
   * #build()}. Not thread-safe.
   */
  public static final class Builder {
    private final ClientConfig.Builder config = ClientConfig.builder();

    private Builder() {}

    /** {@code host:port[,host:port...]}. */
    public Builder bootstrapServers(String servers) {
      config.bootstrapServers(servers);
      return this;
    }

    /** The name in broker logs. */
    public Builder clientId(String clientId) {
      config.clientId(clientId);
      return this;
    }

    /** How long to wait for each response. */
    public Builder requestTimeout(Duration timeout) {
      config.requestTimeout(timeout);
      return this;
    }

    /** TCP and TLS connect timeout. */
    public Builder connectTimeout(Duration timeout) {
      config.connectTimeout(timeout);
      return this;
    }

    /** Extra attempts for retriable failures, and the backoff between them. */
    public Builder retries(int retries, Duration initialBackoff, Duration maxBackoff) {
      config.retries(retries).retryBackoff(initialBackoff, maxBackoff);
      return this;
    }

    /** 2 (default) or 1 for v1-only brokers. */
    public Builder protocolVersion(int version) {
      config.protocolVersion(version);
      return this;
    }

    /** Credentials for brokers with authentication. */
    public Builder credentials(String username, String password) {
      config.credentials(username, password);
      return this;
    }

    /** Speak TLS with these settings. */
    public Builder tls(TlsConfig tls) {
      config.tls(tls);
      return this;
    }

    /** Any setting by its key (see {@link ClientConfig}); unknown keys fail {@link #build()}. */
    public Builder set(String key, String value) {
      if (!config.set(key, value)) {
        config.unknown(key, java.util.Set.of());
      }
      return this;
    }

    /**
     * @return a client that connects on its first request
     * @throws IllegalArgumentException listing every invalid setting
     */
    public FlyMQClient build() {
      return new FlyMQClient(config.build());
    }
  }

  static ThreadFactory daemon(String name) {
    return runnable -> {
      Thread thread = new Thread(runnable, name);
      thread.setDaemon(true);
      return thread;
    };
  }
}
