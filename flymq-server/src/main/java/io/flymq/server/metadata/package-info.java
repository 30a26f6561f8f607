/**
 * Cluster metadata as a replicated state machine on Apache Ratis (DESIGN decision 5), in a group of
 * one peer on a single node and of several peers in a cluster: one code path.
 *
 * <p>Other packages use {@link io.flymq.server.metadata.MetadataService} (propose changes, read the
 * current {@link io.flymq.server.metadata.MetadataImage}, listen for changes). Inside: the
 * immutable model ({@link io.flymq.server.metadata.TopicMetadata}, {@link
 * io.flymq.server.metadata.MetadataImage}), the commands that form the replicated log ({@link
 * io.flymq.server.metadata.MetadataCommand}), the pure transition function ({@link
 * io.flymq.server.metadata.MetadataApplier}), their versioned encoding ({@link
 * io.flymq.server.metadata.MetadataCodec}), snapshots ({@link
 * io.flymq.server.metadata.MetadataSnapshotFile}) and the Ratis glue ({@link
 * io.flymq.server.metadata.MetadataStateMachine}, {@link
 * io.flymq.server.metadata.RaftMetadataService}). Format and rules: docs/metadata.md.
 */
package io.flymq.server.metadata;
