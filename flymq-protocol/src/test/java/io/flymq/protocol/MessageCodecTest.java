package io.flymq.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flymq.protocol.error.ErrorCode;
import io.flymq.protocol.error.ProtocolException;
import io.flymq.protocol.frame.FrameHeader;
import io.flymq.protocol.message.ErrorResponse;
import io.flymq.protocol.message.auth.JavaIdentityResponse;
import io.flymq.protocol.message.core.ProduceRequest;
import io.flymq.protocol.message.dlq.ReinjectDlqResponse;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

class MessageCodecTest {
  private static final HexFormat HEX = HexFormat.of();

  @Test
  void shouldAnswerUnknownReservedAndResponseOnlyOpcodesAsUnknown() {
    for (int opcode : new int[] {0x52, 0x71, 0xFF, 0x99}) {
      assertThatThrownBy(
              () ->
                  MessageCodec.decodeRequest(
                      new FrameHeader(1, opcode, 1, 0, 0), ByteBuffer.allocate(0)))
          .isInstanceOfSatisfying(
              ProtocolException.class,
              e -> {
                assertThat(e.getMessage()).isEqualTo("unknown opcode: " + opcode);
                assertThat(e.errorCode()).isEqualTo(ErrorCode.UNSUPPORTED_OPCODE);
                assertThat(e.closesConnection()).isFalse();
              });
    }
  }

  @Test
  void shouldServeV2OpcodesOnlyInV2Frames() throws ProtocolException {
    assertThatThrownBy(
            () ->
                MessageCodec.decodeRequest(
                    FrameHeader.v1(Opcode.API_VERSIONS, 1, 0), ByteBuffer.allocate(0)))
        .hasMessage("unknown opcode: 12");
    assertThat(
            MessageCodec.decodeRequest(
                    FrameHeader.v2(Opcode.API_VERSIONS, 1, 5, 0), ByteBuffer.allocate(0))
                .opcode())
        .isEqualTo(Opcode.API_VERSIONS);
  }

  @Test
  void shouldUseTheReferenceTextsForTruncatedPayloads() {
    assertThatThrownBy(
            () ->
                MessageCodec.decodeRequest(Opcode.PRODUCE, ByteBuffer.wrap(new byte[] {0, 9, 'a'})))
        .hasMessageStartingWith("buffer too small");
    assertThatThrownBy(() -> MessageCodec.decodeRequest(Opcode.USER_GET, ByteBuffer.allocate(1)))
        .hasMessageStartingWith("invalid request: buffer too small");
    assertThatThrownBy(() -> MessageCodec.decodeRequest(Opcode.AUTH, ByteBuffer.allocate(0)))
        .hasMessageStartingWith("invalid auth request: buffer too small");
  }

  @Test
  void shouldRejectNegativePartitionsAsInvalidBinaryFormat() {
    ByteBuffer payload = ByteBuffer.wrap(HEX.parseHex("0001610000000000000000fffffffe"));
    assertThatThrownBy(() -> MessageCodec.decodeRequest(Opcode.PRODUCE, payload))
        .isInstanceOfSatisfying(
            ProtocolException.class,
            e -> {
              assertThat(e.getMessage()).startsWith("invalid binary format: partition: -2");
              assertThat(e.errorCode()).isEqualTo(ErrorCode.MALFORMED_FRAME);
            });
  }

  @Test
  void shouldDecompressGzipRequestsOfAnyOpcode() throws Exception {
    ProduceRequest produce =
        new ProduceRequest("t", ByteBuffer.allocate(0), ByteBuffer.wrap("hello".getBytes()), -1);
    ByteBuffer plain = MessageCodec.encodePayload(produce);
    ByteArrayOutputStream gz = new ByteArrayOutputStream();
    try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
      out.write(WireVectorsTest.toArray(plain));
    }
    FrameHeader header = FrameHeader.v1(Opcode.PRODUCE, 0x03, gz.size());
    assertThat(MessageCodec.decodeRequest(header, ByteBuffer.wrap(gz.toByteArray())))
        .isEqualTo(produce);
  }

  @Test
  void shouldSendTheFiveByteReinjectResponseAndTheElevenByteRolelessFailure() {
    assertThat(
            HEX.formatHex(
                WireVectorsTest.toArray(MessageCodec.encodePayload(ReinjectDlqResponse.of(false)))))
        .isEqualTo("0000000000");
    JavaIdentityResponse failure =
        JavaIdentityResponse.roleless(Opcode.AUTH_RESPONSE, false, "", List.of());
    assertThat(MessageCodec.encodePayload(failure).remaining()).isEqualTo(11);
    assertThat(
            DialectMode.AUTO.identityResponse(
                Opcode.AUTH_RESPONSE, false, "", List.of("admin"), List.of(), "x"))
        .isEqualTo(failure);
  }

  @Test
  void shouldAppendTheHintAfterTheReferenceTextAndKeepTheGoRedirectParsable() {
    ErrorResponse error =
        ErrorResponse.of(
            ErrorCode.NOT_LEADER, "not leader: leader_id=n2 leader_addr=10.0.0.2:9092");
    assertThat(error.code()).isEqualTo(30);
    assertThat(error.message()).startsWith("not leader: leader_id=n2 leader_addr=10.0.0.2:9092 (");
    assertThat(error.errorCode().retriable()).isTrue();
  }

  @Test
  void shouldEchoTheCorrelationIdInResponses() throws ProtocolException {
    FrameHeader request = FrameHeader.v2(Opcode.PRODUCE, 1, 1234, 0);
    ByteBuffer frame =
        MessageCodec.encodeResponse(
            request, ErrorResponse.of(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, "topic not found: t"));
    assertThat(frame.getInt(4)).isEqualTo(1234);
    assertThat(frame.get(2) & 0xFF).isEqualTo(0xFF);
  }

  @Test
  void shouldGiveEveryErrorCodeAUniqueNumberAndAHint() {
    assertThat(java.util.Arrays.stream(ErrorCode.values()).map(ErrorCode::code).distinct().count())
        .isEqualTo(ErrorCode.values().length);
    for (ErrorCode code : ErrorCode.values()) {
      assertThat(code.hint()).isNotBlank();
      assertThat(ErrorCode.fromCode(code.code())).isEqualTo(code);
    }
  }
}
