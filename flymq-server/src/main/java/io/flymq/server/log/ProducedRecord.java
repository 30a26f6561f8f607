package io.flymq.server.log;

/**
 * Where a single produced record landed: its offset and timestamp (CREATE_TIME or log append time).
 */
public record ProducedRecord(long offset, long timestampMs) {}
