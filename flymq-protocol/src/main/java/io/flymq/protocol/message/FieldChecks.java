package io.flymq.protocol.message;

import io.flymq.protocol.Opcode;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The checks message records run in their compact constructors. Failures are caller mistakes and
 * throw {@link IllegalArgumentException} (or {@link NullPointerException} for nulls) with messages
 * of the form {@code name: value (expected: ...)}; when a decoder builds a record from wire values,
 * {@link io.flymq.protocol.MessageCodec} turns them into {@code invalid binary format} protocol
 * errors. Stateless and thread-safe.
 */
public final class FieldChecks {
  private FieldChecks() {}

  /**
   * Checks that a shared layout is used with one of the opcodes that carry it.
   *
   * @param opcode the record's opcode
   * @param allowed the opcodes of the layout
   * @return {@code opcode}
   */
  public static Opcode opcode(Opcode opcode, Opcode... allowed) {
    Objects.requireNonNull(opcode, "opcode");
    for (Opcode candidate : allowed) {
      if (candidate == opcode) {
        return opcode;
      }
    }
    throw new IllegalArgumentException(
        "opcode: " + opcode + " (expected: one of " + Arrays.toString(allowed) + ")");
  }

  /**
   * Checks {@code value >= 0}.
   *
   * @param value the value
   * @param name the field name
   * @return {@code value}
   */
  public static long nonNegative(long value, String name) {
    if (value < 0) {
      throw new IllegalArgumentException(name + ": " + value + " (expected: >= 0)");
    }
    return value;
  }

  /**
   * Checks {@code value >= 0}.
   *
   * @param value the value
   * @param name the field name
   * @return {@code value}
   */
  public static int nonNegative(int value, String name) {
    if (value < 0) {
      throw new IllegalArgumentException(name + ": " + value + " (expected: >= 0)");
    }
    return value;
  }

  /**
   * Checks that {@code value} fits a {@code u32} field.
   *
   * @param value the value
   * @param name the field name
   * @return {@code value}
   */
  public static long u32(long value, String name) {
    if (value < 0 || value > 0xFFFF_FFFFL) {
      throw new IllegalArgumentException(name + ": " + value + " (expected: 0..4294967295)");
    }
    return value;
  }

  /**
   * An immutable copy of a list without null elements.
   *
   * @param values the list
   * @param name the field name
   * @return the copy
   */
  public static <T> List<T> copy(List<T> values, String name) {
    return List.copyOf(Objects.requireNonNull(values, name));
  }
}
