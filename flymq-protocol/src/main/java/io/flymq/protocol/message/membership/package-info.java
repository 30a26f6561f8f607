/**
 * v2 consumer-group membership: JOIN_GROUP, GROUP_HEARTBEAT (which carries the assignment),
 * LEAVE_GROUP, GROUP_COMMIT, GROUP_OFFSETS and GROUP_DESCRIBE. Layouts: docs/protocol.md section
 * 2.9.
 */
package io.flymq.protocol.message.membership;
