// SPDX-License-Identifier: Apache-2.0
package org.hotlinerelay.e2e;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.hotlinerelay.protocol.report.Limits;
import org.hotlinerelay.site.FieldError;
import org.hotlinerelay.site.Form;
import org.hotlinerelay.site.FormValues;
import org.hotlinerelay.site.Languages;
import org.hotlinerelay.site.Portal;
import org.hotlinerelay.site.Site;

/**
 * Every page of the portal, rendered by {@link Site} and served from 127.0.0.1 with the relay's
 * policy headers, plus a stand-in {@code POST /report} that records the body and answers 303 to
 * the thank-you page. Paths: {@code /<lang>/} (form), {@code /<lang>/422} (form with every
 * problem and typed values), {@code /<lang>/422-contact} (contact details typed, box unticked),
 * {@code /<lang>/thanks}, {@code /<lang>/error-<status>},
 * {@code /assets/site.css}. Every request path is recorded (to count requests per page).
 */
final class PortalServer implements AutoCloseable {
  static final String CSP = "default-src 'none'; style-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";
  static final List<Integer> STATUSES = List.of(400, 404, 405, 413, 415, 429, 503);

  private final HttpServer server;
  private final Map<String, String> pages = new LinkedHashMap<>();
  private final String css;
  final List<String> requests = new CopyOnWriteArrayList<>();
  final List<Map<String, List<String>>> posts = new CopyOnWriteArrayList<>();

  PortalServer() throws IOException {
    Site site = Site.load();
    Portal portal = Portal.relayDefault(Languages.ALL);
    for (String lang : Languages.ALL) {
      pages.put("/" + lang + "/", site.formPage(portal, lang, "../", FormValues.empty(), List.of()));
      pages.put("/" + lang + "/422", site.formPage(portal, lang, "../", Samples.typed(), Samples.everyError()));
      pages.put("/" + lang + "/422-contact", site.formPage(portal, lang, "../", Samples.contactNotTicked(),
          List.of(new FieldError(Form.CONTACT_OPT_IN, 0, "contact.optInMissing"))));
      pages.put("/" + lang + "/thanks", site.thanksPage(portal, lang, "../"));
      for (int status : STATUSES) {
        pages.put("/" + lang + "/error-" + status, site.errorPage(portal, lang, "../", status));
      }
    }
    pages.put("/", site.formPage(portal, portal.defaultLanguage(), "", FormValues.empty(), List.of()));
    css = site.stylesheet(portal);
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
    server.createContext("/", this::handle);
    server.start();
  }

  String url(String path) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + path;
  }

  /** Every page path, e.g. {@code /ar/422}. */
  List<String> pagePaths() {
    return new ArrayList<>(pages.keySet());
  }

  String page(String path) {
    return pages.get(path);
  }

  private void handle(HttpExchange ex) throws IOException {
    String path = ex.getRequestURI().getPath();
    requests.add(path);
    ex.getResponseHeaders().add("Content-Security-Policy", CSP);
    ex.getResponseHeaders().add("Referrer-Policy", "no-referrer");
    ex.getResponseHeaders().add("X-Content-Type-Options", "nosniff");
    ex.getResponseHeaders().add("Cache-Control", "no-store");
    if (ex.getRequestMethod().equals("POST") && path.equals("/report")) {
      Map<String, List<String>> form = parse(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
      posts.add(form);
      String lang = form.getOrDefault(Form.LANG, List.of("en")).get(0);
      ex.getResponseHeaders().add("Location", "/" + lang + "/thanks");
      ex.sendResponseHeaders(303, -1);
      ex.close();
      return;
    }
    if (path.equals("/assets/site.css")) {
      send(ex, 200, "text/css; charset=utf-8", css);
    } else if (pages.containsKey(path)) {
      int status = path.contains("/422") ? 422 : path.contains("/error-") ? Integer.parseInt(path.substring(path.length() - 3)) : 200;
      send(ex, status, "text/html; charset=utf-8", pages.get(path));
    } else {
      send(ex, 404, "text/html; charset=utf-8", pages.get("/en/error-404"));
    }
  }

  private static void send(HttpExchange ex, int status, String type, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().add("Content-Type", type);
    ex.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(bytes);
    }
  }

  static Map<String, List<String>> parse(String body) {
    Map<String, List<String>> form = new LinkedHashMap<>();
    for (String pair : body.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      form.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
    }
    return Collections.unmodifiableMap(form);
  }

  @Override
  public void close() {
    server.stop(0);
  }

  /** The values and problems the 422 pages show. */
  static final class Samples {
    private Samples() {}

    static FormValues typed() {
      return new FormValues(Map.of(
          Form.URL, List.of("example.org/page", "https://b.example/2"),
          Form.KIND, List.of("videos"),
          Form.LOCATION, List.of("x".repeat(Limits.LOCATION_MAX)),
          Form.HOW_FOUND, List.of("a link in a chat"),
          Form.DETAILS, List.of("<script>alert(1)</script>"),
          Form.CONTACT_OPT_IN, List.of("yes"),
          Form.CONTACT_EMAIL, List.of("sam@")));
    }

    /** Contact details typed without ticking the box: the relay's contact.optInMissing case. */
    static FormValues contactNotTicked() {
      return new FormValues(Map.of(Form.URL, List.of("https://a.example/1"), Form.KIND, List.of("images"),
          Form.CONTACT_EMAIL, List.of("sam@example.org")));
    }

    static List<FieldError> everyError() {
      return List.of(new FieldError(Form.URL, 0, "url.invalid"), new FieldError(Form.LOCATION, 0, "location.tooLong"),
          new FieldError(Form.CONTACT_EMAIL, 0, "contact.email.invalid"));
    }
  }
}
