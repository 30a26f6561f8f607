package io.flymq.client.internal;

import io.flymq.client.ClientConfig;
import io.flymq.client.errors.AuthenticationFailedException;
import io.flymq.client.errors.BrokerUnavailableException;
import io.flymq.client.errors.FlyMQException;
import io.flymq.client.errors.TimeoutException;
import io.flymq.protocol.Dialect;
import io.flymq.protocol.Message;
import io.flymq.protocol.MessageCodec;
import io.flymq.protocol.error.ErrorCode;
import io.flymq.protocol.error.ProtocolException;
import io.flymq.protocol.frame.FrameDecoder;
import io.flymq.protocol.frame.FrameHeader;
import io.flymq.protocol.message.ErrorResponse;
import io.flymq.protocol.message.auth.AuthRequest;
import io.flymq.protocol.message.auth.ReferenceIdentityResponse;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One TCP (or TLS) connection to one broker, shared by every thread of a client.
 *
 * <p>In protocol v2 each request gets a fresh correlation id and any number may be in flight; the
 * reader thread matches each response to its request by id, in whatever order they arrive (a
 * long-polling fetch does not hold back a produce). In v1 mode requests are pipelined and answered
 * strictly in order, so the oldest pending request takes the next response.
 *
 * <p>Writers serialise on a lock that covers only the copy into the socket buffer and its flush.
 * One daemon reader thread per connection decodes responses and completes their futures; so
 * callbacks chained on a returned future run on that thread unless given an executor, and must not
 * block. A request not answered within its timeout fails with {@link TimeoutException}; when the
 * connection breaks, every pending request fails with {@link BrokerUnavailableException} and the
 * connection is closed for good (the client opens a new one). Thread-safe.
 */
public final class BrokerConnection implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(BrokerConnection.class);
  private static final int MAX_PAYLOAD_BYTES = FrameDecoder.DEFAULT_MAX_PAYLOAD_BYTES;

  private final InetSocketAddress address;
  private final Socket socket;
  private final OutputStream out;
  private final DataInputStream in;
  private final int version;
  private final ScheduledExecutorService timer;
  private final ReentrantLock writeLock = new ReentrantLock();
  private final AtomicInteger correlationIds = new AtomicInteger();
  private final Map<Integer, Pending> inFlight = new ConcurrentHashMap<>();
  private final Queue<Pending> inOrder = new ConcurrentLinkedQueue<>();
  private final Thread reader;
  private volatile FlyMQException closedBecause;

  private BrokerConnection(
      InetSocketAddress address,
      Socket socket,
      int version,
      ScheduledExecutorService timer,
      String clientId)
      throws IOException {
    this.address = address;
    this.socket = socket;
    this.version = version;
    this.timer = timer;
    this.out = new BufferedOutputStream(socket.getOutputStream(), 64 * 1024);
    this.in =
        new DataInputStream(new java.io.BufferedInputStream(socket.getInputStream(), 64 * 1024));
    this.reader = new Thread(this::readLoop, "flymq-client-reader-" + clientId + "-" + address);
    reader.setDaemon(true);
  }

  /**
   * Connects, starts the reader and, when the config has a username, authenticates.
   *
   * @throws BrokerUnavailableException if the broker cannot be reached in the connect timeout
   * @throws AuthenticationFailedException if the broker refuses the credentials
   */
  public static BrokerConnection open(
      InetSocketAddress address, ClientConfig config, ScheduledExecutorService timer) {
    Socket socket = null;
    try {
      socket = SocketOpener.open(address, config);
      BrokerConnection connection =
          new BrokerConnection(address, socket, config.protocolVersion(), timer, config.clientId());
      connection.reader.start();
      if (config.username().isPresent()) {
        connection.authenticate(config);
      }
      return connection;
    } catch (IOException e) {
      closeQuietly(socket);
      throw new BrokerUnavailableException(
          "cannot connect to " + address + ": " + e.getMessage(),
          "Check that a broker listens on this address (bootstrap.servers) and that TLS is on"
              + " at both ends or at neither.",
          e);
    }
  }

  private void authenticate(ClientConfig config) {
    char[] password = config.password();
    Message reply;
    try {
      reply =
          send(
                  new AuthRequest(config.username().orElseThrow(), new String(password)),
                  config.requestTimeout())
              .get();
    } catch (ExecutionException e) {
      close();
      throw e.getCause() instanceof FlyMQException
          ? (FlyMQException) e.getCause()
          : new FlyMQException(ErrorCode.UNCLASSIFIED, "authentication failed: " + e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      close();
      throw new BrokerUnavailableException("interrupted while authenticating", "Retry.", e);
    } finally {
      java.util.Arrays.fill(password, '\0');
    }
    if (reply instanceof ReferenceIdentityResponse
        && !((ReferenceIdentityResponse) reply).success()) {
      close();
      throw new AuthenticationFailedException(
          ErrorCode.AUTHENTICATION_FAILED,
          "authentication as "
              + config.username().orElseThrow()
              + " failed: "
              + ((ReferenceIdentityResponse) reply).error());
    }
  }

  /** The broker this connection talks to. */
  public InetSocketAddress address() {
    return address;
  }

  /** Whether requests can still be sent. */
  public boolean isOpen() {
    return closedBecause == null;
  }

  /** Requests sent and not yet answered. */
  public int inFlightCount() {
    return version == FrameHeader.V2 ? inFlight.size() : inOrder.size();
  }

  /**
   * Sends a request and returns its response. Never blocks on the network beyond copying the frame
   * into the socket.
   *
   * @param request the request
   * @param timeout how long to wait for the response
   * @return the decoded response (never an {@link ErrorResponse}: those complete the future with
   *     the {@link FlyMQException} for their code)
   */
  public CompletableFuture<Message> send(Message request, Duration timeout) {
    Pending pending = new Pending(request);
    FlyMQException closed = closedBecause;
    if (closed != null) {
      pending.future.completeExceptionally(closed);
      return pending.future;
    }
    int correlationId = version == FrameHeader.V2 ? correlationIds.incrementAndGet() : 0;
    FrameParts frame;
    try {
      frame = FrameParts.of(version, correlationId, request);
    } catch (IllegalArgumentException e) {
      pending.future.completeExceptionally(e);
      return pending.future;
    }
    writeLock.lock();
    try {
      if (version == FrameHeader.V2) {
        inFlight.put(correlationId, pending);
      } else {
        inOrder.add(pending);
      }
      frame.writeTo(out);
      out.flush();
    } catch (IOException e) {
      fail(e);
      return pending.future;
    } finally {
      writeLock.unlock();
    }
    long timeoutMs = timeout.toMillis();
    ScheduledFuture<?> timerTask =
        timer.schedule(
            () -> timeOut(correlationId, pending, timeoutMs), timeoutMs, TimeUnit.MILLISECONDS);
    pending.future.whenComplete((r, e) -> timerTask.cancel(false));
    return pending.future;
  }

  private void timeOut(int correlationId, Pending pending, long timeoutMs) {
    if (pending.future.isDone()) {
      return;
    }
    // v2: forget the id so a late answer is dropped. v1: the answer must still be consumed in
    // order, so the entry stays queued and its late answer completes nothing.
    if (version == FrameHeader.V2) {
      inFlight.remove(correlationId);
    }
    pending.future.completeExceptionally(
        new TimeoutException(
            pending.request.opcode() + " to " + address + ": no response in " + timeoutMs + " ms",
            "Raise request.timeout.ms, or check the broker's load and logs."));
  }

  private void readLoop() {
    byte[] header = new byte[FrameHeader.V2_HEADER_BYTES];
    try {
      while (true) {
        in.readFully(header, 0, FrameHeader.V1_HEADER_BYTES);
        FrameHeader frameHeader = parseHeader(header);
        byte[] payload = new byte[frameHeader.length()];
        in.readFully(payload);
        dispatch(frameHeader, ByteBuffer.wrap(payload));
      }
    } catch (EOFException e) {
      fail(new IOException("the broker closed the connection"));
    } catch (IOException | ProtocolException e) {
      fail(e);
    } catch (RuntimeException | Error e) {
      LOG.error("client reader for {} failed", address, e);
      fail(new IOException("client reader failed: " + e, e));
    }
  }

  private FrameHeader parseHeader(byte[] header) throws IOException, ProtocolException {
    if ((header[0] & 0xFF) != FrameHeader.MAGIC) {
      throw new ProtocolException(
          ErrorCode.INVALID_MAGIC,
          "response magic: 0x" + Integer.toHexString(header[0] & 0xFF) + " (expected: 0xaf)");
    }
    int frameVersion = header[1];
    int correlationId = 0;
    int lengthAt = 4;
    if (frameVersion == FrameHeader.V2) {
      in.readFully(header, FrameHeader.V1_HEADER_BYTES, 4);
      correlationId = ByteBuffer.wrap(header, 4, 4).getInt();
      lengthAt = 8;
    }
    long length = ByteBuffer.wrap(header, lengthAt, 4).getInt() & 0xFFFFFFFFL;
    if (length > MAX_PAYLOAD_BYTES) {
      throw new ProtocolException(
          ErrorCode.FRAME_TOO_LARGE,
          "response length: " + length + " (expected: <= " + MAX_PAYLOAD_BYTES + ")");
    }
    return new FrameHeader(
        frameVersion, header[2] & 0xFF, header[3] & 0xFF, correlationId, (int) length);
  }

  private void dispatch(FrameHeader header, ByteBuffer payload) {
    Pending pending =
        header.version() == FrameHeader.V2
            ? inFlight.remove(header.correlationId())
            : inOrder.poll();
    if (pending == null) {
      return; // answer to a request that already timed out
    }
    try {
      Message response = MessageCodec.decodeResponse(header, payload, Dialect.REFERENCE);
      if (response instanceof ErrorResponse) {
        ErrorResponse error = (ErrorResponse) response;
        pending.future.completeExceptionally(FlyMQException.of(error.errorCode(), error.message()));
      } else {
        pending.future.complete(response);
      }
    } catch (ProtocolException | RuntimeException e) {
      pending.future.completeExceptionally(
          new FlyMQException(
              ErrorCode.MALFORMED_FRAME,
              "undecodable "
                  + pending.request.opcode()
                  + " response from "
                  + address
                  + ": "
                  + e.getMessage(),
              "The broker speaks a different protocol version; check that it is a FlyMQ broker and"
                  + " set protocol.version=1 for v1-only brokers.",
              false,
              e));
    }
  }

  private void fail(Exception cause) {
    BrokerUnavailableException error =
        new BrokerUnavailableException(
            "connection to " + address + " lost: " + cause.getMessage(),
            "The client reconnects on the next request; a produce in flight may or may not have"
                + " been written.",
            cause);
    synchronized (this) {
      if (closedBecause != null) {
        return;
      }
      closedBecause = error;
    }
    closeQuietly(socket);
    for (Pending pending : inFlight.values()) {
      pending.future.completeExceptionally(error);
    }
    inFlight.clear();
    Pending pending;
    while ((pending = inOrder.poll()) != null) {
      pending.future.completeExceptionally(error);
    }
  }

  /** Closes the socket; pending requests fail with {@link BrokerUnavailableException}. */
  @Override
  public void close() {
    fail(new IOException("closed by the client"));
    if (Thread.currentThread() != reader) {
      try {
        reader.join(1000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private static void closeQuietly(Socket socket) {
    if (socket != null) {
      try {
        socket.close();
      } catch (IOException e) {
        LOG.debug("closing {}", socket, e);
      }
    }
  }

  private static final class Pending {
    final Message request;
    final CompletableFuture<Message> future = new CompletableFuture<>();

    Pending(Message request) {
      this.request = request;
    }
  }
}
