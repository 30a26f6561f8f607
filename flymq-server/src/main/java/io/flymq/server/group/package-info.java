/**
 * Consumer-group state: committed offsets, kept durably in the internal compacted topic {@code
 * __consumer_offsets} (DESIGN decision 7). Membership and rebalancing come later; for now a group
 * id names a committed-offset slot per (group, topic, partition).
 */
package io.flymq.server.group;
