package io.flymq.protocol.message.version;

import io.flymq.protocol.Message;
import io.flymq.protocol.Opcode;
import io.flymq.protocol.error.ErrorCode;
import io.flymq.protocol.error.ProtocolException;
import io.flymq.protocol.message.FieldChecks;
import io.flymq.protocol.wire.WireReader;
import io.flymq.protocol.wire.WireWriter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * API_VERSIONS (0x0C) response, wire v2 only. Layout: docs/protocol.md#api_versions. The request is
 * an {@link io.flymq.protocol.message.EmptyRequest}.
 *
 * <pre>
 *   error_code i16 | apis list&lt;opcode u8 | min_version u8 | max_version u8&gt; | max_frame_bytes i32
 * </pre>
 *
 * <p>Versions are frame versions (1 or 2): a layout change bumps the frame version (STYLE 9.6).
 * Opcodes are kept as raw bytes so a client can read the answer of a newer broker.
 *
 * @param errorCode {@link ErrorCode#NONE}
 * @param apis the served opcodes
 * @param maxFrameBytes the largest payload the broker accepts
 */
public record ApiVersionsResponse(ErrorCode errorCode, List<ApiVersion> apis, int maxFrameBytes)
    implements Message {
  /** Validates the fields. @throws IllegalArgumentException if a field is out of range */
  public ApiVersionsResponse {
    Objects.requireNonNull(errorCode, "errorCode");
    apis = FieldChecks.copy(apis, "apis");
    FieldChecks.nonNegative(maxFrameBytes, "maxFrameBytes");
  }

  /**
   * The answer of a broker serving {@code opcodes}, each from its first frame version to the
   * latest.
   *
   * @param opcodes the request opcodes served
   * @param maxFrameBytes the broker's payload limit
   */
  public static ApiVersionsResponse of(Collection<Opcode> opcodes, int maxFrameBytes) {
    List<ApiVersion> apis = new ArrayList<>();
    for (Opcode opcode : opcodes) {
      if (opcode.isRequest()) {
        apis.add(new ApiVersion(opcode.code(), opcode.firstVersion(), Opcode.LATEST_VERSION));
      }
    }
    return new ApiVersionsResponse(ErrorCode.NONE, apis, maxFrameBytes);
  }

  @Override
  public Opcode opcode() {
    return Opcode.API_VERSIONS;
  }

  @Override
  public void writeTo(WireWriter out) {
    out.u16(errorCode.code())
        .list(apis, (a, w) -> w.u8(a.opcode()).u8(a.minVersion()).u8(a.maxVersion()))
        .i32(maxFrameBytes);
  }

  /**
   * Decodes the payload.
   *
   * @param in the payload
   * @throws ProtocolException if the payload is truncated
   */
  public static ApiVersionsResponse decode(WireReader in) throws ProtocolException {
    ErrorCode errorCode = ErrorCode.fromCode(in.i16());
    int count = in.count32(3);
    List<ApiVersion> apis = in.list(count, r -> new ApiVersion(r.u8(), r.u8(), r.u8()));
    return new ApiVersionsResponse(errorCode, apis, in.i32());
  }

  /**
   * One served opcode.
   *
   * @param opcode the opcode byte
   * @param minVersion the first frame version carrying it
   * @param maxVersion the last frame version carrying it
   */
  public record ApiVersion(int opcode, int minVersion, int maxVersion) {
    /** Validates the fields. @throws IllegalArgumentException if a field is out of range */
    public ApiVersion {
      if (opcode < 0
          || opcode > 255
          || minVersion < 0
          || minVersion > maxVersion
          || maxVersion > 255) {
        throw new IllegalArgumentException(
            "apiVersion: "
                + opcode
                + " "
                + minVersion
                + ".."
                + maxVersion
                + " (expected: opcode 0..255, 0 <= minVersion <= maxVersion <= 255)");
      }
    }
  }
}
