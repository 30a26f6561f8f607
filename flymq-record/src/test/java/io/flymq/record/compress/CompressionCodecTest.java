package io.flymq.record.compress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;
import org.xerial.snappy.SnappyOutputStream;

class CompressionCodecTest {
  private static final List<CompressionCodec> CODECS =
      List.of(
          new GzipCodec(),
          new SnappyCodec(),
          new Lz4Codec(),
          new ZstdCodec(),
          new Lz4Codec(12),
          new GzipCodec(1));

  @Property(tries = 100)
  void shouldRoundTripAnyBytes(
      @ForAll @Size(max = 200_000) byte[] data, @ForAll @IntRange(min = 0, max = 5) int codec) {
    CompressionCodec c = CODECS.get(codec);
    ByteBuffer compressed = c.compress(ByteBuffer.wrap(data));
    assertThat(c.decompress(compressed, data.length)).isEqualTo(ByteBuffer.wrap(data));
  }

  @Property(tries = 300)
  void shouldFailOnGarbageOnlyWithDecompressionException(
      @ForAll @Size(max = 300) byte[] garbage,
      @ForAll @IntRange(min = 0, max = 3) int codec,
      @ForAll boolean withValidPrefix) {
    CompressionCodec c = CODECS.get(codec);
    ByteBuffer input = ByteBuffer.wrap(garbage);
    if (withValidPrefix) {
      // Keep a valid stream header so the block decoders, not just the header checks, see garbage.
      ByteBuffer valid =
          c.compress(ByteBuffer.wrap("some records that compress somewhat somewhat".getBytes()));
      ByteBuffer mixed = ByteBuffer.allocate(valid.remaining() + garbage.length);
      mixed.put(valid.slice(0, Math.min(valid.remaining(), 16))).put(garbage).flip();
      input = mixed;
    }
    try {
      c.decompress(input, 1 << 20);
    } catch (DecompressionException expected) {
      // the one failure garbage may cause
    }
  }

  @Test
  void shouldFrameSnappyExactlyLikeSnappyOutputStream() throws IOException {
    byte[] data = new byte[100_000];
    new Random(1).nextBytes(data);
    for (int i = 0; i < data.length; i += 3) {
      data[i] = 'a';
    }
    ByteArrayOutputStream expected = new ByteArrayOutputStream();
    try (SnappyOutputStream out = new SnappyOutputStream(expected)) {
      for (int i = 0; i < data.length; i += 777) {
        out.write(data, i, Math.min(777, data.length - i));
      }
    }
    assertThat(new SnappyCodec().compress(ByteBuffer.wrap(data)))
        .isEqualTo(ByteBuffer.wrap(expected.toByteArray()));
  }

  @Test
  void shouldWriteKafkasLz4FrameHeader() {
    ByteBuffer frame = new Lz4Codec().compress(ByteBuffer.wrap(new byte[10]));
    assertThat(frame.getInt(0)).isEqualTo(Integer.reverseBytes(0x184D2204));
    assertThat(frame.get(4)).isEqualTo((byte) 0x60);
    assertThat(frame.get(5)).isEqualTo((byte) 0x40);
    assertThat(frame.getInt(frame.limit() - 4)).isZero();
  }

  @Test
  void shouldStoreIncompressibleLz4BlocksRaw() {
    byte[] random = new byte[70_000];
    new Random(2).nextBytes(random);
    ByteBuffer frame = new Lz4Codec().compress(ByteBuffer.wrap(random));
    int firstBlockSize = Integer.reverseBytes(frame.getInt(7));
    assertThat(firstBlockSize).isEqualTo(0x80000000 | 65536);
    assertThat(new Lz4Codec().decompress(frame, random.length)).isEqualTo(ByteBuffer.wrap(random));
  }

  @Test
  void shouldAcceptOutputExactlyAtTheLimit() {
    for (CompressionCodec codec : CODECS) {
      ByteBuffer compressed = codec.compress(ByteBuffer.wrap(new byte[5000]));
      assertThat(codec.decompress(compressed, 5000).remaining()).isEqualTo(5000);
      assertThatThrownBy(() -> codec.decompress(compressed, 4999))
          .isInstanceOf(DecompressionException.class);
    }
  }
}
