/**
 * Assignment strategies of v2 consumer groups ({@code range}, {@code roundrobin}, {@code sticky}):
 * pure, deterministic functions from members and partition counts to a target assignment.
 */
package io.flymq.server.group.assignor;
