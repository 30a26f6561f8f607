package io.flymq.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import io.flymq.protocol.error.ErrorCode;
import io.flymq.protocol.frame.Frame;
import io.flymq.protocol.frame.FrameDecoder;
import io.flymq.protocol.frame.FrameFlags;
import io.flymq.protocol.frame.FrameHeader;
import io.flymq.protocol.message.ErrorResponse;
import io.flymq.protocol.message.batch.FetchBatchesRequest;
import io.flymq.protocol.message.batch.FetchBatchesRequest.FetchPartition;
import io.flymq.protocol.message.batch.FetchBatchesResponse;
import io.flymq.protocol.message.batch.FetchBatchesResponse.PartitionRecords;
import io.flymq.protocol.message.batch.IsolationLevel;
import io.flymq.protocol.message.batch.ProduceBatchRequest;
import io.flymq.protocol.message.batch.ProduceBatchResponse;
import io.flymq.protocol.message.core.FetchRequest;
import io.flymq.protocol.message.core.FetchResponse;
import io.flymq.protocol.message.core.FetchResponse.FetchedMessage;
import io.flymq.protocol.message.core.ProduceRequest;
import io.flymq.protocol.message.core.RecordMetadata;
import io.flymq.protocol.message.group.GroupRequest;
import io.flymq.protocol.message.schema.ProduceWithSchemaRequest;
import io.flymq.protocol.message.version.ApiVersionsResponse;
import java.nio.ByteBuffer;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * Round-trip properties (STYLE 7): every generated message, framed as v2 with a random correlation
 * id, decodes to an equal message with the header echoed; covers all v2 messages and a sample of v1
 * layouts including the dialect-detected variants.
 */
class CodecRoundTripTest {

  @Property(tries = 300)
  void produceBatchRequestsRoundTrip(
      @ForAll("produceBatches") ProduceBatchRequest request, @ForAll int correlationId)
      throws Exception {
    assertRequestRoundTrip(request, correlationId);
  }

  @Property(tries = 300)
  void produceBatchResponsesRoundTrip(
      @ForAll("topics") String topic,
      @ForAll @IntRange(min = 0) int partition,
      @ForAll ErrorCode error,
      @ForAll("offsets") long baseOffset,
      @ForAll long appendTime,
      @ForAll("offsets") long logStart)
      throws Exception {
    assertResponseRoundTrip(
        new ProduceBatchResponse(topic, partition, error, baseOffset, appendTime, logStart));
  }

  @Property(tries = 300)
  void fetchBatchesRequestsRoundTrip(
      @ForAll("fetchBatches") FetchBatchesRequest request, @ForAll int correlationId)
      throws Exception {
    assertRequestRoundTrip(request, correlationId);
  }

  @Property(tries = 300)
  void fetchBatchesResponsesRoundTrip(@ForAll("partitionRecords") List<PartitionRecords> partitions)
      throws Exception {
    assertResponseRoundTrip(new FetchBatchesResponse(partitions));
  }

  @Property(tries = 50)
  void apiVersionsRoundTrip(
      @ForAll("opcodeSets") EnumSet<Opcode> opcodes, @ForAll @IntRange(min = 0) int maxFrameBytes)
      throws Exception {
    assertRequestRoundTrip(new io.flymq.protocol.message.EmptyRequest(Opcode.API_VERSIONS), 7);
    assertResponseRoundTrip(ApiVersionsResponse.of(opcodes, maxFrameBytes));
  }

  @Property(tries = 300)
  void produceRequestsRoundTrip(
      @ForAll("topics") String topic,
      @ForAll("bytes") ByteBuffer key,
      @ForAll("bytes") ByteBuffer value,
      @ForAll @IntRange(min = -1) int partition)
      throws Exception {
    assertRequestRoundTrip(new ProduceRequest(topic, key, value, partition), 0);
  }

  @Property(tries = 300)
  void recordMetadataRoundTrips(
      @ForAll("topics") String topic,
      @ForAll @IntRange(min = 0) int partition,
      @ForAll("offsets") long offset,
      @ForAll long timestamp,
      @ForAll @IntRange(min = -1) int keySize,
      @ForAll @IntRange(min = 0) int valueSize)
      throws Exception {
    assertResponseRoundTrip(
        new RecordMetadata(
            Opcode.PRODUCE_TX,
            topic,
            partition,
            Math.max(0, offset),
            timestamp,
            keySize,
            valueSize));
  }

  @Property(tries = 300)
  void fetchRoundTrips(
      @ForAll("topics") String topic,
      @ForAll("topics") String filter,
      @ForAll("offsets") long offset,
      @ForAll("messages") List<FetchedMessage> messages)
      throws Exception {
    assertRequestRoundTrip(
        new FetchRequest(Opcode.FETCH_BINARY, topic, 3, Math.max(0, offset), 100, filter), 0);
    assertResponseRoundTrip(new FetchResponse(Opcode.FETCH, Math.max(0, offset), messages));
  }

  @Property(tries = 300)
  void dialectVariantsAreRecognisedFromTheirBytes(
      @ForAll("topics") String topic,
      @ForAll("topics") String name,
      @ForAll("bytes") ByteBuffer data,
      @ForAll boolean javaLayout)
      throws Exception {
    ProduceWithSchemaRequest produce =
        new ProduceWithSchemaRequest(
            topic, data, name, javaLayout ? Dialect.JAVA : Dialect.REFERENCE);
    ByteBuffer payload = MessageCodec.encodePayload(produce);
    Message decoded = MessageCodec.decodeRequest(Opcode.PRODUCE_WITH_SCHEMA, payload);
    // Pathological lengths (e.g. all fields empty) parse in both layouts; WIRE-V1 8.5 then picks
    // the
    // Java layout, whose reading is stable. (Bytes may differ: the misread string need not be
    // UTF-8.)
    assertThat(
            MessageCodec.decodeRequest(
                Opcode.PRODUCE_WITH_SCHEMA, MessageCodec.encodePayload(decoded)))
        .isEqualTo(decoded);
    if (javaLayout) {
      assertThat(decoded).isEqualTo(produce);
    }
    assertRequestRoundTrip(
        new GroupRequest(
            Opcode.DESCRIBE_GROUP, javaLayout ? Optional.empty() : Optional.of(topic), name),
        0);
  }

  @Property(tries = 200)
  void errorResponsesRoundTripAndStartWithTheReferenceText(
      @ForAll ErrorCode code, @ForAll("topics") String text) throws Exception {
    ErrorResponse error = ErrorResponse.of(code, text);
    assertThat(error.message()).startsWith(text).endsWith("(" + code.hint() + ")");
    assertResponseRoundTrip(error);
  }

  private static void assertRequestRoundTrip(Message request, int correlationId) throws Exception {
    ByteBuffer frame =
        MessageCodec.encodeRequest(FrameHeader.V2, correlationId, FrameFlags.BINARY, request);
    Frame decoded = new FrameDecoder().decode(frame);
    assertThat(decoded.header().correlationId()).isEqualTo(correlationId);
    assertThat(MessageCodec.decodeRequest(decoded.header(), decoded.payload())).isEqualTo(request);
  }

  private static void assertResponseRoundTrip(Message response) throws Exception {
    FrameHeader requestHeader =
        FrameHeader.v2(
            response.opcode() == Opcode.ERROR ? Opcode.PRODUCE : response.opcode(), 1, 99, 0);
    Frame decoded = new FrameDecoder().decode(MessageCodec.encodeResponse(requestHeader, response));
    assertThat(decoded.header().correlationId()).isEqualTo(99);
    assertThat(MessageCodec.decodeResponse(decoded.header(), decoded.payload(), Dialect.REFERENCE))
        .isEqualTo(response);
  }

  @Provide
  Arbitrary<String> topics() {
    return Arbitraries.strings().ofMaxLength(40);
  }

  @Provide
  Arbitrary<Long> offsets() {
    return Arbitraries.longs().between(-1, Long.MAX_VALUE);
  }

  @Provide
  Arbitrary<ByteBuffer> bytes() {
    return Arbitraries.bytes().array(byte[].class).ofMaxSize(300).map(ByteBuffer::wrap);
  }

  @Provide
  Arbitrary<ProduceBatchRequest> produceBatches() {
    return Combinators.combine(
            topics(),
            Arbitraries.integers().greaterOrEqual(0),
            Arbitraries.of((short) -1, (short) 0, (short) 1),
            Arbitraries.integers().greaterOrEqual(0),
            bytes())
        .as(ProduceBatchRequest::new);
  }

  @Provide
  Arbitrary<FetchBatchesRequest> fetchBatches() {
    Arbitrary<FetchPartition> partition =
        Combinators.combine(
                topics(),
                Arbitraries.integers().greaterOrEqual(0),
                Arbitraries.longs().greaterOrEqual(0),
                Arbitraries.integers().greaterOrEqual(0))
            .as(FetchPartition::new);
    return Combinators.combine(
            Arbitraries.integers().greaterOrEqual(0),
            Arbitraries.integers().greaterOrEqual(0),
            Arbitraries.integers().greaterOrEqual(0),
            Arbitraries.of(IsolationLevel.class),
            partition.list().ofMinSize(1).ofMaxSize(20))
        .as(FetchBatchesRequest::new);
  }

  @Provide
  Arbitrary<List<PartitionRecords>> partitionRecords() {
    return Combinators.combine(
            topics(),
            Arbitraries.integers().greaterOrEqual(0),
            Arbitraries.of(ErrorCode.class),
            offsets(),
            offsets(),
            bytes())
        .as(PartitionRecords::new)
        .list()
        .ofMaxSize(10);
  }

  @Provide
  Arbitrary<List<FetchedMessage>> messages() {
    return Combinators.combine(Arbitraries.longs().greaterOrEqual(0), bytes(), bytes())
        .as(FetchedMessage::new)
        .list()
        .ofMaxSize(10);
  }

  @Provide
  Arbitrary<EnumSet<Opcode>> opcodeSets() {
    return Arbitraries.of(Opcode.class)
        .set()
        .map(set -> set.isEmpty() ? EnumSet.noneOf(Opcode.class) : EnumSet.copyOf(set));
  }
}
