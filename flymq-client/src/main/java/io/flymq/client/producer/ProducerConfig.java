package io.flymq.client.producer;

import io.flymq.client.ClientConfig;
import io.flymq.client.internal.SettingParser;
import io.flymq.record.CompressionType;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A producer's settings: the {@link ClientConfig} plus batching, acknowledgement, memory and
 * delivery settings. Immutable; {@link Builder#build()} fills defaults and reports every bad
 * setting at once. Keys are Kafka's names, so Kafka users' properties carry over.
 *
 * <pre>{@code
 * ProducerConfig config = ProducerConfig.builder()
 *     .bootstrapServers("localhost:9092")
 *     .acks(Acks.ALL)
 *     .linger(Duration.ofMillis(5))
 *     .compression(CompressionType.LZ4)
 *     .build();
 * }</pre>
 */
public final class ProducerConfig {
  /** {@code acks}: {@code all}/{@code -1}, {@code 1} (default) or {@code 0}. */
  public static final String ACKS = "acks";

  /** {@code linger.ms}: how long a batch waits for more records; default 5. */
  public static final String LINGER_MS = "linger.ms";

  /** {@code batch.size}: bytes per partition batch before it is sent; default 16,384. */
  public static final String BATCH_SIZE = "batch.size";

  /** {@code compression.type}: none (default), gzip, snappy, lz4, zstd. */
  public static final String COMPRESSION_TYPE = "compression.type";

  /** {@code buffer.memory}: bytes of records waiting to be acknowledged; default 33,554,432. */
  public static final String BUFFER_MEMORY = "buffer.memory";

  /** {@code max.block.ms}: how long {@code send} may wait for buffer room or metadata; 60,000. */
  public static final String MAX_BLOCK_MS = "max.block.ms";

  /** {@code buffer.full.policy}: {@code block} (default, up to max.block.ms) or {@code fail}. */
  public static final String BUFFER_FULL_POLICY = "buffer.full.policy";

  /** {@code max.in.flight.requests.per.connection}: unacknowledged batches per partition; 5. */
  public static final String MAX_IN_FLIGHT = "max.in.flight.requests.per.connection";

  /** {@code delivery.timeout.ms}: the longest a record may take, retries included; 120,000. */
  public static final String DELIVERY_TIMEOUT_MS = "delivery.timeout.ms";

  /** {@code max.request.size}: the largest record (and batch) accepted; 1,048,576. */
  public static final String MAX_REQUEST_SIZE = "max.request.size";

  /** Every producer key, besides {@link ClientConfig#KEYS}. */
  public static final Set<String> KEYS =
      Set.of(
          ACKS,
          LINGER_MS,
          BATCH_SIZE,
          COMPRESSION_TYPE,
          BUFFER_MEMORY,
          MAX_BLOCK_MS,
          BUFFER_FULL_POLICY,
          MAX_IN_FLIGHT,
          DELIVERY_TIMEOUT_MS,
          MAX_REQUEST_SIZE);

  /** What {@code send} does when {@code buffer.memory} is used up. */
  public enum BufferFullPolicy {
    /** Wait up to {@code max.block.ms} for room, then fail. */
    BLOCK,
    /** Fail at once with {@link io.flymq.client.errors.BufferExhaustedException}. */
    FAIL
  }

  private final ClientConfig client;
  private final Acks acks;
  private final Duration linger;
  private final int batchSize;
  private final CompressionType compression;
  private final long bufferMemory;
  private final Duration maxBlock;
  private final BufferFullPolicy bufferFullPolicy;
  private final int maxInFlight;
  private final Duration deliveryTimeout;
  private final int maxRequestSize;

  private ProducerConfig(Builder b, ClientConfig client) {
    this.client = client;
    this.acks = b.acks;
    this.linger = b.linger;
    this.batchSize = b.batchSize;
    this.compression = b.compression;
    this.bufferMemory = b.bufferMemory;
    this.maxBlock = b.maxBlock;
    this.bufferFullPolicy = b.bufferFullPolicy;
    this.maxInFlight = b.maxInFlight;
    this.deliveryTimeout = b.deliveryTimeout;
    this.maxRequestSize = b.maxRequestSize;
  }

  /** A builder with the defaults; only the bootstrap servers must be set. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * A config from string properties (Kafka's keys and {@link ClientConfig}'s).
   *
   * @throws IllegalArgumentException listing every unknown key and bad value
   */
  public static ProducerConfig fromProperties(Map<String, String> properties) {
    Builder builder = builder();
    properties.forEach(builder::set);
    return builder.build();
  }

  /** The connection settings. */
  public ClientConfig client() {
    return client;
  }

  /** {@link #ACKS}. */
  public Acks acks() {
    return acks;
  }

  /** {@link #LINGER_MS}. */
  public Duration linger() {
    return linger;
  }

  /** {@link #BATCH_SIZE}, bytes. */
  public int batchSize() {
    return batchSize;
  }

  /** {@link #COMPRESSION_TYPE}. */
  public CompressionType compression() {
    return compression;
  }

  /** {@link #BUFFER_MEMORY}, bytes. */
  public long bufferMemory() {
    return bufferMemory;
  }

  /** {@link #MAX_BLOCK_MS}. */
  public Duration maxBlock() {
    return maxBlock;
  }

  /** {@link #BUFFER_FULL_POLICY}. */
  public BufferFullPolicy bufferFullPolicy() {
    return bufferFullPolicy;
  }

  /** {@link #MAX_IN_FLIGHT}. */
  public int maxInFlight() {
    return maxInFlight;
  }

  /** {@link #DELIVERY_TIMEOUT_MS}. */
  public Duration deliveryTimeout() {
    return deliveryTimeout;
  }

  /** {@link #MAX_REQUEST_SIZE}, bytes. */
  public int maxRequestSize() {
    return maxRequestSize;
  }

  /** Builds {@link ProducerConfig}; not thread-safe. */
  public static final class Builder {
    private final ClientConfig.Builder client = ClientConfig.builder();
    private final SettingParser parser = new SettingParser();
    private Acks acks = Acks.LEADER;
    private Duration linger = Duration.ofMillis(5);
    private int batchSize = 16 * 1024;
    private CompressionType compression = CompressionType.NONE;
    private long bufferMemory = 32L * 1024 * 1024;
    private Duration maxBlock = Duration.ofSeconds(60);
    private BufferFullPolicy bufferFullPolicy = BufferFullPolicy.BLOCK;
    private int maxInFlight = 5;
    private Duration deliveryTimeout = Duration.ofMinutes(2);
    private int maxRequestSize = 1024 * 1024;

    private Builder() {
      // A producer retries until delivery.timeout.ms, as Kafka's does; `retries` can still cap it.
      client.retries(Integer.MAX_VALUE);
    }

    /** {@code host:port[,host:port...]}. */
    public Builder bootstrapServers(String servers) {
      client.bootstrapServers(servers);
      return this;
    }

    /** The connection settings (TLS, credentials, timeouts, retries). */
    public Builder client(java.util.function.Consumer<ClientConfig.Builder> settings) {
      settings.accept(client);
      return this;
    }

    /** Which replicas must have a batch before it is acknowledged; default {@link Acks#LEADER}. */
    public Builder acks(Acks acks) {
      this.acks = acks;
      return this;
    }

    /** How long a batch waits for more records; default 5 ms. */
    public Builder linger(Duration linger) {
      this.linger = linger;
      return this;
    }

    /** Bytes per partition batch; default 16,384. */
    public Builder batchSize(int bytes) {
      this.batchSize = bytes;
      return this;
    }

    /** Batch compression; default none. */
    public Builder compression(CompressionType compression) {
      this.compression = compression;
      return this;
    }

    /** Bytes of unacknowledged records; default 32 MiB. */
    public Builder bufferMemory(long bytes) {
      this.bufferMemory = bytes;
      return this;
    }

    /** How long {@code send} may wait for memory or metadata; default 60 s. */
    public Builder maxBlock(Duration maxBlock) {
      this.maxBlock = maxBlock;
      return this;
    }

    /** What {@code send} does when the buffer is full; default block. */
    public Builder bufferFullPolicy(BufferFullPolicy policy) {
      this.bufferFullPolicy = policy;
      return this;
    }

    /** Unacknowledged batches per partition; default 5 (1 for strict order with retries). */
    public Builder maxInFlight(int batches) {
      this.maxInFlight = batches;
      return this;
    }

    /** The longest a record may take, retries included; default 2 min. */
    public Builder deliveryTimeout(Duration timeout) {
      this.deliveryTimeout = timeout;
      return this;
    }

    /** The largest record; default 1 MiB. */
    public Builder maxRequestSize(int bytes) {
      this.maxRequestSize = bytes;
      return this;
    }

    /** Sets one setting by key (producer or client); mistakes are reported by {@link #build()}. */
    public Builder set(String key, String value) {
      switch (key) {
        case ACKS:
          acks = Acks.parse(value);
          if (acks == null) {
            parser.error(key, value, "all, -1, 1 or 0");
            acks = Acks.LEADER;
          }
          break;
        case LINGER_MS:
          linger = Duration.ofMillis(parser.number(key, value, 0, Integer.MAX_VALUE, 5));
          break;
        case BATCH_SIZE:
          batchSize = (int) parser.number(key, value, 0, Integer.MAX_VALUE, batchSize);
          break;
        case COMPRESSION_TYPE:
          compression = compression(value);
          break;
        case BUFFER_MEMORY:
          bufferMemory = parser.number(key, value, 1, Long.MAX_VALUE, bufferMemory);
          break;
        case MAX_BLOCK_MS:
          maxBlock = Duration.ofMillis(parser.number(key, value, 0, Long.MAX_VALUE, 60_000));
          break;
        case BUFFER_FULL_POLICY:
          bufferFullPolicy = policy(value);
          break;
        case MAX_IN_FLIGHT:
          maxInFlight = (int) parser.number(key, value, 1, 1000, maxInFlight);
          break;
        case DELIVERY_TIMEOUT_MS:
          deliveryTimeout =
              Duration.ofMillis(parser.number(key, value, 1, Integer.MAX_VALUE, 120_000));
          break;
        case MAX_REQUEST_SIZE:
          maxRequestSize = (int) parser.number(key, value, 1, 32 * 1024 * 1024, maxRequestSize);
          break;
        default:
          if (!client.set(key, value)) {
            client.unknown(key, KEYS);
          }
      }
      return this;
    }

    private CompressionType compression(String value) {
      for (CompressionType type : CompressionType.values()) {
        if (type.name().equalsIgnoreCase(value.trim())) {
          return type;
        }
      }
      parser.error(COMPRESSION_TYPE, value, "none, gzip, snappy, lz4 or zstd");
      return CompressionType.NONE;
    }

    private BufferFullPolicy policy(String value) {
      try {
        return BufferFullPolicy.valueOf(value.trim().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        parser.error(BUFFER_FULL_POLICY, value, "block or fail");
        return BufferFullPolicy.BLOCK;
      }
    }

    /**
     * @throws IllegalArgumentException listing every invalid client and producer setting
     */
    public ProducerConfig build() {
      if (linger.isNegative()) {
        parser.error(LINGER_MS, linger.toMillis() + "", ">= 0");
      }
      if (batchSize < 0) {
        parser.error(BATCH_SIZE, batchSize + "", ">= 0");
      }
      if (maxInFlight < 1) {
        parser.error(MAX_IN_FLIGHT, maxInFlight + "", ">= 1");
      }
      if (bufferMemory < maxRequestSize) {
        parser.error(
            BUFFER_MEMORY,
            bufferMemory + "",
            ">= " + MAX_REQUEST_SIZE + " (" + maxRequestSize + ")");
      }
      ClientConfig clientConfig = null;
      try {
        clientConfig = client.build();
      } catch (IllegalArgumentException e) {
        parser.nested(e.getMessage());
      }
      parser.throwIfAny("producer configuration");
      return new ProducerConfig(this, clientConfig);
    }
  }
}
