package io.flymq.storage.log;

import static org.assertj.core.api.Assertions.assertThat;

import io.flymq.record.RecordBatch;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * What a linear scan of batch headers says about a log directory, read from the {@code .log} files
 * alone (no index): every segment's batches with their positions and offsets. Tests hold the slices
 * {@link PartitionLog#read} returns against it.
 */
final class LogScan {

  /** One batch of a segment file. */
  record Batch(long segmentBase, int position, int size, long baseOffset, long nextOffset) {
    int end() {
      return position + size;
    }
  }

  /** One segment file: its batches in file order and its size in bytes. */
  record Segment(long base, int size, List<Batch> batches) {
    /** The batch starting at {@code position}, or null when no batch starts there. */
    Batch startingAt(int position) {
      return batches.stream().filter(b -> b.position() == position).findFirst().orElse(null);
    }
  }

  private final List<Segment> segments;

  private LogScan(List<Segment> segments) {
    this.segments = segments;
  }

  /** Scans every segment file of {@code dir}, checking each batch's CRC. */
  static LogScan of(Path dir) throws IOException {
    List<Path> files;
    try (Stream<Path> listing = Files.list(dir)) {
      files =
          listing
              .filter(p -> p.getFileName().toString().endsWith(SegmentFiles.LOG_SUFFIX))
              .toList();
    }
    List<Segment> segments = new ArrayList<>();
    for (Path file : files) {
      long base = SegmentFiles.parseLogFileName(file.getFileName().toString()).getAsLong();
      ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(file));
      List<Batch> batches = new ArrayList<>();
      for (int position = 0; position < bytes.limit(); ) {
        RecordBatch batch = RecordBatch.wrap(bytes, position);
        assertThat(batch.isCrcValid()).as("batch at %d of segment %d", position, base).isTrue();
        batches.add(
            new Batch(base, position, batch.sizeInBytes(), batch.baseOffset(), batch.nextOffset()));
        position += batch.sizeInBytes();
      }
      segments.add(new Segment(base, bytes.limit(), List.copyOf(batches)));
    }
    segments.sort((a, b) -> Long.compare(a.base(), b.base()));
    return new LogScan(List.copyOf(segments));
  }

  List<Segment> segments() {
    return segments;
  }

  List<Batch> batches() {
    return segments.stream().flatMap(s -> s.batches().stream()).toList();
  }

  /** The batch holding {@code offset}. */
  Batch holding(long offset) {
    return batches().stream()
        .filter(b -> b.baseOffset() <= offset && offset < b.nextOffset())
        .findFirst()
        .orElseThrow(() -> new AssertionError("no batch holds offset " + offset));
  }

  Segment segment(long base) {
    return segments.stream().filter(s -> s.base() == base).findFirst().orElseThrow();
  }

  /**
   * End position of the greedy slice for a read of {@code maxBytes} from {@code first}: as many
   * whole batches of its segment as fit in {@code maxBytes}, and at least one.
   */
  int greedyEnd(Batch first, int maxBytes) {
    Segment segment = segment(first.segmentBase());
    long limit = Math.min((long) first.position() + Math.max(maxBytes, 0), segment.size());
    int end = first.end();
    for (Batch batch : segment.batches()) {
      if (batch.position() == end) {
        if (batch.end() > limit) {
          break;
        }
        end = batch.end();
      }
    }
    return end;
  }

  /**
   * Asserts what every read must return: the batch holding {@code offset} first, then whole batches
   * of the same segment, {@code nextOffset} where the next batch starts (or the segment's end
   * offset), and at most {@code maxBytes} unless it is a single batch.
   *
   * @return the batch the slice starts with
   */
  Batch assertWholeBatches(LogSlice slice, long offset, int maxBytes) {
    String read = "read(" + offset + ", " + maxBytes + ")";
    assertThat(slice).as(read).isInstanceOf(LogSlice.FileSlice.class);
    LogSlice.FileSlice file = (LogSlice.FileSlice) slice;
    Batch first = holding(offset);
    Segment segment = segment(first.segmentBase());
    assertThat(file.position()).as(read + " position").isEqualTo(first.position());
    assertThat(file.firstBatchOffset()).as(read + " first batch").isEqualTo(first.baseOffset());
    int end = (int) (file.position() + file.sizeInBytes());
    assertThat(end).as(read + " end").isGreaterThanOrEqualTo(first.end());
    long expectedNext;
    if (end == segment.size()) {
      expectedNext = segment.batches().get(segment.batches().size() - 1).nextOffset();
    } else {
      Batch after = segment.startingAt(end);
      assertThat(after).as(read + ": a batch starts where the slice ends, at " + end).isNotNull();
      expectedNext = after.baseOffset();
    }
    assertThat(file.nextOffset()).as(read + " next offset").isEqualTo(expectedNext);
    if (end > first.end()) {
      assertThat(file.sizeInBytes())
          .as(read + " size of several batches")
          .isLessThanOrEqualTo(maxBytes);
    }
    return first;
  }
}
