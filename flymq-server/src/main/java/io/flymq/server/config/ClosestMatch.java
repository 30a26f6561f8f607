package io.flymq.server.config;

import java.util.Collection;
import java.util.Optional;

/**
 * "did you mean" hints for configuration keys, environment variables and flags, over the protocol
 * module's {@link io.flymq.protocol.error.ClosestMatch} (shared with the client's settings).
 */
final class ClosestMatch {
  private ClosestMatch() {}

  /** See {@link io.flymq.protocol.error.ClosestMatch#closest}. */
  static Optional<String> closest(String name, Collection<String> candidates) {
    return io.flymq.protocol.error.ClosestMatch.closest(name, candidates);
  }

  /** "did you mean X?" or, with no plausible match, where to look the names up. */
  static String hint(String name, Collection<String> candidates) {
    return closest(name, candidates)
        .map(c -> "did you mean " + c + "?")
        .orElse("see docs/configuration.md or `flymq -help` for the names");
  }

  /** See {@link io.flymq.protocol.error.ClosestMatch#distance}. */
  static int distance(String a, String b) {
    return io.flymq.protocol.error.ClosestMatch.distance(a, b);
  }
}
