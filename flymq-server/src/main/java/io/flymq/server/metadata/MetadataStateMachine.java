package io.flymq.server.metadata;

import static java.util.Objects.requireNonNull;

import java.io.File;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.ratis.proto.RaftProtos.LogEntryProto;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.server.RaftServer;
import org.apache.ratis.server.protocol.TermIndex;
import org.apache.ratis.server.raftlog.RaftLog;
import org.apache.ratis.server.storage.FileInfo;
import org.apache.ratis.server.storage.RaftStorage;
import org.apache.ratis.statemachine.StateMachineStorage;
import org.apache.ratis.statemachine.TransactionContext;
import org.apache.ratis.statemachine.impl.BaseStateMachine;
import org.apache.ratis.statemachine.impl.SimpleStateMachineStorage;
import org.apache.ratis.statemachine.impl.SingleFileSnapshotInfo;
import org.apache.ratis.thirdparty.com.google.protobuf.ByteString;
import org.apache.ratis.util.MD5FileUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Ratis state machine of cluster metadata: applies committed {@link MetadataCommand}s to the
 * {@link MetadataImage} with {@link MetadataApplier}, snapshots the image, and loads the latest
 * snapshot at start (Ratis then replays the log entries after it).
 *
 * <p>Thread-safety (STYLE 9.5): Ratis calls {@link #applyTransaction} and {@link #takeSnapshot}
 * from its single state-machine updater thread, while queries and {@link #image()} run on any
 * thread. All state the readers see lives in one {@link AtomicReference} to an immutable {@link
 * Applied} (image plus the log position it reflects), replaced after each entry, so a reader never
 * sees a half-applied command and snapshot and image can never disagree.
 *
 * <p>Determinism: apply decodes the entry, runs the pure {@link MetadataApplier} and encodes the
 * result; the clock, ids and placement were fixed by the proposer. Listeners run after the new
 * image is published and cannot influence it.
 *
 * <p>Snapshot files live in Ratis's {@code sm/} directory of the group's storage, named {@code
 * snapshot.<term>_<index>} with an {@code .md5} sidecar (Ratis uses it when it ships a snapshot to
 * a follower); layout in {@link MetadataSnapshotFile}.
 */
public final class MetadataStateMachine extends BaseStateMachine {
  private static final Logger LOG = LoggerFactory.getLogger(MetadataStateMachine.class);

  /**
   * The image and the last log entry it reflects (a rejected command or a Raft-internal entry moves
   * {@code term/index} but not {@code image.version()}).
   */
  private record Applied(MetadataImage image, long term, long index) {}

  private final SimpleStateMachineStorage storage = new SimpleStateMachineStorage();
  private final AtomicReference<Applied> state =
      new AtomicReference<>(new Applied(MetadataImage.EMPTY, 0, RaftLog.INVALID_LOG_INDEX));
  private final List<MetadataListener> listeners = new CopyOnWriteArrayList<>();
  private volatile long loadedSnapshotIndex = RaftLog.INVALID_LOG_INDEX;

  /** The current image; never null, never changes once returned. */
  public MetadataImage image() {
    return state.get().image();
  }

  /** Index of the snapshot loaded at the last (re)initialize, or -1 if none was found. */
  public long loadedSnapshotIndex() {
    return loadedSnapshotIndex;
  }

  public void addListener(MetadataListener listener) {
    listeners.add(requireNonNull(listener, "listener"));
  }

  public void removeListener(MetadataListener listener) {
    listeners.remove(listener);
  }

  @Override
  public StateMachineStorage getStateMachineStorage() {
    return storage;
  }

  @Override
  public void initialize(RaftServer server, RaftGroupId groupId, RaftStorage raftStorage)
      throws IOException {
    super.initialize(server, groupId, raftStorage);
    storage.init(raftStorage);
    loadLatestSnapshot();
  }

  /** Called after a follower installed a snapshot from the leader (never on a single node). */
  @Override
  public void reinitialize() throws IOException {
    loadLatestSnapshot();
  }

  private void loadLatestSnapshot() throws IOException {
    SingleFileSnapshotInfo info = storage.loadLatestSnapshot();
    if (info == null) {
      LOG.info("No metadata snapshot; starting from the empty image and the log");
      return;
    }
    File file = info.getFile().getPath().toFile();
    if (info.getFile().getFileDigest() != null) {
      MD5FileUtil.verifySavedMD5(file, info.getFile().getFileDigest());
    }
    var contents = MetadataSnapshotFile.read(file.toPath());
    TermIndex named = info.getTermIndex();
    if (contents.term() != named.getTerm() || contents.index() != named.getIndex()) {
      throw new CorruptMetadataException(
          "metadata snapshot "
              + file
              + " holds term/index "
              + contents.term()
              + "/"
              + contents.index()
              + " (expected: "
              + named
              + " from its name)");
    }
    var before = state.getAndSet(new Applied(contents.image(), contents.term(), contents.index()));
    setLastAppliedTermIndex(named);
    loadedSnapshotIndex = contents.index();
    LOG.info("Loaded metadata snapshot {} ({} topics)", named, contents.image().topics().size());
    notifyListeners(before.image(), contents.image());
  }

  @Override
  public CompletableFuture<Message> applyTransaction(TransactionContext trx) {
    LogEntryProto entry = trx.getLogEntry();
    long index = entry.getIndex();
    long term = entry.getTerm();
    MetadataApplier.Outcome outcome;
    Applied before = state.get();
    try {
      var command =
          MetadataCodec.decodeCommand(entry.getStateMachineLogEntry().getLogData().toByteArray());
      outcome = MetadataApplier.apply(before.image(), command, index);
    } catch (RuntimeException e) {
      // Never skip an entry: replicas would diverge. Failing the future stops this server.
      LOG.error("Cannot apply metadata log entry {}", TermIndex.valueOf(term, index), e);
      return CompletableFuture.failedFuture(e);
    }
    state.set(new Applied(outcome.image(), term, index));
    updateLastAppliedTermIndex(term, index);
    if (outcome.image() != before.image()) {
      notifyListeners(before.image(), outcome.image());
    }
    return CompletableFuture.completedFuture(
        Message.valueOf(ByteString.copyFrom(MetadataCodec.encode(outcome.result()))));
  }

  /**
   * Answers any read-only request with the image version (8 bytes, big-endian). Its use is the
   * linearizable read the service sends at start: Ratis answers it only once this server is leader
   * and has applied everything committed, so the image is complete afterwards.
   */
  @Override
  public CompletableFuture<Message> query(Message request) {
    byte[] version = ByteBuffer.allocate(8).putLong(image().version()).array();
    return CompletableFuture.completedFuture(Message.valueOf(ByteString.copyFrom(version)));
  }

  @Override
  public long takeSnapshot() throws IOException {
    Applied applied = state.get();
    TermIndex last = getLastAppliedTermIndex();
    // Raft-internal entries (leader no-ops, configuration) advance Ratis's applied index without
    // touching the image; the snapshot claims the later of the two so they are not replayed.
    long term = applied.term();
    long index = applied.index();
    if (last != null && last.getIndex() > index) {
      term = last.getTerm();
      index = last.getIndex();
    }
    if (index < 0) {
      return RaftLog.INVALID_LOG_INDEX;
    }
    File file = storage.getSnapshotFile(term, index);
    MetadataSnapshotFile.write(
        file.toPath(), new MetadataSnapshotFile.Contents(term, index, applied.image()));
    var md5 = MD5FileUtil.computeAndSaveMd5ForFile(file);
    storage.updateLatestSnapshot(
        new SingleFileSnapshotInfo(new FileInfo(file.toPath(), md5), term, index));
    LOG.info(
        "Took metadata snapshot {} ({} topics)",
        TermIndex.valueOf(term, index),
        applied.image().topics().size());
    return index;
  }

  private void notifyListeners(MetadataImage before, MetadataImage after) {
    for (MetadataListener listener : listeners) {
      try {
        listener.onChange(before, after);
      } catch (RuntimeException e) {
        // A listener's bug must not stop metadata replication; the listener reconciles with the
        // next image it is given.
        LOG.error("Metadata listener {} failed on version {}", listener, after.version(), e);
      }
    }
  }
}
