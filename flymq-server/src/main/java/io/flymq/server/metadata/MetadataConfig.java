package io.flymq.server.metadata;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Settings of the metadata service (the {@code cluster.*} keys of CONFIG-KEYS.md that concern the
 * metadata quorum). Immutable; build with {@link #builder()}, which fills defaults and reports
 * every bad value at once.
 *
 * @param nodeId {@code cluster.node_id}; names this node's Raft peer ({@code "" } = "0")
 * @param brokerId the broker id this node leads partitions as (single node: 0)
 * @param metadataDir {@code <data_dir>/metadata}: Raft log, metadata snapshots
 * @param host address the Raft transport binds to and peers reach it by
 * @param port Raft port ({@code cluster.addr}, default 9093); must be a real port, because the peer
 *     address is stored in the Raft configuration
 * @param electionTimeout {@code cluster.election_timeout_ms}; Ratis waits between this and twice
 *     this before an election
 * @param snapshotThreshold take a snapshot after this many log entries since the last one
 * @param snapshotOnClose take a snapshot on a clean close, so the next start replays nothing
 * @param requestTimeout how long a proposal may take before it fails METADATA_UNAVAILABLE
 * @param startTimeout how long {@code start()} waits to become leader and catch up
 */
public record MetadataConfig(
    String nodeId,
    int brokerId,
    Path metadataDir,
    String host,
    int port,
    Duration electionTimeout,
    long snapshotThreshold,
    boolean snapshotOnClose,
    Duration requestTimeout,
    Duration startTimeout) {

  public static final int DEFAULT_PORT = 9093;
  public static final Duration DEFAULT_ELECTION_TIMEOUT = Duration.ofMillis(1000);
  public static final long DEFAULT_SNAPSHOT_THRESHOLD = 10_000;
  public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(30);
  public static final Duration DEFAULT_START_TIMEOUT = Duration.ofSeconds(60);

  public MetadataConfig {
    requireNonNull(nodeId, "nodeId");
    requireNonNull(metadataDir, "metadataDir");
    requireNonNull(host, "host");
    requireNonNull(electionTimeout, "electionTimeout");
    requireNonNull(requestTimeout, "requestTimeout");
    requireNonNull(startTimeout, "startTimeout");
  }

  /** The directory for metadata under a broker data directory: {@code <dataDir>/metadata}. */
  public static Path metadataDirOf(Path dataDir) {
    return dataDir.resolve("metadata");
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Mutable builder; not thread-safe. */
  public static final class Builder {
    private String nodeId = "";
    private int brokerId = 0;
    private Path metadataDir;
    private String host = "127.0.0.1";
    private int port = DEFAULT_PORT;
    private Duration electionTimeout = DEFAULT_ELECTION_TIMEOUT;
    private long snapshotThreshold = DEFAULT_SNAPSHOT_THRESHOLD;
    private boolean snapshotOnClose = true;
    private Duration requestTimeout = DEFAULT_REQUEST_TIMEOUT;
    private Duration startTimeout = DEFAULT_START_TIMEOUT;

    private Builder() {}

    public Builder nodeId(String nodeId) {
      this.nodeId = nodeId;
      return this;
    }

    public Builder brokerId(int brokerId) {
      this.brokerId = brokerId;
      return this;
    }

    public Builder metadataDir(Path metadataDir) {
      this.metadataDir = metadataDir;
      return this;
    }

    public Builder host(String host) {
      this.host = host;
      return this;
    }

    public Builder port(int port) {
      this.port = port;
      return this;
    }

    /**
     * Sets host and port from {@code cluster.addr} ({@code FLYMQ_CLUSTER_ADDR}): {@code host:port},
     * {@code [v6]:port}, or {@code :port} for every interface (bound as {@code 0.0.0.0}; a cluster
     * will need {@code cluster.advertise_cluster} for the address peers use).
     *
     * @throws IllegalArgumentException if the port is missing or not a number
     */
    public Builder clusterAddr(String addr) {
      int colon = addr == null ? -1 : addr.lastIndexOf(':');
      if (colon < 0) {
        throw new IllegalArgumentException(
            "cluster.addr: " + addr + " (expected: host:port or :port, e.g. :9093)");
      }
      String h = addr.substring(0, colon);
      if (h.startsWith("[") && h.endsWith("]")) {
        h = h.substring(1, h.length() - 1);
      }
      try {
        this.port = Integer.parseInt(addr.substring(colon + 1));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(
            "cluster.addr: " + addr + " (expected: host:port or :port, e.g. :9093)", e);
      }
      this.host = h.isEmpty() ? "0.0.0.0" : h;
      return this;
    }

    public Builder electionTimeout(Duration electionTimeout) {
      this.electionTimeout = electionTimeout;
      return this;
    }

    public Builder snapshotThreshold(long snapshotThreshold) {
      this.snapshotThreshold = snapshotThreshold;
      return this;
    }

    public Builder snapshotOnClose(boolean snapshotOnClose) {
      this.snapshotOnClose = snapshotOnClose;
      return this;
    }

    public Builder requestTimeout(Duration requestTimeout) {
      this.requestTimeout = requestTimeout;
      return this;
    }

    public Builder startTimeout(Duration startTimeout) {
      this.startTimeout = startTimeout;
      return this;
    }

    /**
     * @throws IllegalArgumentException naming every bad value
     */
    public MetadataConfig build() {
      List<String> errors = new ArrayList<>();
      if (nodeId == null || !nodeId.matches("[a-zA-Z0-9_-]*")) {
        errors.add("cluster.node_id: " + nodeId + " (expected: [a-zA-Z0-9_-]*)");
      }
      if (brokerId < 0) {
        errors.add("brokerId: " + brokerId + " (expected: >= 0)");
      }
      if (metadataDir == null) {
        errors.add("metadataDir: null (expected: <data_dir>/metadata)");
      }
      if (host == null || host.isBlank()) {
        errors.add("cluster.addr host: '" + host + "' (expected: an address peers can reach)");
      }
      if (port < 1 || port > 65535) {
        errors.add("cluster.addr port: " + port + " (expected: 1..65535)");
      }
      if (electionTimeout == null || electionTimeout.toMillis() < 10) {
        errors.add("cluster.election_timeout_ms: " + electionTimeout + " (expected: >= 10 ms)");
      }
      if (snapshotThreshold < 1) {
        errors.add("snapshotThreshold: " + snapshotThreshold + " (expected: >= 1 entries)");
      }
      if (requestTimeout == null || requestTimeout.isNegative() || requestTimeout.isZero()) {
        errors.add("requestTimeout: " + requestTimeout + " (expected: > 0)");
      }
      if (startTimeout == null || startTimeout.isNegative() || startTimeout.isZero()) {
        errors.add("startTimeout: " + startTimeout + " (expected: > 0)");
      }
      if (!errors.isEmpty()) {
        throw new IllegalArgumentException("Invalid metadata config: " + String.join("; ", errors));
      }
      return new MetadataConfig(
          nodeId,
          brokerId,
          metadataDir,
          host,
          port,
          electionTimeout,
          snapshotThreshold,
          snapshotOnClose,
          requestTimeout,
          startTimeout);
    }
  }
}
