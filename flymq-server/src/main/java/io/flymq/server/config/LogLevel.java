package io.flymq.server.config;

/** The broker's log level ({@code log_level}); {@code -quiet} sets {@link #WARN}. */
public enum LogLevel {
  DEBUG,
  INFO,
  WARN,
  ERROR
}
