package org.hotlinerelay.relay.http;

import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.hotlinerelay.site.FieldError;
import org.hotlinerelay.site.FormValues;
import org.hotlinerelay.site.Portal;
import org.hotlinerelay.site.Site;

/**
 * The relay's pages, all rendered by the portal's own templates ({@link Site}): the empty form and
 * thank-you page per language, rendered once at start-up, and the 4xx/5xx and 422 pages. Every URL
 * in them is relative ({@code base}).
 */
final class Pages {
  private final Site site;
  private final Portal portal;
  private final Map<String, Portal> portals = new HashMap<>();
  private final Map<String, byte[]> forms = new HashMap<>();
  private final Map<String, byte[]> thanks = new HashMap<>();
  private final byte[] rootForm;

  Pages(Site site, Portal portal, List<String> allowedPortals) {
    this.site = site;
    this.portal = portal;
    for (String id : allowedPortals) {
      portals.put(id, id.equals(portal.id()) ? portal : new Portal(id, portal.displayName(),
          portal.languages(), "", portal.accentColour(), portal.legalUrl(), portal.contactUrl()));
    }
    for (String lang : portal.languages()) {
      forms.put(lang, utf8(site.formPage(portal, lang, "../", FormValues.empty(), List.of())));
      thanks.put(lang, utf8(site.thanksPage(portal, lang, "../")));
    }
    rootForm = utf8(site.formPage(portal, portal.defaultLanguage(), "", FormValues.empty(), List.of()));
  }

  boolean hasLanguage(String lang) {
    return forms.containsKey(lang);
  }

  /** The page language for an answer: {@code lang} when pages exist in it, else the default. */
  String pageLanguage(String lang) {
    return hasLanguage(lang) ? lang : portal.defaultLanguage();
  }

  String defaultLanguage() {
    return portal.defaultLanguage();
  }

  void rootForm(HttpServerExchange exchange) {
    send(exchange, 200, rootForm);
  }

  void form(HttpServerExchange exchange, String lang) {
    send(exchange, 200, forms.get(lang));
  }

  void thanks(HttpServerExchange exchange, String lang) {
    send(exchange, 200, thanks.get(lang));
  }

  /** The 422 page at {@code /report} (base ""), in the reporter's language, with their values. */
  void invalid(HttpServerExchange exchange, String portalId, String lang, FormValues values, List<FieldError> errors) {
    Portal p = portals.getOrDefault(portalId, portal);
    send(exchange, 422, utf8(site.formPage(p, pageLanguage(lang), "", values, errors)));
  }

  /** A fixed error page, in the default language, with URLs relative to the request's path. */
  void error(HttpServerExchange exchange, int status) {
    error(exchange, status, portal.defaultLanguage());
  }

  void error(HttpServerExchange exchange, int status, String lang) {
    String base = base(exchange.getRequestPath());
    send(exchange, status, utf8(site.errorPage(portal, pageLanguage(lang), base, status)));
  }

  String stylesheet() {
    return site.stylesheet();
  }

  /** "../" once per folder between the request's path and the site root. */
  static String base(String path) {
    int depth = 0;
    for (int i = 1; i < path.length(); i++) {
      if (path.charAt(i) == '/') {
        depth++;
      }
    }
    return "../".repeat(Math.min(depth, 64));
  }

  static void send(HttpServerExchange exchange, int status, byte[] html) {
    exchange.setStatusCode(status);
    exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "text/html; charset=utf-8");
    exchange.getResponseSender().send(ByteBuffer.wrap(html));
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
