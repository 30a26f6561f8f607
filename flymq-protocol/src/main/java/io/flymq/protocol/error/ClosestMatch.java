package io.flymq.protocol.error;

import java.util.Collection;
import java.util.Optional;

/**
 * Finds the known name closest to a misspelt one (Levenshtein edit distance) for "did you mean"
 * hints: the broker's configuration and flags, the client's settings. Thread-safe: stateless.
 */
public final class ClosestMatch {
  private ClosestMatch() {}

  /**
   * The candidate nearest to {@code name}, if it is near enough to be a plausible typo: at most
   * max(2, length / 3) edits away, or extending {@code name} (e.g. {@code tls.cert} for {@code
   * tls.cert_file}). Ties go to the earlier candidate.
   */
  public static Optional<String> closest(String name, Collection<String> candidates) {
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String candidate : candidates) {
      int d = distance(name, candidate);
      if (d < bestDistance) {
        best = candidate;
        bestDistance = d;
      }
    }
    if (best != null && bestDistance <= Math.max(2, name.length() / 3)) {
      return Optional.of(best);
    }
    // A truncated name is far in edits but an obvious match.
    return candidates.stream().filter(c -> !name.isEmpty() && c.startsWith(name)).findFirst();
  }

  /** Levenshtein distance: the fewest single-character insertions, deletions and substitutions. */
  public static int distance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }
}
