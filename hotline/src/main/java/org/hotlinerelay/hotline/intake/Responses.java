// SPDX-License-Identifier: Apache-2.0
package org.hotlinerelay.hotline.intake;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import java.nio.charset.StandardCharsets;

/** Fixed response bodies, and the headers every response of the intake carries. */
final class Responses {
  private Responses() {}

  static void json(HttpServerExchange exchange, String fixedBody) {
    exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "application/json");
    exchange.getResponseSender().send(fixedBody, StandardCharsets.UTF_8);
  }

  static void text(HttpServerExchange exchange, String contentType, String body) {
    exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, contentType);
    exchange.getResponseSender().send(body, StandardCharsets.UTF_8);
  }

  /**
   * Decorates {@code next}: no caching, no sniffing, no referrer, nothing framed or scripted, no
   * {@code Server} header. These are API responses, but a browser pointed at the intake must not
   * be able to do anything with them either.
   */
  static HttpHandler securityHeaders(HttpHandler next) {
    return exchange -> {
      var headers = exchange.getResponseHeaders();
      headers.put(Headers.CACHE_CONTROL, "no-store");
      headers.put(HttpString.tryFromString("X-Content-Type-Options"), "nosniff");
      headers.put(HttpString.tryFromString("Referrer-Policy"), "no-referrer");
      headers.put(HttpString.tryFromString("Content-Security-Policy"), "default-src 'none'; frame-ancestors 'none'");
      headers.put(HttpString.tryFromString("X-Frame-Options"), "DENY");
      headers.remove(Headers.SERVER);
      next.handleRequest(exchange);
    };
  }
}
