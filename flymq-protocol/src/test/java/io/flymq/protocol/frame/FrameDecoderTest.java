package io.flymq.protocol.frame;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flymq.protocol.Opcode;
import io.flymq.protocol.error.ErrorCode;
import io.flymq.protocol.error.ProtocolException;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.HexFormat;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

class FrameDecoderTest {
  private final FrameDecoder decoder = new FrameDecoder();

  @Test
  void shouldDecodeTheSpecExampleV1Header() throws ProtocolException {
    FrameHeader header =
        decoder.peekHeader(ByteBuffer.wrap(HexFormat.of().parseHex("AF01010100000017")));
    assertThat(header).isEqualTo(FrameHeader.v1(Opcode.PRODUCE, 0x01, 23));
    assertThat(header.headerBytes()).isEqualTo(8);
  }

  @Test
  void shouldDecodeAV2HeaderWithItsCorrelationId() throws ProtocolException {
    ByteBuffer frame =
        FrameCodec.frame(
            FrameHeader.v2(Opcode.FETCH_BATCHES, 1, 0xCAFEBABE, 3),
            ByteBuffer.wrap(new byte[] {1, 2, 3}));
    assertThat(frame.remaining()).isEqualTo(15);
    Frame decoded = decoder.decode(frame);
    assertThat(decoded.header()).isEqualTo(new FrameHeader(2, 0x0E, 1, 0xCAFEBABE, 3));
    assertThat(decoded.payload()).isEqualTo(ByteBuffer.wrap(new byte[] {1, 2, 3}));
    assertThat(frame.hasRemaining()).isFalse();
  }

  @Test
  void shouldEchoVersionAndCorrelationIdInResponseHeaders() {
    FrameHeader request = FrameHeader.v2(Opcode.AUTH, 1, 42, 10);
    assertThat(request.responseHeader(Opcode.AUTH.responseOpcode(), 5))
        .isEqualTo(new FrameHeader(2, 0x71, 1, 42, 5));
  }

  @Test
  void shouldReturnNullAndKeepThePositionWhileAFrameIsIncomplete() throws ProtocolException {
    ByteBuffer partial = ByteBuffer.wrap(HexFormat.of().parseHex("AF0101010000001700"));
    assertThat(decoder.decode(partial)).isNull();
    assertThat(partial.position()).isZero();
    assertThat(decoder.peekHeader(ByteBuffer.wrap(new byte[] {(byte) 0xAF, 2, 1, 1, 0, 0, 0})))
        .isNull();
  }

  @Test
  void shouldRejectABadMagicAtTheFirstByte() {
    assertThatThrownBy(() -> decoder.peekHeader(ByteBuffer.wrap(new byte[] {0x16})))
        .isInstanceOfSatisfying(
            ProtocolException.class,
            e -> {
              assertThat(e.errorCode()).isEqualTo(ErrorCode.INVALID_MAGIC);
              assertThat(e.closesConnection()).isTrue();
            });
  }

  @Test
  void shouldRejectUnknownVersionsAndCloseTheConnection() {
    assertThatThrownBy(() -> decoder.peekHeader(ByteBuffer.wrap(new byte[] {(byte) 0xAF, 3})))
        .isInstanceOfSatisfying(
            ProtocolException.class,
            e -> {
              assertThat(e.errorCode()).isEqualTo(ErrorCode.UNSUPPORTED_VERSION);
              assertThat(e.closesConnection()).isTrue();
            });
  }

  @Test
  void shouldRejectALengthAboveTheLimitBeforeAnyPayloadArrives() throws ProtocolException {
    assertThat(decoder.peekHeader(ByteBuffer.wrap(HexFormat.of().parseHex("AF01010102000000"))))
        .isNotNull();
    assertThatThrownBy(
            () -> decoder.peekHeader(ByteBuffer.wrap(HexFormat.of().parseHex("AF01010102000001"))))
        .isInstanceOfSatisfying(
            ProtocolException.class,
            e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.FRAME_TOO_LARGE));
    assertThatThrownBy(
            () ->
                new FrameDecoder(100)
                    .peekHeader(ByteBuffer.wrap(HexFormat.of().parseHex("AF01010100000065"))))
        .isInstanceOf(ProtocolException.class);
    assertThatThrownBy(
            () -> decoder.peekHeader(ByteBuffer.wrap(HexFormat.of().parseHex("AF010101FFFFFFFF"))))
        .isInstanceOf(ProtocolException.class);
  }

  @Test
  void shouldReadTheCompressionCodecFromTheFlags() throws ProtocolException {
    assertThat(FrameHeader.v1(Opcode.PRODUCE, 0x03, 0).compression())
        .isEqualTo(CompressionCodec.GZIP);
    assertThat(FrameHeader.v1(Opcode.PRODUCE, 0xF1, 0).compression())
        .isEqualTo(CompressionCodec.NONE);
    assertThatThrownBy(() -> FrameHeader.v1(Opcode.PRODUCE, 0x0B, 0).compression())
        .isInstanceOfSatisfying(
            ProtocolException.class,
            e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.UNSUPPORTED_COMPRESSION));
  }

  @Test
  void shouldBoundGzipDecompression() throws Exception {
    ByteArrayOutputStream compressed = new ByteArrayOutputStream();
    try (GZIPOutputStream gzip = new GZIPOutputStream(compressed)) {
      gzip.write(new byte[10_000]);
    }
    ByteBuffer input = ByteBuffer.wrap(compressed.toByteArray());
    assertThat(GzipPayloads.decompress(input, 10_000).remaining()).isEqualTo(10_000);
    assertThatThrownBy(() -> GzipPayloads.decompress(input, 9_999))
        .isInstanceOfSatisfying(
            ProtocolException.class,
            e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.RESOURCE_LIMIT_EXCEEDED));
    assertThatThrownBy(() -> GzipPayloads.decompress(ByteBuffer.wrap(new byte[] {1, 2, 3}), 100))
        .isInstanceOfSatisfying(
            ProtocolException.class,
            e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.CORRUPT_COMPRESSED_PAYLOAD));
  }
}
