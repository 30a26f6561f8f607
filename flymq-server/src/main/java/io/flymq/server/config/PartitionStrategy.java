package io.flymq.server.config;

/** How partition leaders are spread over brokers ({@code partition.distribution_strategy}). */
public enum PartitionStrategy {
  ROUND_ROBIN,
  LEAST_LOADED,
  RACK_AWARE
}
