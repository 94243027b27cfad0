// SPDX-License-Identifier: Apache-2.0
package org.hotlinerelay.site;

import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.Template;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Renders every page of the portal from one set of templates (JMustache, HTML-escaping on): the
 * static bundle at build time and the relay's pages (422 included) at run time, so they cannot
 * drift apart. Thread-safe once loaded.
 *
 * <p>{@code base} is the relative path from the page to the site's root ({@code ""} at
 * {@code /}, {@code "../"} at {@code /en/}); every URL in a page is relative to it, so the same
 * pages work on any onion or clearnet host.
 *
 * <p>Security properties: every value from a reporter is HTML-escaped by the engine (no
 * triple-mustache in any template: {@code SiteTest.formPage_escapesEveryValue}); pages reference
 * nothing but the stylesheet, no script, no inline style, no external resource
 * ({@code PageRulesTest}); a page and its stylesheet are at most 16 KB ({@code PageRulesTest}).
 */
public final class Site {
  /** Status codes with a fixed page in every language. */
  public static final Set<Integer> ERROR_STATUSES = Set.of(400, 404, 405, 413, 415, 429, 503);

  private final Messages messages;
  private final Map<String, Template> templates = new HashMap<>();
  private final Stylesheet stylesheet;

  private Site(Messages messages, String css) {
    this.messages = messages;
    this.stylesheet = new Stylesheet(css);
    // No default value: a template naming a key that does not exist fails in the tests, instead
    // of silently rendering an empty string.
    Mustache.Compiler compiler = Mustache.compiler()
        .escapeHTML(true)
        .emptyStringIsFalse(true)
        .zeroIsFalse(true)
        .withLoader(name -> new StringReader(resource("site/templates/" + name + ".mustache")));
    for (String name : List.of("form", "thanks", "error")) {
      templates.put(name, compiler.compile(resource("site/templates/" + name + ".mustache")));
    }
  }

  /** Loads templates and messages from the classpath. */
  public static Site load() {
    return new Site(Messages.load(), resource("site/assets/site.css"));
  }

  /** True when pages exist in this language. */
  public boolean hasLanguage(String lang) {
    return messages.has(lang);
  }

  /** The reporting form, empty or (for a 422) with the reporter's values and the problems found. */
  public String formPage(Portal portal, String lang, String base, FormValues values, List<FieldError> errors) {
    Map<String, Object> model = model(portal, lang, base);
    model.put("title", messages.get(lang, errors.isEmpty() ? "page.title" : "page.titleError"));
    new FormView(messages, lang, values, errors).addTo(model);
    return templates.get("form").execute(model);
  }

  /** The page the relay shows after a report is durably received ({@code <lang>/thanks}). */
  public String thanksPage(Portal portal, String lang, String base) {
    Map<String, Object> model = model(portal, lang, base);
    model.put("title", messages.get(lang, "thanks.title"));
    return templates.get("thanks").execute(model);
  }

  /**
   * A fixed error page: one of {@link #ERROR_STATUSES}. Any other status gets the 400 page's words
   * rather than a failure: an error page must never itself fail.
   */
  public String errorPage(Portal portal, String lang, String base, int status) {
    int shown = ERROR_STATUSES.contains(status) ? status : 400;
    Map<String, Object> model = model(portal, lang, base);
    model.put("title", messages.get(lang, "status." + shown + ".title"));
    model.put("status_title", messages.get(lang, "status." + shown + ".title"));
    model.put("status_body", messages.get(lang, "status." + shown + ".body"));
    return templates.get("error").execute(model);
  }

  /** The one stylesheet with the default accent, served under {@code assets/site.css}. */
  public String stylesheet() {
    return stylesheet.forAccent(Portal.relayDefault(List.of(Languages.DEFAULT)).accentColour());
  }

  /** The stylesheet with this portal's accent colour, served under {@code assets/site.css}. */
  public String stylesheet(Portal portal) {
    return stylesheet.forAccent(portal.accentColour());
  }

  String message(String lang, String key) {
    return messages.get(lang, key);
  }

  private Map<String, Object> model(Portal portal, String lang, String base) {
    String shown = messages.has(lang) ? lang : Languages.DEFAULT;
    Map<String, Object> model = new HashMap<>();
    messages.all(shown).forEach((k, v) -> model.put(k.replace('.', '_'), v));
    model.put("lang", shown);
    model.put("base", base);
    model.put("portalId", portal.id());
    model.put("portalName", portal.displayName());
    model.put("action", portal.relayUrl().isEmpty() ? base + "report" : portal.relayUrl() + "report");
    model.put("metaCsp", portal.relayUrl().isEmpty() ? "" : metaCsp(portal.relayUrl()));
    model.put("formHref", base + shown + "/");
    List<LanguageLink> links = portal.languages().stream().filter(messages::has)
        .map(l -> new LanguageLink(l, messages.get(l, "language.name"), messages.get(l, "dir"),
            base + l + "/", l.equals(shown)))
        .toList();
    model.put("hasLanguageLinks", links.size() > 1);
    model.put("languageLinks", links);
    model.put("legalUrl", portal.legalUrl());
    model.put("contactUrl", portal.contactUrl());
    model.put("hasFooterLinks", !portal.legalUrl().isEmpty() || !portal.contactUrl().isEmpty());
    return model;
  }

  /**
   * For pages hosted away from the relay (a partner's bundle): the same policy the relay sends as
   * a header, as a meta element, so a partner's host without headers still gets it. The form may
   * post only to the relay's origin.
   */
  static String metaCsp(String relayUrl) {
    URI uri = URI.create(relayUrl);
    String origin = uri.getScheme() + "://" + uri.getRawAuthority();
    return "default-src 'none'; style-src 'self'; form-action " + origin + "; base-uri 'none'";
  }

  private static String resource(String path) {
    try (InputStream in = Site.class.getClassLoader().getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + path);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** One link of the language switcher, in that language's own name and direction. */
  record LanguageLink(String code, String name, String dir, String href, boolean current) {}
}
