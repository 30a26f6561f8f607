package io.flymq.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import io.flymq.protocol.error.ProtocolException;
import io.flymq.protocol.frame.Frame;
import io.flymq.protocol.frame.FrameDecoder;
import io.flymq.protocol.frame.FrameHeader;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * 100,000 random and mutated frames through the header decoder and every payload decoder (request
 * and response side, every dialect): the only exception that may escape is ProtocolException.
 * Seeded, so a failure reproduces.
 */
class FuzzTest {
  private static final int FRAMES = 100_000;

  @Test
  void shouldOnlyEverThrowProtocolExceptionOnRandomAndMutatedFrames() throws IOException {
    List<byte[]> seeds = new ArrayList<>();
    WireVectorsTest.vectors()
        .forEach(v -> seeds.add(HexFormat.of().parseHex(v.get("hex").asText())));
    SplittableRandom random = new SplittableRandom(0x5EED_F1);
    FrameDecoder decoder = new FrameDecoder(1 << 16);
    int decodedFrames = 0;
    for (int i = 0; i < FRAMES; i++) {
      byte[] frame =
          i % 4 == 0
              ? randomFrame(random)
              : mutate(seeds.get(random.nextInt(seeds.size())), random);
      try {
        Frame decoded = decoder.decode(ByteBuffer.wrap(frame));
        if (decoded != null) {
          decodedFrames++;
          decodeEveryWay(decoded);
        }
      } catch (ProtocolException expected) {
        // The only acceptable failure.
      } catch (RuntimeException | Error e) {
        throw new AssertionError("frame " + i + ": " + HexFormat.of().formatHex(frame), e);
      }
    }
    assertThat(decodedFrames).isGreaterThan(FRAMES / 2);
  }

  private static void decodeEveryWay(Frame frame) throws ProtocolException {
    try {
      MessageCodec.decodeRequest(frame.header(), frame.payload());
    } catch (ProtocolException expected) {
      // Keep going: also try the response decoders on the same bytes.
    }
    // Force every opcode through both decoder tables, whatever the header said.
    FrameHeader header = frame.header();
    for (Dialect dialect : Dialect.values()) {
      try {
        MessageCodec.decodeResponse(header, frame.payload(), dialect);
      } catch (ProtocolException expected) {
        // Acceptable.
      }
    }
  }

  private static byte[] randomFrame(SplittableRandom random) {
    byte[] payload = new byte[random.nextInt(64)];
    random.nextBytes(payload);
    int opcode = random.nextInt(256);
    int version = random.nextInt(8) == 0 ? 2 : 1;
    ByteBuffer frame = ByteBuffer.allocate(12 + payload.length);
    frame.put((byte) 0xAF).put((byte) version).put((byte) opcode).put((byte) random.nextInt(256));
    if (version == 2) {
      frame.putInt(random.nextInt());
    }
    frame.putInt(payload.length).put(payload);
    return java.util.Arrays.copyOf(frame.array(), frame.position());
  }

  private static byte[] mutate(byte[] seed, SplittableRandom random) {
    byte[] frame = seed.clone();
    int mutations = 1 + random.nextInt(4);
    for (int m = 0; m < mutations && frame.length > 8; m++) {
      int at = 8 + random.nextInt(frame.length - 8);
      switch (random.nextInt(4)) {
        case 0 -> frame[at] = (byte) random.nextInt(256);
        case 1 -> frame[at] = (byte) 0xFF;
        case 2 -> frame[at] ^= (byte) (1 << random.nextInt(8));
        default -> frame = truncate(frame, at);
      }
    }
    if (random.nextInt(8) == 0) {
      frame[2] = (byte) random.nextInt(256);
    }
    return frame;
  }

  private static byte[] truncate(byte[] frame, int length) {
    byte[] cut = java.util.Arrays.copyOf(frame, length);
    ByteBuffer.wrap(cut).putInt(4, length - 8);
    return cut;
  }
}
