package org.hotlinerelay.relay.http;

import io.undertow.server.HttpServerExchange;
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
 * and beyond that the connection is simply closed.
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
  private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
  private final ByteBuffer buffer = ByteBuffer.allocate(8192);
  private long total;

  BodyReader(HttpServerExchange exchange, int limit, long drainLimit, Outcome outcome) {
    this.exchange = exchange;
    this.limit = limit;
    this.drainLimit = drainLimit;
    this.outcome = outcome;
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
          IoUtils.safeClose(exchange.getConnection());
          return;
        }
        if (total <= limit) {
          kept.write(buffer.array(), 0, n);
        }
      }
    } catch (IOException e) {
      IoUtils.safeClose(exchange.getConnection());
    } finally {
      Arrays.fill(buffer.array(), (byte) 0);
    }
  }

  private void finish() {
    if (total > limit) {
      outcome.tooLarge(exchange);
      return;
    }
    byte[] body = kept.toByteArray();
    kept.reset();
    outcome.complete(exchange, body);
  }
}
