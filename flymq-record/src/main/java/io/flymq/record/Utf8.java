package io.flymq.record;

import java.nio.ByteBuffer;

/**
 * UTF-8 encoding of header keys straight into the batch buffer, without the temporary array that
 * {@code String.getBytes} allocates. Output equals {@code getBytes(UTF_8)} byte for byte, including
 * its choice to encode an unpaired surrogate as {@code '?'}, so batches stay identical to Kafka's.
 * Stateless and thread-safe.
 */
public final class Utf8 {
  private static final byte REPLACEMENT = (byte) '?';

  private Utf8() {}

  /** Bytes {@link #encode} writes for {@code s}. */
  public static int encodedLength(String s) {
    int length = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x80) {
        length += 1;
      } else if (c < 0x800) {
        length += 2;
      } else if (isPairAt(s, i)) {
        length += 4;
        i++;
      } else if (Character.isSurrogate(c)) {
        length += 1;
      } else {
        length += 3;
      }
    }
    return length;
  }

  /** Writes {@code s} at the buffer's position and advances past it. */
  static void encode(String s, ByteBuffer out) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x80) {
        out.put((byte) c);
      } else if (c < 0x800) {
        out.put((byte) (0xC0 | (c >> 6)));
        out.put((byte) (0x80 | (c & 0x3F)));
      } else if (isPairAt(s, i)) {
        int cp = Character.toCodePoint(c, s.charAt(++i));
        out.put((byte) (0xF0 | (cp >> 18)));
        out.put((byte) (0x80 | ((cp >> 12) & 0x3F)));
        out.put((byte) (0x80 | ((cp >> 6) & 0x3F)));
        out.put((byte) (0x80 | (cp & 0x3F)));
      } else if (Character.isSurrogate(c)) {
        out.put(REPLACEMENT);
      } else {
        out.put((byte) (0xE0 | (c >> 12)));
        out.put((byte) (0x80 | ((c >> 6) & 0x3F)));
        out.put((byte) (0x80 | (c & 0x3F)));
      }
    }
  }

  private static boolean isPairAt(String s, int i) {
    return Character.isHighSurrogate(s.charAt(i))
        && i + 1 < s.length()
        && Character.isLowSurrogate(s.charAt(i + 1));
  }
}
