package io.flymq.server.metadata;

/**
 * Told after each change of the metadata image, for example so the partition manager creates and
 * deletes logs. Called on the state machine's apply thread, in log order, once per command that
 * changed the image, and once when a snapshot replaces the image (at start, or when a follower
 * installs one): compare {@code before} and {@code after} to find what changed.
 *
 * <p>Implementations must return quickly and must not block (hand disk work to an executor of their
 * own): metadata replication waits for them. An exception is logged and does not stop replication.
 * On restart the log after the last snapshot is replayed, so a listener sees those changes again
 * and must be idempotent (reconcile with {@code after}, don't count events).
 */
@FunctionalInterface
public interface MetadataListener {
  void onChange(MetadataImage before, MetadataImage after);
}
