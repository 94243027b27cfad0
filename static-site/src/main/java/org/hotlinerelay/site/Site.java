package org.hotlinerelay.site;

import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.Template;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * Renders every page of the portal from one set of templates (JMustache, HTML-escaping on): the
 * static bundle at build time and the relay's pages (422 included) at run time, so they cannot
 * drift apart. Thread-safe once loaded.
 *
 * <p>{@code base} is the relative path from the page to the site's root ({@code ""} at
 * {@code /}, {@code "../"} at {@code /en/}); every URL in a page is relative to it, so the same
 * pages work on any onion or clearnet host.
 */
public final class Site {
  private final Map<String, Properties> messages;
  private final Map<String, Template> templates = new HashMap<>();
  private final String stylesheet;

  private Site(Map<String, Properties> messages, String stylesheet) {
    this.messages = messages;
    this.stylesheet = stylesheet;
    Mustache.Compiler compiler = Mustache.compiler().escapeHTML(true).defaultValue("");
    for (String name : List.of("form", "thanks", "error")) {
      templates.put(name, compiler.compile(resource("site/templates/" + name + ".mustache")));
    }
  }

  /** Loads templates and messages from the classpath. */
  public static Site load() {
    Map<String, Properties> messages = new HashMap<>();
    for (String lang : Languages.ALL) {
      Properties p = new Properties();
      try (InputStream in = Site.class.getClassLoader().getResourceAsStream("site/messages/" + lang + ".properties")) {
        if (in == null) {
          continue;
        }
        p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      messages.put(lang, p);
    }
    return new Site(Map.copyOf(messages), resource("site/assets/site.css"));
  }

  /** True when pages exist in this language. */
  public boolean hasLanguage(String lang) {
    return lang != null && messages.containsKey(lang);
  }

  /** The reporting form, empty or (for a 422) with the reporter's values and the problems found. */
  public String formPage(Portal portal, String lang, String base, FormValues values, List<FieldError> errors) {
    Map<String, Object> model = model(portal, lang, base);
    model.put("hasErrors", !errors.isEmpty());
    model.put("errors", errors.stream().map(e -> Map.of("field", e.field(),
        "message", message(lang, "error." + e.code()))).toList());
    model.put("urlValue", values.first(Form.URL));
    return templates.get("form").execute(model);
  }

  public String thanksPage(Portal portal, String lang, String base) {
    return templates.get("thanks").execute(model(portal, lang, base));
  }

  /** A fixed error page: 400, 404, 405, 413, 415, 429, 503. */
  public String errorPage(Portal portal, String lang, String base, int status) {
    Map<String, Object> model = model(portal, lang, base);
    model.put("title", message(lang, "status." + status + ".title"));
    model.put("body", message(lang, "status." + status + ".body"));
    return templates.get("error").execute(model);
  }

  /** The one stylesheet, served under {@code assets/site.css}. */
  public String stylesheet() {
    return stylesheet;
  }

  String message(String lang, String key) {
    Properties p = messages.getOrDefault(lang, messages.get(Languages.DEFAULT));
    String value = p.getProperty(key);
    return value != null ? value : messages.get(Languages.DEFAULT).getProperty(key, key);
  }

  private Map<String, Object> model(Portal portal, String lang, String base) {
    Map<String, Object> model = new HashMap<>();
    Properties p = messages.getOrDefault(lang, messages.get(Languages.DEFAULT));
    p.forEach((k, v) -> model.put(k.toString().replace('.', '_'), v));
    model.put("lang", lang);
    model.put("base", base);
    model.put("portalId", portal.id());
    model.put("portalName", portal.displayName());
    model.put("action", portal.relayUrl().isEmpty() ? base + "report" : portal.relayUrl() + "report");
    return model;
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
}
