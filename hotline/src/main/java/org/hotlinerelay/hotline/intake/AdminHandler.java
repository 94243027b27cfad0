package org.hotlinerelay.hotline.intake;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.Methods;

/**
 * The loopback admin listener: {@code GET /healthz} ("ok") and {@code GET /metrics} (Prometheus
 * text, counters only). Nothing else.
 */
final class AdminHandler implements HttpHandler {
  private final IntakeMetrics metrics;

  AdminHandler(IntakeMetrics metrics) {
    this.metrics = metrics;
  }

  @Override
  public void handleRequest(HttpServerExchange exchange) {
    if (!Methods.GET.equals(exchange.getRequestMethod())) {
      exchange.setStatusCode(405);
      exchange.getResponseHeaders().put(Headers.ALLOW, "GET");
      Responses.text(exchange, "text/plain; charset=utf-8", "method not allowed\n");
      return;
    }
    switch (exchange.getRelativePath()) {
      case "/healthz" -> Responses.text(exchange, "text/plain; charset=utf-8", "ok\n");
      case "/metrics" -> Responses.text(exchange, "text/plain; version=0.0.4; charset=utf-8", metrics.prometheus());
      default -> {
        exchange.setStatusCode(404);
        Responses.text(exchange, "text/plain; charset=utf-8", "not found\n");
      }
    }
  }
}
