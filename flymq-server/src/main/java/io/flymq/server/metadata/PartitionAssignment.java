package io.flymq.server.metadata;

/**
 * Where one partition lives: its leader broker and the leader epoch (bumped on every leader change
 * so a returning replica can truncate a divergent tail, DESIGN decision 6). A single node has every
 * partition on broker 0 at epoch 0. Replicas and ISR join this record with replication. Immutable.
 */
public record PartitionAssignment(int leader, int leaderEpoch) {
  public PartitionAssignment {
    if (leader < 0) {
      throw new IllegalArgumentException("leader: " + leader + " (expected: >= 0)");
    }
    if (leaderEpoch < 0) {
      throw new IllegalArgumentException("leaderEpoch: " + leaderEpoch + " (expected: >= 0)");
    }
  }
}
