// SPDX-License-Identifier: Apache-2.0
package org.hotlinerelay.relay.http;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import java.util.logging.Logger;

/**
 * The last line: any exception a handler lets out is logged by class only ({@code RELAY-090}),
 * never by message (it could echo input), and answered with a bare 500 that carries no stack
 * trace. Undertow's own "request failed" log line, which names the request, is never reached.
 */
public final class Guard implements HttpHandler {
  private static final Logger LOG = Logger.getLogger(Guard.class.getName());

  private final HttpHandler next;

  public Guard(HttpHandler next) {
    this.next = next;
  }

  @Override
  public void handleRequest(HttpServerExchange exchange) {
    try {
      next.handleRequest(exchange);
    } catch (Throwable t) {
      failed(exchange, t);
    }
  }

  static void failed(HttpServerExchange exchange, Throwable t) {
    LOG.severe("RELAY-090 unexpected failure in a handler (" + t.getClass().getName() + ")");
    if (!exchange.isResponseStarted()) {
      exchange.setStatusCode(500);
      exchange.setPersistent(false);
    }
    exchange.endExchange();
  }
}
