package io.flymq.storage.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunWriterTest {
  private static int seed;

  @TempDir Path dir;

  @Test
  void shouldWriteHeapBuffersThroughStagingIncludingOneLargerThanIt() throws IOException {
    assertWritesExactly(
        List.of(
            heap(100),
            heap(RunWriter.STAGING_BYTES - 50),
            heap(200),
            heap(RunWriter.STAGING_BYTES + 7),
            heap(1),
            heap(3000)));
  }

  @Test
  void shouldWriteDirectBuffersWithOneGatheringWrite() throws IOException {
    assertWritesExactly(List.of(direct(100), direct(70_000), direct(1)));
  }

  @Test
  void shouldWriteAMixOfHeapAndDirectBuffers() throws IOException {
    assertWritesExactly(List.of(direct(500), heap(600), direct(700)));
  }

  /** Writes the buffers after 10 existing bytes and expects the file to hold exactly them. */
  private void assertWritesExactly(List<ByteBuffer> buffers) throws IOException {
    Path file = dir.resolve("run.log");
    ByteArrayOutputStream expected = new ByteArrayOutputStream();
    byte[] existing = bytes(10, 0);
    expected.writeBytes(existing);
    Files.write(file, existing);
    for (ByteBuffer buffer : buffers) {
      byte[] content = new byte[buffer.remaining()];
      buffer.duplicate().get(content);
      expected.writeBytes(content);
    }
    int[] positions = buffers.stream().mapToInt(ByteBuffer::position).toArray();

    try (FileChannel channel =
        FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
      RunWriter.write(channel, existing.length, buffers.toArray(ByteBuffer[]::new));
    }

    assertThat(Files.readAllBytes(file)).isEqualTo(expected.toByteArray());
    assertThat(buffers.stream().mapToInt(ByteBuffer::position).toArray()).isEqualTo(positions);
  }

  private static byte[] bytes(int size, int salt) {
    byte[] content = new byte[size];
    new Random(size * 31L + salt).nextBytes(content);
    return content;
  }

  /** A heap buffer whose content sits between position 3 and its limit, as a slice would. */
  private static ByteBuffer heap(int size) {
    byte[] content = bytes(size, ++seed);
    byte[] backing = new byte[size + 3];
    System.arraycopy(content, 0, backing, 3, size);
    return ByteBuffer.wrap(backing).position(3);
  }

  private static ByteBuffer direct(int size) {
    byte[] content = bytes(size, ++seed);
    return ByteBuffer.allocateDirect(size).put(content).flip();
  }
}
