/**
 * The FlyMQ broker. One package per concern (DESIGN.md): {@code config}, {@code network}, {@code
 * handler}, {@code log} (partition manager), {@code metadata} (Ratis state machine), and later
 * {@code group}, {@code security}, {@code schema}, {@code delivery}, {@code txn}, {@code
 * replication}, {@code http}. Packages talk through small interfaces.
 */
package io.flymq.server;
