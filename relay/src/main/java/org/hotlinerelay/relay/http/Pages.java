// SPDX-License-Identifier: Apache-2.0
package org.hotlinerelay.relay.http;

import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.hotlinerelay.site.FieldError;
import org.hotlinerelay.site.FormValues;
import org.hotlinerelay.site.Portal;
import org.hotlinerelay.site.Site;

/**
 * The relay's pages, all rendered by the portal's own templates ({@link Site}): the portal at
 * {@code /} (the relay's own, or the portals file's first when the relay takes no report for its
 * own), and each partner portal of the portals file at {@code /p/<id>/} with the
 * partner's name, accent colour, languages and legal/contact links. A report's answers — the
 * thank-you page it is sent to, its 422 and its 503 — are the pages of the portal named in the
 * form, so a reporter who started on a partner's site stays on that partner's pages
 * ({@code PartnerPagesTest}). An allowed portal id without an entry in the file gets the relay's
 * own pages. Every URL in them is relative.
 */
final class Pages {
  static final String PARTNER_PATH = "p/";

  private final Site site;
  private final PortalPages own;
  private final Map<String, PortalPages> partners = new HashMap<>();
  /** Allowed ids without their own pages: the relay's look, keeping the id in the 422's form. */
  private final Map<String, Portal> plain = new HashMap<>();

  /**
   * @param portal the portal served at {@code /} and on the fixed error pages
   * @param allowedPortals ids whose reports are taken
   * @param partnerPortals portals with their own pages (from the portals file), by id; may be empty
   */
  Pages(Site site, Portal portal, List<String> allowedPortals, Map<String, Portal> partnerPortals) {
    this.site = site;
    this.own = new PortalPages(site, portal, "");
    partnerPortals.forEach((id, p) -> partners.put(id, new PortalPages(site, p, PARTNER_PATH + id + "/")));
    for (String id : allowedPortals) {
      if (!partners.containsKey(id)) {
        plain.put(id, id.equals(portal.id()) ? own.portal : new Portal(id, portal.displayName(),
            portal.languages(), "", portal.accentColour(), portal.legalUrl(), portal.contactUrl()));
      }
    }
  }

  Pages(Site site, Portal portal, List<String> allowedPortals) {
    this(site, portal, allowedPortals, Map.of());
  }

  /** The relay's own portal's pages. */
  PortalPages own() {
    return own;
  }

  /** A partner portal's pages, or null. */
  PortalPages partner(String id) {
    return partners.get(id);
  }

  /** The pages a report for this portal is answered with. */
  private PortalPages answering(String portalId) {
    return partners.getOrDefault(portalId, own);
  }

  /** The page language for an answer: {@code lang} when the relay's own pages exist in it, else the default. */
  String pageLanguage(String lang) {
    return own.pageLanguage(lang);
  }

  void page(HttpServerExchange exchange, byte[] html) {
    send(exchange, 200, html);
  }

  /** Where a received report's reporter is sent (relative to the request's path): their portal's thank-you page. */
  String thanksLocation(HttpServerExchange exchange, String portalId, String lang) {
    PortalPages p = answering(portalId);
    return base(exchange.getRequestPath()) + p.prefix + p.pageLanguage(lang) + "/thanks";
  }

  /** The 422 page, in the reporter's language, with their values, as their portal's page. */
  void invalid(HttpServerExchange exchange, String portalId, String lang, FormValues values, List<FieldError> errors) {
    PortalPages p = partners.get(portalId);
    String base = base(exchange.getRequestPath());
    String html = p != null
        ? site.formPage(p.portal, p.pageLanguage(lang), base + p.prefix, values, errors)
        : site.formPage(plain.getOrDefault(portalId, own.portal), pageLanguage(lang), base, values, errors);
    send(exchange, 422, PortalPages.utf8(html));
  }

  /** A fixed error page, in the default language, with URLs relative to the request's path. */
  void error(HttpServerExchange exchange, int status) {
    error(exchange, status, own.portal.defaultLanguage(), "");
  }

  /** A fixed error page for a report of this portal (its 503), in the reporter's language. */
  void error(HttpServerExchange exchange, int status, String lang, String portalId) {
    PortalPages p = answering(portalId);
    String base = base(exchange.getRequestPath()) + p.prefix;
    send(exchange, status, PortalPages.utf8(site.errorPage(p.portal, p.pageLanguage(lang), base, status)));
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
}
