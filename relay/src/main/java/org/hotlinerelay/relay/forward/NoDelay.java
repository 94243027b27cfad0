package org.hotlinerelay.relay.forward;

import java.io.IOException;
import java.net.Socket;
import okhttp3.Connection;
import okhttp3.Interceptor;
import okhttp3.Response;

/**
 * Turns Nagle's algorithm off on each connection before a request is written. OkHttp leaves it
 * on; an envelope (22 KB) goes out in several writes, and the last one then waits for the
 * intake's delayed ACK: about 40 ms per envelope, so eight connections forwarded at most about 180
 * envelopes a second even on loopback. Covers direct, SOCKS (Tor) and TLS connections alike: it
 * works on the socket OkHttp made, whatever made it ({@code NoDelayTest}).
 */
final class NoDelay implements Interceptor {
  @Override
  public Response intercept(Chain chain) throws IOException {
    Connection connection = chain.connection();
    if (connection != null) {
      Socket socket = connection.socket();
      if (!socket.getTcpNoDelay()) {
        socket.setTcpNoDelay(true);
      }
    }
    return chain.proceed(chain.request());
  }
}
