package io.flymq.server.metadata;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Clock;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.ratis.RaftConfigKeys;
import org.apache.ratis.client.RaftClient;
import org.apache.ratis.conf.RaftProperties;
import org.apache.ratis.netty.NettyConfigKeys;
import org.apache.ratis.protocol.ClientId;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.protocol.RaftClientReply;
import org.apache.ratis.protocol.RaftGroup;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.protocol.RaftPeer;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.protocol.exceptions.NotLeaderException;
import org.apache.ratis.protocol.exceptions.StateMachineException;
import org.apache.ratis.retry.RetryPolicies;
import org.apache.ratis.rpc.SupportedRpcType;
import org.apache.ratis.server.RaftServer;
import org.apache.ratis.server.RaftServerConfigKeys;
import org.apache.ratis.server.storage.RaftStorage;
import org.apache.ratis.thirdparty.com.google.protobuf.ByteString;
import org.apache.ratis.util.TimeDuration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link MetadataService} on Apache Ratis: a Raft server hosting {@link MetadataStateMachine} in
 * the metadata group, and a Raft client that submits commands to the group's leader.
 *
 * <p>Today the group has one peer, this node (DESIGN 5: the same code path as a cluster; a cluster
 * adds peers to the group, see docs/metadata.md). Transport: ratis-netty (Ratis's own shaded
 * Netty), bound to {@code host:port}. Storage: {@code <metadataDir>/<group uuid>/} holds the Raft
 * log ({@code current/}) and snapshots ({@code sm/}). Snapshots are taken every {@code
 * snapshotThreshold} entries and when the server stops, and the log before a snapshot is purged.
 *
 * <p>Thread-safe: {@link #start()} and {@link #close()} are synchronized; proposals and reads may
 * come from any thread. The proposer side chooses everything non-deterministic (topic id, clock
 * time, partition placement) before proposing; see {@link MetadataCommand}.
 */
public final class RaftMetadataService implements MetadataService {
  private static final Logger LOG = LoggerFactory.getLogger(RaftMetadataService.class);

  /**
   * The metadata group's id. Fixed (derived from a constant name) because the Raft storage
   * directory is named after it: a random id would orphan the log on restart.
   */
  public static final RaftGroupId GROUP_ID =
      RaftGroupId.valueOf(
          UUID.nameUUIDFromBytes("flymq-metadata".getBytes(StandardCharsets.UTF_8)));

  private static final long CLIENT_RETRY_SLEEP_MS = 50;
  private static final long LEADER_POLL_MS = 10;

  private final MetadataConfig config;
  private final Clock clock;
  private final MetadataStateMachine stateMachine = new MetadataStateMachine();
  private final RaftPeer self;
  private final RaftGroup group;

  private RaftServer server;
  private volatile RaftClient client;
  private boolean closed;

  public RaftMetadataService(MetadataConfig config) {
    this(config, Clock.systemUTC());
  }

  /**
   * @param clock stamps {@code createdAtMs} of new topics (proposer side; never used in apply)
   */
  public RaftMetadataService(MetadataConfig config, Clock clock) {
    this.config = requireNonNull(config, "config");
    this.clock = requireNonNull(clock, "clock");
    this.self =
        RaftPeer.newBuilder()
            .setId(peerIdOf(config.nodeId()))
            .setAddress(config.host() + ":" + config.port())
            .build();
    this.group = RaftGroup.valueOf(GROUP_ID, self);
  }

  /** The Raft peer id of a node: {@code node-<cluster.node_id>}, {@code node-0} when unset. */
  public static RaftPeerId peerIdOf(String nodeId) {
    return RaftPeerId.valueOf("node-" + (nodeId.isEmpty() ? "0" : nodeId));
  }

  @Override
  public synchronized void start() throws IOException {
    if (closed) {
      throw new IllegalStateException("metadata service: closed (expected: a new instance)");
    }
    if (server != null) {
      throw new IllegalStateException("metadata service: already started");
    }
    Files.createDirectories(config.metadataDir());
    RaftProperties properties = raftProperties();
    try {
      // build() initializes the state machine, which loads the newest snapshot.
      server =
          RaftServer.newBuilder()
              .setServerId(self.getId())
              .setGroup(group)
              .setStateMachine(stateMachine)
              .setProperties(properties)
              // RECOVER formats a new directory and reuses an existing one.
              .setOption(RaftStorage.StartupOption.RECOVER)
              .build();
      server.start();
      client =
          RaftClient.newBuilder()
              .setClientId(ClientId.randomId())
              .setRaftGroup(group)
              .setProperties(properties)
              // Retries (NotLeader, LeaderNotReady) back off instead of spinning; proposals are
              // bounded by requestTimeout anyway.
              .setRetryPolicy(
                  RetryPolicies.retryForeverWithSleep(
                      TimeDuration.valueOf(CLIENT_RETRY_SLEEP_MS, TimeUnit.MILLISECONDS)))
              .build();
      awaitServing();
    } catch (IOException e) {
      closeQuietly();
      throw e;
    } catch (RuntimeException e) {
      closeQuietly();
      // Ratis surfaces state machine initialization failures (a corrupt snapshot) wrapped.
      Throwable cause = unwrap(e);
      throw new IOException("metadata service did not start: " + cause.getMessage(), cause);
    }
    LOG.info(
        "Metadata service started: peer {} at {}, {} topics, version {}",
        self.getId(),
        self.getAddress(),
        image().topics().size(),
        image().version());
  }

  private RaftProperties raftProperties() {
    var p = new RaftProperties();
    RaftConfigKeys.Rpc.setType(p, SupportedRpcType.NETTY);
    NettyConfigKeys.Server.setHost(p, config.host());
    NettyConfigKeys.Server.setPort(p, config.port());
    RaftServerConfigKeys.setStorageDir(p, List.of(config.metadataDir().toFile()));

    long electionMs = config.electionTimeout().toMillis();
    RaftServerConfigKeys.Rpc.setTimeoutMin(
        p, TimeDuration.valueOf(electionMs, TimeUnit.MILLISECONDS));
    RaftServerConfigKeys.Rpc.setTimeoutMax(
        p, TimeDuration.valueOf(2 * electionMs, TimeUnit.MILLISECONDS));

    RaftServerConfigKeys.Snapshot.setAutoTriggerEnabled(p, true);
    RaftServerConfigKeys.Snapshot.setAutoTriggerThreshold(p, config.snapshotThreshold());
    // The creation gap also limits auto-triggered snapshots; keep it at the threshold.
    RaftServerConfigKeys.Snapshot.setCreationGap(p, config.snapshotThreshold());
    RaftServerConfigKeys.Snapshot.setTriggerWhenStopEnabled(p, config.snapshotOnClose());
    RaftServerConfigKeys.Snapshot.setRetentionFileNum(p, 2);
    RaftServerConfigKeys.Log.setPurgeUptoSnapshotIndex(p, true);
    // A read waits until this server has applied everything committed: start() relies on it.
    RaftServerConfigKeys.Read.setOption(p, RaftServerConfigKeys.Read.Option.LINEARIZABLE);
    return p;
  }

  /** Waits until this peer leads the group and its image holds every committed entry. */
  private void awaitServing() throws IOException {
    long timeoutMs = config.startTimeout().toMillis();
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
    try {
      // Wait for the election locally first: a request sent before it is rejected, and Ratis
      // logs every rejected attempt at ERROR. Startup only, so a short poll is fine.
      var division = server.getDivision(GROUP_ID);
      while (!division.getInfo().isLeaderReady()) {
        if (System.nanoTime() - deadline > 0) {
          throw new TimeoutException("not leader: " + division.getInfo().getCurrentRole());
        }
        Thread.sleep(LEADER_POLL_MS);
      }
      long leftMs = Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
      RaftClientReply reply =
          client.async().sendReadOnly(Message.EMPTY).get(leftMs, TimeUnit.MILLISECONDS);
      if (!reply.isSuccess()) {
        throw new IOException("metadata service did not start: " + reply.getException());
      }
    } catch (TimeoutException e) {
      throw new IOException(
          "metadata service did not become leader within "
              + timeoutMs
              + " ms (cluster.election_timeout_ms="
              + config.electionTimeout().toMillis()
              + ")",
          e);
    } catch (ExecutionException e) {
      throw new IOException("metadata service did not start: " + e.getCause(), e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while starting the metadata service", e);
    }
  }

  @Override
  public CompletableFuture<TopicMetadata> createTopic(
      String name, int partitions, Map<String, String> configs) {
    try {
      TopicValidation.validateName(name);
      TopicValidation.validatePartitionCount(partitions);
      TopicValidation.validateConfigs(requireNonNull(configs, "configs"));
    } catch (MetadataException e) {
      return CompletableFuture.failedFuture(e);
    }
    return submit(
        new MetadataCommand.CreateTopic(
            name, UUID.randomUUID(), placement(partitions), configs, clock.millis()));
  }

  @Override
  public CompletableFuture<TopicMetadata> deleteTopic(String name) {
    try {
      TopicValidation.validateName(name);
    } catch (MetadataException e) {
      return CompletableFuture.failedFuture(e);
    }
    return submit(new MetadataCommand.DeleteTopic(name));
  }

  @Override
  public CompletableFuture<TopicMetadata> alterTopicConfig(
      String name, Map<String, String> set, Set<String> delete) {
    try {
      TopicValidation.validateName(name);
      TopicValidation.validateConfigs(requireNonNull(set, "set"));
      TopicValidation.validateConfigKeys(requireNonNull(delete, "delete"));
      for (String key : delete) {
        if (set.containsKey(key)) {
          throw new MetadataException(
              MetadataErrorCode.INVALID_CONFIG,
              "topic config " + key + ": both set and deleted (expected: one of them)");
        }
      }
    } catch (MetadataException e) {
      return CompletableFuture.failedFuture(e);
    }
    return submit(new MetadataCommand.AlterTopicConfig(name, set, delete));
  }

  @Override
  public CompletableFuture<TopicMetadata> createPartitions(String name, int partitionCount) {
    try {
      TopicValidation.validateName(name);
      TopicValidation.validatePartitionCount(partitionCount);
    } catch (MetadataException e) {
      return CompletableFuture.failedFuture(e);
    }
    // Placement needs the current count; the state machine checks it is still current at apply
    // time (CONCURRENT_MODIFICATION otherwise), so reading a possibly stale image here is safe.
    var topic = image().topic(name);
    if (topic.isEmpty()) {
      return CompletableFuture.failedFuture(
          new MetadataException(MetadataErrorCode.UNKNOWN_TOPIC, "topic not found: " + name));
    }
    int current = topic.get().partitionCount();
    if (partitionCount <= current) {
      return CompletableFuture.failedFuture(
          new MetadataException(
              MetadataErrorCode.INVALID_PARTITIONS,
              "topic "
                  + name
                  + " has "
                  + current
                  + " partitions; partitions: "
                  + partitionCount
                  + " (expected: > "
                  + current
                  + ")"));
    }
    return submit(
        new MetadataCommand.CreatePartitions(
            name, partitionCount, placement(partitionCount - current)));
  }

  /** Single node: every new partition is led by this broker at epoch 0. */
  private List<PartitionAssignment> placement(int partitions) {
    return Collections.nCopies(partitions, new PartitionAssignment(config.brokerId(), 0));
  }

  private CompletableFuture<TopicMetadata> submit(MetadataCommand command) {
    RaftClient c = client;
    if (c == null) {
      return CompletableFuture.failedFuture(
          new IllegalStateException(
              "metadata service: not running (expected: start() before proposals, none after close())"));
    }
    Message message = Message.valueOf(ByteString.copyFrom(MetadataCodec.encode(command)));
    return c.async()
        .send(message)
        .orTimeout(config.requestTimeout().toMillis(), TimeUnit.MILLISECONDS)
        .handle(
            (reply, error) -> {
              if (error != null) {
                throw failure(command, unwrap(error));
              }
              if (!reply.isSuccess()) {
                throw failure(command, reply.getException());
              }
              MetadataResult result =
                  MetadataCodec.decodeResult(reply.getMessage().getContent().toByteArray());
              return switch (result) {
                case MetadataResult.Applied applied -> applied.topic();
                case MetadataResult.Rejected rejected -> throw rejected.toException();
              };
            });
  }

  private MetadataException failure(MetadataCommand command, Throwable error) {
    String what = command.getClass().getSimpleName() + " " + command.topic();
    if (error instanceof NotLeaderException) {
      return new MetadataException(
          MetadataErrorCode.NOT_LEADER, what + ": not leader: " + error.getMessage(), error);
    }
    if (error instanceof StateMachineException) {
      return new MetadataException(
          MetadataErrorCode.INTERNAL, what + ": " + error.getMessage(), error);
    }
    if (error instanceof TimeoutException) {
      return new MetadataException(
          MetadataErrorCode.METADATA_UNAVAILABLE,
          what
              + ": no answer within "
              + config.requestTimeout().toMillis()
              + " ms; it may still be applied",
          error);
    }
    return new MetadataException(
        MetadataErrorCode.METADATA_UNAVAILABLE, what + ": " + error, error);
  }

  private static Throwable unwrap(Throwable error) {
    Throwable t = error;
    while (t instanceof CompletionException && t.getCause() != null) {
      t = t.getCause();
    }
    return t;
  }

  @Override
  public MetadataImage image() {
    return stateMachine.image();
  }

  @Override
  public void addListener(MetadataListener listener) {
    stateMachine.addListener(listener);
  }

  @Override
  public void removeListener(MetadataListener listener) {
    stateMachine.removeListener(listener);
  }

  /** The state machine, for tests and diagnostics (snapshot index, ...). */
  MetadataStateMachine stateMachine() {
    return stateMachine;
  }

  @Override
  public synchronized void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    IOException failure = null;
    // Client first: it holds connections to the server.
    RaftClient c = client;
    client = null;
    if (c != null) {
      try {
        c.close();
      } catch (IOException e) {
        failure = e;
      }
    }
    if (server != null) {
      try {
        // Ratis takes the close snapshot (triggerWhenStop) while closing the division.
        server.close();
      } catch (IOException e) {
        if (failure == null) {
          failure = e;
        } else {
          failure.addSuppressed(e);
        }
      }
      server = null;
    }
    if (failure != null) {
      throw failure;
    }
  }

  private void closeQuietly() {
    try {
      close();
    } catch (IOException | RuntimeException e) {
      LOG.warn("Cleanup after a failed start of the metadata service failed", e);
    }
  }
}
