// SPDX-License-Identifier: Apache-2.0
package org.hotlinerelay.relay.http;

import io.undertow.server.HttpServerExchange;
import io.undertow.util.HeaderValues;
import io.undertow.util.Headers;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import org.xnio.ChannelListener;
import org.xnio.IoUtils;
import org.xnio.channels.StreamSourceChannel;

/**
 * Reads a form body on the IO thread without blocking any thread. Keeps at most {@code limit}
 * bytes; a longer body is read on and thrown away up to {@code drainLimit} so that the 413 page
 * reaches the client (closing with unread bytes would reset the connection and lose the answer),
 * and beyond that the 413 is sent at once and the connection closed after it. The same for a
 * chunked body: these limits are the relay's, enforced here, and the server's own entity limit
 * ({@link Listeners}) lies beyond {@code drainLimit}, so Undertow never refuses a body itself
 * (its refusal is a reset and a stack trace on stderr, once per request:
 * {@code OversizeBodyTest#post_oversizeChunked_answers413Page_andWritesNothingPerRequest}).
 *
 * <p>The body is the report in plain text, so every array that held any of it is overwritten with
 * zeros once it is let go: the read buffer after each read, the kept bytes when they grow and
 * once handed on or refused ({@link WipingBytes}); whoever takes the body zeroes that copy.
 */
final class BodyReader implements ChannelListener<StreamSourceChannel> {
  /** What happens once the body is in. Called on the IO thread. */
  interface Outcome {
    void complete(HttpServerExchange exchange, byte[] body);

    void tooLarge(HttpServerExchange exchange);
  }

  private final HttpServerExchange exchange;
  private final int limit;
  private final long drainLimit;
  private final Outcome outcome;
  private final WipingBytes kept = new WipingBytes();
  private final ByteBuffer buffer = ByteBuffer.allocate(8192);
  private long total;

  BodyReader(HttpServerExchange exchange, int limit, long drainLimit, Outcome outcome) {
    this.exchange = exchange;
    this.limit = limit;
    this.drainLimit = drainLimit;
    this.outcome = outcome;
  }

  /** {@link #declaredLength} of a {@code Content-Length} that is not a number this server can hold. */
  static final long INVALID_LENGTH = -2;

  /**
   * The request's {@code Content-Length}: -1 when there is none, {@link #INVALID_LENGTH} when it
   * is not one decimal number below 2^63 (Undertow's own accessor throws on
   * {@code 18446744073709551616}, which would be a 500).
   */
  static long declaredLength(HttpServerExchange exchange) {
    HeaderValues values = exchange.getRequestHeaders().get(Headers.CONTENT_LENGTH);
    if (values == null || values.isEmpty()) {
      return -1;
    }
    if (values.size() > 1) {
      return INVALID_LENGTH;
    }
    String value = values.getFirst().strip();
    if (value.isEmpty() || value.length() > 18 || !value.chars().allMatch(c -> c >= '0' && c <= '9')) {
      return INVALID_LENGTH;
    }
    return Long.parseLong(value);
  }

  void start() {
    StreamSourceChannel channel = exchange.getRequestChannel();
    if (channel == null) {
      IoUtils.safeClose(exchange.getConnection());
      return;
    }
    handleEvent(channel);
  }

  @Override
  public void handleEvent(StreamSourceChannel channel) {
    try {
      while (true) {
        buffer.clear();
        int n = channel.read(buffer);
        if (n == 0) {
          channel.getReadSetter().set(this);
          channel.resumeReads();
          return;
        }
        if (n < 0) {
          channel.suspendReads();
          finish();
          return;
        }
        total += n;
        if (total > drainLimit) {
          channel.suspendReads();
          kept.wipe();
          exchange.setPersistent(false);
          outcome.tooLarge(exchange);
          return;
        }
        if (total <= limit) {
          kept.write(buffer.array(), 0, n);
        }
      }
    } catch (IOException e) {
      kept.wipe();
      IoUtils.safeClose(exchange.getConnection());
    } finally {
      Arrays.fill(buffer.array(), (byte) 0);
    }
  }

  private void finish() {
    if (total > limit) {
      kept.wipe();
      outcome.tooLarge(exchange);
      return;
    }
    outcome.complete(exchange, kept.take());
  }

  /** Bytes kept in a growing array that is zeroed whenever it is replaced or emptied. */
  static class WipingBytes extends ByteArrayOutputStream {
    @Override
    public synchronized void write(byte[] bytes, int offset, int length) {
      byte[] before = buf;
      super.write(bytes, offset, length);
      if (buf != before) {
        Arrays.fill(before, (byte) 0);
      }
    }

    /** A copy of the bytes for the caller to zero; this array is zeroed and emptied. */
    synchronized byte[] take() {
      byte[] copy = toByteArray();
      wipe();
      return copy;
    }

    synchronized void wipe() {
      Arrays.fill(buf, (byte) 0);
      reset();
    }
  }
}
