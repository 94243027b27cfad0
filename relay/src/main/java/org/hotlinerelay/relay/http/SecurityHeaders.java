// SPDX-License-Identifier: Apache-2.0
package org.hotlinerelay.relay.http;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.HeaderMap;
import io.undertow.util.HttpString;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Puts the security headers on every response before anything else runs, so static files, error
 * pages, redirects and the admin listener all carry them ({@code SecurityHeadersTest}): a strict
 * CSP, no referrer, no sniffing, no framing, no caching (the stylesheet handler relaxes only
 * {@code Cache-Control}), and {@code Onion-Location} when configured. No cookie is ever set; no
 * {@code Server} or {@code Date} header is sent (the server options see to those).
 *
 * <p>{@code Onion-Location} goes only on clearnet responses: a request whose {@code Host} is an
 * {@code .onion} name came through the onion service, and telling its browser to move to the onion
 * it is already on is noise ({@code SecurityHeadersTest#onionLocation_isNotSentOverTheOnion}). The
 * {@code Host} header is read here, for the response only; it never enters a report.
 */
public final class SecurityHeaders implements HttpHandler {
  static final HttpString CSP = new HttpString("Content-Security-Policy");
  static final HttpString REFERRER_POLICY = new HttpString("Referrer-Policy");
  static final HttpString NOSNIFF = new HttpString("X-Content-Type-Options");
  static final HttpString CORP = new HttpString("Cross-Origin-Resource-Policy");
  static final HttpString COOP = new HttpString("Cross-Origin-Opener-Policy");
  static final HttpString PERMISSIONS = new HttpString("Permissions-Policy");
  static final HttpString FRAME_OPTIONS = new HttpString("X-Frame-Options");
  static final HttpString CACHE_CONTROL = new HttpString("Cache-Control");
  static final HttpString ONION_LOCATION = new HttpString("Onion-Location");
  private static final String ONION_TLD = ".onion";
  private static final Pattern SAFE_PATH = Pattern.compile("/[A-Za-z0-9/._-]{0,200}");

  private final HttpHandler next;
  private final String csp;
  private final String onionLocation;

  /**
   * @param formActionOrigins origins besides {@code 'self'} that forms may post to
   * @param onionLocation the onion site's base URL ({@code http://….onion}), or empty
   */
  public SecurityHeaders(HttpHandler next, List<String> formActionOrigins, String onionLocation) {
    this.next = next;
    StringBuilder formAction = new StringBuilder("'self'");
    formActionOrigins.forEach(o -> formAction.append(' ').append(o));
    this.csp = "default-src 'none'; style-src 'self'; form-action " + formAction
        + "; base-uri 'none'; frame-ancestors 'none'";
    this.onionLocation = onionLocation.endsWith("/")
        ? onionLocation.substring(0, onionLocation.length() - 1) : onionLocation;
  }

  @Override
  public void handleRequest(HttpServerExchange exchange) throws Exception {
    HeaderMap h = exchange.getResponseHeaders();
    h.put(CSP, csp);
    h.put(REFERRER_POLICY, "no-referrer");
    h.put(NOSNIFF, "nosniff");
    h.put(CORP, "same-origin");
    h.put(COOP, "same-origin");
    h.put(PERMISSIONS, "camera=(), microphone=(), geolocation=(), payment=(), usb=()");
    h.put(FRAME_OPTIONS, "DENY");
    h.put(CACHE_CONTROL, "no-store");
    if (!onionLocation.isEmpty() && !isOnion(exchange.getHostName())) {
      String path = exchange.getRequestPath();
      h.put(ONION_LOCATION, onionLocation + (SAFE_PATH.matcher(path).matches() ? path : "/"));
    }
    next.handleRequest(exchange);
  }

  /** Whether {@code host} (the request's {@code Host}, port removed) is an onion name. */
  static boolean isOnion(String host) {
    String name = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
    return name.regionMatches(true, name.length() - ONION_TLD.length(), ONION_TLD, 0, ONION_TLD.length());
  }
}
