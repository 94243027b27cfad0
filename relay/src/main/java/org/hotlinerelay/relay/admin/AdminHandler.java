// SPDX-License-Identifier: Apache-2.0
package org.hotlinerelay.relay.admin;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.Methods;
import java.util.function.Supplier;

/**
 * The admin listener (loopback only): {@code GET /healthz} ("ok") and {@code GET /metrics}
 * ({@code metrics}' text, Prometheus format 0.0.4); 404 for any other path, 405 with {@code Allow}
 * for any other method. The same shape as the intake's admin handler.
 */
public final class AdminHandler implements HttpHandler {
  private static final String TEXT = "text/plain; charset=utf-8";
  private static final String PROMETHEUS = "text/plain; version=0.0.4; charset=utf-8";
  private final Supplier<String> metrics;

  public AdminHandler(Supplier<String> metrics) {
    this.metrics = metrics;
  }

  @Override
  public void handleRequest(HttpServerExchange exchange) {
    String path = exchange.getRequestPath();
    if (!path.equals("/healthz") && !path.equals("/metrics")) {
      send(exchange, 404, TEXT, "not found\n");
    } else if (!Methods.GET.equals(exchange.getRequestMethod()) && !Methods.HEAD.equals(exchange.getRequestMethod())) {
      exchange.setPersistent(false);
      exchange.getResponseHeaders().put(Headers.ALLOW, "GET, HEAD");
      send(exchange, 405, TEXT, "method not allowed\n");
    } else if (path.equals("/healthz")) {
      send(exchange, 200, TEXT, "ok\n");
    } else {
      send(exchange, 200, PROMETHEUS, metrics.get());
    }
  }

  private static void send(HttpServerExchange exchange, int status, String contentType, String body) {
    exchange.setStatusCode(status);
    exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, contentType);
    exchange.getResponseSender().send(body);
  }
}
