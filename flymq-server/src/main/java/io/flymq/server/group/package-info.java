/**
 * Consumer groups: committed offsets, kept durably in the internal compacted topic {@code
 * __consumer_offsets} (DESIGN decision 7, {@link io.flymq.server.group.OffsetStore}), and v2 group
 * membership with broker-side, cooperative assignment ({@link
 * io.flymq.server.group.GroupCoordinator}; rules in docs/protocol.md#membership). The assignment
 * strategies live in {@code group.assignor}.
 */
package io.flymq.server.group;
