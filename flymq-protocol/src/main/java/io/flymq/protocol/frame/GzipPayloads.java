package io.flymq.protocol.frame;

import io.flymq.protocol.error.ErrorCode;
import io.flymq.protocol.error.ProtocolException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.zip.GZIPInputStream;

/**
 * Decompresses gzip request payloads (codec 1, WIRE-V1 3.3) with a hard bound on the output.
 *
 * <p>The output grows only as bytes are actually inflated and stops at the limit: the gzip
 * trailer's size field is never trusted, so a small "zip bomb" payload costs at most {@code
 * maxBytes}. Stateless and thread-safe.
 */
public final class GzipPayloads {
  private GzipPayloads() {}

  /**
   * Inflates one or more concatenated gzip members.
   *
   * @param compressed the compressed payload, not moved
   * @param maxBytes the largest decompressed size accepted (WIRE-V1: 33,554,432)
   * @return the decompressed payload
   * @throws ProtocolException {@link ErrorCode#RESOURCE_LIMIT_EXCEEDED} when the output exceeds
   *     {@code maxBytes}, {@link ErrorCode#CORRUPT_COMPRESSED_PAYLOAD} when the bytes are not gzip
   */
  public static ByteBuffer decompress(ByteBuffer compressed, int maxBytes)
      throws ProtocolException {
    byte[] input = new byte[compressed.remaining()];
    compressed.duplicate().get(input);
    ByteArrayOutputStream output =
        new ByteArrayOutputStream(Math.min(maxBytes, Math.max(64, input.length * 4)));
    byte[] chunk = new byte[8192];
    try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(input), chunk.length)) {
      int read;
      while ((read = in.read(chunk)) > 0) {
        if ((long) output.size() + read > maxBytes) {
          throw new ProtocolException(
              ErrorCode.RESOURCE_LIMIT_EXCEEDED,
              "decompressed payload exceeds " + maxBytes + " bytes");
        }
        output.write(chunk, 0, read);
      }
    } catch (IOException e) {
      throw new ProtocolException(ErrorCode.CORRUPT_COMPRESSED_PAYLOAD, "gzip: " + e.getMessage());
    }
    return ByteBuffer.wrap(output.toByteArray());
  }
}
