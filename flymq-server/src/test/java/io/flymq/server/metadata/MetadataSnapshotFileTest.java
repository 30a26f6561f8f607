package io.flymq.server.metadata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MetadataSnapshotFileTest {
  @TempDir Path dir;

  @Test
  void shouldReadBackTheImageTermAndIndexThatWereWritten() throws IOException {
    MetadataImage image = randomImage();
    Path file = dir.resolve("snapshot.3_42");

    MetadataSnapshotFile.write(file, new MetadataSnapshotFile.Contents(3, 42, image));
    var read = MetadataSnapshotFile.read(file);

    assertThat(read).isEqualTo(new MetadataSnapshotFile.Contents(3, 42, image));
    assertThat(read.image().topic("orders")).isPresent();
    assertThat(Files.list(dir).map(p -> p.getFileName().toString()))
        .containsExactly("snapshot.3_42");
  }

  @Test
  void shouldRejectAFlippedByteAnywhereInTheFile() throws IOException {
    Path file = dir.resolve("snapshot.1_700");
    MetadataSnapshotFile.write(file, new MetadataSnapshotFile.Contents(1, 700, randomImage()));
    byte[] good = Files.readAllBytes(file);
    for (int i = 0; i < good.length; i += 7) {
      byte[] bad = good.clone();
      bad[i] ^= 0x10;
      Files.write(file, bad);
      assertThatThrownBy(() -> MetadataSnapshotFile.read(file))
          .as("flip at %d", i)
          .isInstanceOf(CorruptMetadataException.class);
    }
  }

  @Test
  void shouldRejectATruncatedFile() throws IOException {
    Path file = dir.resolve("snapshot.1_700");
    MetadataSnapshotFile.write(file, new MetadataSnapshotFile.Contents(1, 700, randomImage()));
    byte[] good = Files.readAllBytes(file);
    Files.write(file, java.util.Arrays.copyOf(good, good.length - 5));

    assertThatThrownBy(() -> MetadataSnapshotFile.read(file))
        .isInstanceOf(CorruptMetadataException.class)
        .hasMessageContaining("payload length");
  }

  private static MetadataImage randomImage() {
    var random = new Random(7);
    var machineCommands = MetadataStateMachineTest.randomCommands(random, 40);
    MetadataImage image = MetadataImage.EMPTY;
    long index = 0;
    for (MetadataCommand c : machineCommands) {
      image = MetadataApplier.apply(image, c, ++index).image();
    }
    image =
        MetadataApplier.apply(image, new MetadataCommand.DeleteTopic("orders"), ++index).image();
    return MetadataApplier.apply(
            image,
            new MetadataCommand.CreateTopic(
                "orders",
                UUID.randomUUID(),
                List.of(new PartitionAssignment(0, 0)),
                Map.of("retention_ms", "1000"),
                5),
            ++index)
        .image();
  }
}
