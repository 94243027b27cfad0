// SPDX-License-Identifier: Apache-2.0
package org.hotlinerelay.relay.http;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.Methods;

/**
 * The reporting listener's routes: {@code /} and {@code /<lang>/} (the form),
 * {@code /<lang>/thanks}, {@code /assets/site.css}, {@code POST /report}; the same below
 * {@code /p/<id>/} for each partner portal with its own pages ({@code /p/<id>} and
 * {@code /<lang>} → 303 to the folder). Wrong method → 405 with
 * {@code Allow}; anything else → 404. Query strings are never read.
 */
final class Router implements HttpHandler {
  static final String STYLESHEET = "/assets/site.css";
  static final String REPORT = "/report";
  private static final String PAGE_METHODS = "GET, HEAD";

  private final Pages pages;
  private final HttpHandler report;

  Router(Pages pages, HttpHandler report) {
    this.pages = pages;
    this.report = report;
  }

  @Override
  public void handleRequest(HttpServerExchange exchange) throws Exception {
    String path = exchange.getRequestPath();
    PortalPages portal = pages.own();
    String rest = path;
    if (path.startsWith("/" + Pages.PARTNER_PATH)) {
      int end = path.indexOf('/', Pages.PARTNER_PATH.length() + 1);
      portal = pages.partner(path.substring(Pages.PARTNER_PATH.length() + 1, end < 0 ? path.length() : end));
      rest = end < 0 ? "" : path.substring(end);
    }
    if (portal != null && rest.equals(REPORT)) {
      if (exchange.getRequestMethod().equals(Methods.POST)) {
        report.handleRequest(exchange);
      } else {
        notAllowed(exchange, "POST");
      }
      return;
    }
    Runnable page = portal == null ? null : page(exchange, portal, rest);
    if (page == null) {
      if (!isGetOrHead(exchange)) {
        exchange.setPersistent(false);
      }
      pages.error(exchange, 404);
    } else if (isGetOrHead(exchange)) {
      page.run();
    } else {
      notAllowed(exchange, PAGE_METHODS);
    }
  }

  /** The page of this portal at {@code path} (below the portal's prefix), or null when there is none. */
  private Runnable page(HttpServerExchange exchange, PortalPages portal, String path) {
    if (path.isEmpty()) {
      return () -> redirect(exchange, portal.portal.id() + "/");
    }
    if (path.equals("/")) {
      return () -> pages.page(exchange, portal.rootForm());
    }
    if (path.equals(STYLESHEET)) {
      return () -> stylesheet(exchange, portal);
    }
    String[] parts = path.split("/", -1);
    if (parts.length < 2 || !portal.hasLanguage(parts[1])) {
      return null;
    }
    String lang = parts[1];
    if (parts.length == 2) {
      return () -> redirect(exchange, lang + "/");
    }
    if (parts.length == 3 && parts[2].isEmpty()) {
      return () -> pages.page(exchange, portal.form(lang));
    }
    if (parts.length == 3 && parts[2].equals("thanks")) {
      return () -> pages.page(exchange, portal.thanks(lang));
    }
    return null;
  }

  private void stylesheet(HttpServerExchange exchange, PortalPages portal) {
    exchange.getResponseHeaders().put(SecurityHeaders.CACHE_CONTROL, "public, max-age=3600");
    exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "text/css; charset=utf-8");
    exchange.getResponseSender().send(portal.stylesheet());
  }

  private void notAllowed(HttpServerExchange exchange, String allow) {
    exchange.setPersistent(false);
    exchange.getResponseHeaders().put(Headers.ALLOW, allow);
    pages.error(exchange, 405);
  }

  static void redirect(HttpServerExchange exchange, String relativeLocation) {
    exchange.setStatusCode(303);
    exchange.getResponseHeaders().put(Headers.LOCATION, relativeLocation);
    exchange.getResponseHeaders().put(Headers.CONTENT_LENGTH, 0);
    exchange.endExchange();
  }

  private static boolean isGetOrHead(HttpServerExchange exchange) {
    return exchange.getRequestMethod().equals(Methods.GET) || exchange.getRequestMethod().equals(Methods.HEAD);
  }
}
