// SPDX-License-Identifier: Apache-2.0
package org.hotlinerelay.hotline.workstation.web;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.HttpString;

/** Sets the workstation's fixed security headers on every response, then calls {@code next}. */
final class Headers implements HttpHandler {
  static final String CSP = "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; "
      + "frame-ancestors 'none'; base-uri 'none'";
  private final HttpHandler next;

  Headers(HttpHandler next) {
    this.next = next;
  }

  @Override
  public void handleRequest(HttpServerExchange exchange) throws Exception {
    io.undertow.util.HeaderMap h = exchange.getResponseHeaders();
    h.put(new HttpString("Content-Security-Policy"), CSP);
    h.put(new HttpString("Cache-Control"), "no-store");
    h.put(new HttpString("Referrer-Policy"), "no-referrer");
    h.put(new HttpString("X-Content-Type-Options"), "nosniff");
    h.put(new HttpString("X-Frame-Options"), "DENY");
    h.put(new HttpString("Cross-Origin-Opener-Policy"), "same-origin");
    h.put(new HttpString("Cross-Origin-Resource-Policy"), "same-origin");
    next.handleRequest(exchange);
  }
}
