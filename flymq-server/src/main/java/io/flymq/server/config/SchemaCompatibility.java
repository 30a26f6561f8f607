package io.flymq.server.config;

/** The compatibility rule a new schema version must meet ({@code schema.compatibility}). */
public enum SchemaCompatibility {
  BACKWARD,
  FORWARD,
  FULL,
  NONE
}
