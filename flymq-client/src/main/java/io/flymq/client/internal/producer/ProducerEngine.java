package io.flymq.client.internal.producer;

import io.flymq.client.FlyMQClient;
import io.flymq.client.TopicInfo;
import io.flymq.client.TopicPartition;
import io.flymq.client.errors.BufferExhaustedException;
import io.flymq.client.errors.ClientClosedException;
import io.flymq.client.errors.FlyMQException;
import io.flymq.client.errors.RecordTooLargeException;
import io.flymq.client.errors.TimeoutException;
import io.flymq.client.producer.Callback;
import io.flymq.client.producer.ProducerConfig;
import io.flymq.client.producer.RecordMetadata;
import io.flymq.protocol.KeyPartitioning;
import io.flymq.protocol.error.ErrorCode;
import io.flymq.record.Header;
import io.flymq.record.Utf8;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The untyped core of {@link io.flymq.client.producer.FlyMQProducer}: partition choice, metadata,
 * buffer memory, the accumulator and the sender thread. Works on serialized bytes. Thread-safe.
 */
public final class ProducerEngine {
  /**
   * Bytes a record adds to a batch besides key, value and headers, at most (varints, attributes).
   */
  private static final int RECORD_OVERHEAD = 21;

  private static final AtomicInteger IDS = new AtomicInteger();

  private final ProducerConfig config;
  private final FlyMQClient client;
  private final BufferMemory memory;
  private final RecordAccumulator accumulator;
  private final Sender sender;
  private final ConcurrentHashMap<String, Integer> partitionCounts = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, Sticky> sticky = new ConcurrentHashMap<>();
  private final boolean sendInline;
  private volatile boolean closed;

  /** Starts the producer's I/O thread; connects on the first send. */
  public ProducerEngine(ProducerConfig config) {
    this.config = config;
    this.client = new FlyMQClient(config.client());
    this.memory = new BufferMemory(config.bufferMemory());
    this.accumulator =
        new RecordAccumulator(
            config.compression(),
            config.batchSize(),
            config.linger().toNanos(),
            config.maxInFlight());
    this.sender = new Sender(client, accumulator, memory, config);
    this.sendInline = config.linger().isZero();
    sender.start("flymq-producer-" + config.client().clientId() + "-" + IDS.incrementAndGet());
  }

  /** The client the producer sends with. */
  public FlyMQClient client() {
    return client;
  }

  /**
   * Queues one serialized record.
   *
   * @throws ClientClosedException after close
   * @throws BufferExhaustedException when there is no buffer room in time
   */
  public CompletableFuture<RecordMetadata> send(
      String topic,
      Integer partition,
      Long timestamp,
      byte[] key,
      byte[] value,
      Header[] headers,
      Callback callback) {
    if (closed) {
      throw new ClientClosedException("producer " + config.client().clientId() + " is closed");
    }
    int size = encodedSize(key, value, headers);
    if (size > config.maxRequestSize()) {
      return failed(
          new RecordTooLargeException(
              ErrorCode.RECORD_TOO_LARGE,
              "record for "
                  + topic
                  + ": "
                  + size
                  + " bytes (expected: <= max.request.size "
                  + config.maxRequestSize()
                  + ")"),
          callback);
    }
    int target;
    try {
      target =
          partition != null ? checkPartition(topic, partition) : choosePartition(topic, key, size);
    } catch (FlyMQException e) {
      return failed(e, callback);
    }
    reserve(size);
    long ts = timestamp != null ? timestamp : System.currentTimeMillis();
    RecordAccumulator.Appended appended =
        accumulator.append(
            new TopicPartition(topic, target), ts, key, value, headers, callback, size);
    if (appended.batchReady()) {
      if (sendInline) {
        sender.drainNow();
      } else {
        sender.wakeUp();
      }
    }
    return appended.future();
  }

  private void reserve(int size) {
    long waitNanos =
        config.bufferFullPolicy() == ProducerConfig.BufferFullPolicy.FAIL
            ? 0
            : config.maxBlock().toNanos();
    try {
      memory.reserve(size, waitNanos);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new BufferExhaustedException("interrupted while waiting for buffer.memory");
    }
  }

  private static CompletableFuture<RecordMetadata> failed(FlyMQException error, Callback callback) {
    if (callback != null) {
      callback.onCompletion(null, error);
    }
    return CompletableFuture.failedFuture(error);
  }

  private static int encodedSize(byte[] key, byte[] value, Header[] headers) {
    int size =
        RECORD_OVERHEAD + (key == null ? 0 : key.length) + (value == null ? 0 : value.length);
    if (headers != null) {
      for (Header header : headers) {
        size +=
            10
                + Utf8.encodedLength(header.key())
                + (header.value() == null ? 0 : header.value().remaining());
      }
    }
    return size;
  }

  private int checkPartition(String topic, int partition) {
    int count = partitionCount(topic);
    if (partition >= count) {
      throw new FlyMQException(
          ErrorCode.PARTITION_NOT_FOUND,
          "partition: "
              + partition
              + " of "
              + topic
              + " (expected: < "
              + count
              + ", the topic's partition count)");
    }
    return partition;
  }

  private int choosePartition(String topic, byte[] key, int size) {
    int count = partitionCount(topic);
    if (key != null && key.length > 0) {
      return KeyPartitioning.partition(ByteBuffer.wrap(key), count);
    }
    return sticky
        .computeIfAbsent(topic, t -> new Sticky(count))
        .next(size, count, config.batchSize());
  }

  /** The partition of a serialized key ({@code null}/empty: the current sticky partition). */
  public int partitionForKey(String topic, byte[] key) {
    return choosePartition(topic, key, 0);
  }

  /**
   * The topic's partition count, fetched once (waiting up to {@code max.block.ms}) and cached.
   *
   * @throws io.flymq.client.errors.TopicNotFoundException if the topic does not exist
   */
  public int partitionCount(String topic) {
    Integer known = partitionCounts.get(topic);
    if (known != null) {
      return known;
    }
    TopicInfo info;
    try {
      info = client.topicAsync(topic).get(config.maxBlock().toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof FlyMQException
          ? (FlyMQException) e.getCause()
          : new FlyMQException(
              ErrorCode.UNCLASSIFIED,
              "metadata for " + topic + ": " + e.getCause(),
              "See the cause.",
              false,
              e.getCause());
    } catch (java.util.concurrent.TimeoutException e) {
      throw new TimeoutException(
          "metadata for "
              + topic
              + " not received within max.block.ms ("
              + config.maxBlock().toMillis()
              + " ms)",
          "Check that the broker is reachable; raise max.block.ms to wait longer.");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TimeoutException("interrupted while fetching metadata for " + topic, "Retry.");
    }
    partitionCounts.put(topic, info.partitions());
    return info.partitions();
  }

  /** Sends everything queued now and waits for the answers. */
  public void flush() {
    sender.forceOn();
    try {
      List<ProducerBatch> pending = accumulator.incomplete();
      for (ProducerBatch batch : pending) {
        batch.done.join();
      }
    } finally {
      sender.forceOff();
    }
  }

  /** Sends what is queued for up to {@code timeout}, then fails the rest and releases resources. */
  public void close(Duration timeout) {
    if (closed) {
      return;
    }
    closed = true;
    sender.forceOn();
    Duration bounded = timeout.compareTo(Duration.ofDays(365)) > 0 ? Duration.ofDays(365) : timeout;
    long deadline = System.nanoTime() + bounded.toNanos();
    for (ProducerBatch batch : accumulator.incomplete()) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        break;
      }
      try {
        batch.done.get(left, TimeUnit.NANOSECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
        break;
      }
    }
    sender.stop();
    ClientClosedException closing =
        new ClientClosedException(
            "producer "
                + config.client().clientId()
                + " closed before the record was acknowledged");
    for (ProducerBatch batch : accumulator.abandonQueued()) {
      sender.abort(batch, closing);
    }
    for (ProducerBatch batch : accumulator.incomplete()) {
      sender.abort(batch, closing);
    }
    client.close();
  }

  /** The keyless partition of a topic: stays put for {@code batch.size} bytes, then moves on. */
  private static final class Sticky {
    private int partition;
    private long bytes;

    Sticky(int count) {
      this.partition = ThreadLocalRandom.current().nextInt(count);
    }

    synchronized int next(int size, int count, int batchSize) {
      if (bytes >= Math.max(1, batchSize)) {
        partition = (partition + 1) % count;
        bytes = 0;
      }
      bytes += size;
      return partition % count;
    }
  }
}
