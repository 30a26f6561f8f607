package io.flymq.server.network;

import io.flymq.protocol.frame.FrameHeader;
import java.nio.ByteBuffer;

/**
 * One request frame off the wire: its header and a heap copy of its payload. The copy is owned by
 * the request from here on (a produced batch goes to the log without another copy), so no Netty
 * buffer outlives the decoder.
 */
record InboundFrame(FrameHeader header, ByteBuffer payload) {}
