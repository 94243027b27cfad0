// SPDX-License-Identifier: Apache-2.0
package org.hotlinerelay.hotline.workstation.web;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.handlers.CookieImpl;
import io.undertow.server.handlers.form.FormData;
import io.undertow.server.handlers.form.FormDataParser;
import io.undertow.server.handlers.form.FormEncodedDataDefinition;
import io.undertow.server.handlers.form.FormParserFactory;
import io.undertow.util.Headers;
import io.undertow.util.Methods;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hotlinerelay.hotline.workstation.Workstation;

/**
 * Dispatches the workstation's requests: the unlock link, the session check, the CSRF check on
 * every POST, then {@link Screens} (pages) and {@link Actions} (state changes). Unknown paths are
 * 404, a wrong method 405 with {@code Allow}; failures get a fixed page, never a stack trace.
 */
final class Routes implements HttpHandler {
  private static final Pattern UNLOCK = Pattern.compile("/unlock/([0-9a-f]{64})");
  static final Pattern EXPORT = Pattern.compile("/export/([0-9a-f]{32})");
  static final Pattern REPORT = Pattern.compile("/report/([0-9a-f]{32})(/[a-z-]+(?:/[0-9]{1,2})?)?");
  private static final FormParserFactory FORMS = FormParserFactory.builder(false)
      .addParsers(new FormEncodedDataDefinition().setDefaultEncoding("UTF-8")).build();
  private final Session session;
  private final Pages pages;
  private final Screens screens;
  private final Actions actions;
  private volatile String allowedHost = "";
  private final byte[] css = Pages.stylesheet();

  Routes(Workstation workstation, Pages pages, Session session, java.nio.file.Path exportDir, Exports exports) {
    this.session = session;
    this.pages = pages;
    this.screens = new Screens(workstation, pages, session, exports);
    this.actions = new Actions(workstation, pages, exportDir, exports);
  }

  void allowHost(String authority) {
    this.allowedHost = authority;
  }

  @Override
  public void handleRequest(HttpServerExchange ex) throws Exception {
    String host = ex.getRequestHeaders().getFirst(Headers.HOST);
    if (host == null || !host.equals(allowedHost)) {
      message(ex, 400, "Wrong address", "Open the workstation at the address it printed when it started.");
      return;
    }
    String path = ex.getRequestPath();
    boolean get = ex.getRequestMethod().equals(Methods.GET) || ex.getRequestMethod().equals(Methods.HEAD);
    boolean post = ex.getRequestMethod().equals(Methods.POST);
    if (path.equals("/workstation.css") && get) {
      ex.getResponseHeaders().put(Headers.CONTENT_TYPE, "text/css; charset=utf-8");
      ex.getResponseSender().send(ByteBuffer.wrap(css));
      return;
    }
    Matcher unlock = UNLOCK.matcher(path);
    if (unlock.matches() && get) {
      if (!session.unlock(unlock.group(1))) {
        message(ex, 403, "Link already used", "This unlock link works once. Restart the workstation for a new one.");
        return;
      }
      ex.setResponseCookie(new CookieImpl(Session.COOKIE, session.cookieValue()).setPath("/").setHttpOnly(true)
          .setSameSiteMode("Strict"));
      redirect(ex, "/");
      return;
    }
    var cookie = ex.getRequestCookie(Session.COOKIE);
    if (cookie == null || !session.validCookie(cookie.getValue())) {
      message(ex, 403, "Not unlocked", "Open the one-time link the workstation printed when it started. Each link works "
          + "once: if it was opened already, or the browser was closed since, stop the workstation (Ctrl-C) and start it "
          + "again for a new link.");
      return;
    }
    if (get) {
      if (!screens.show(ex, path, params(ex.getQueryParameters()))) {
        notFoundOrMethod(ex, path);
      }
    } else if (post) {
      // URL-encoded forms only: a multipart parser would spool uploads to disk.
      FormDataParser parser = FORMS.createParser(ex);
      if (parser == null) {
        message(ex, 415, "Not a form", "The workstation takes its own forms only.");
        return;
      }
      Map<String, List<String>> fields = fields(parser.parseBlocking());
      if (!session.validCsrf(first(fields, "csrf"))) {
        message(ex, 403, "Form expired", "The form was missing its security token. Go back, reload the page and try again.");
        return;
      }
      if (!actions.handle(ex, path, fields)) {
        notFoundOrMethod(ex, path);
      }
    } else {
      ex.getResponseHeaders().put(Headers.ALLOW, "GET, POST");
      message(ex, 405, "Not allowed", "This page takes GET or POST only.");
    }
  }

  private void notFoundOrMethod(HttpServerExchange ex, String path) {
    message(ex, 404, "Not found", "There is no such page or report.");
  }

  void message(HttpServerExchange ex, int status, String title, String text) {
    send(ex, status, pages.render("message", Map.of("title", title, "text", text)));
  }

  static void send(HttpServerExchange ex, int status, String html) {
    ex.setStatusCode(status);
    ex.getResponseHeaders().put(Headers.CONTENT_TYPE, "text/html; charset=utf-8");
    ex.getResponseSender().send(html, StandardCharsets.UTF_8);
  }

  static void redirect(HttpServerExchange ex, String location) {
    ex.setStatusCode(303);
    ex.getResponseHeaders().put(Headers.LOCATION, location);
    ex.endExchange();
  }

  static String first(Map<String, List<String>> fields, String name) {
    List<String> v = fields.get(name);
    return v == null || v.isEmpty() ? "" : v.get(0);
  }

  private static Map<String, List<String>> params(Map<String, Deque<String>> query) {
    Map<String, List<String>> out = new HashMap<>();
    query.forEach((k, v) -> out.put(k, new ArrayList<>(v)));
    return out;
  }

  private static Map<String, List<String>> fields(FormData form) {
    Map<String, List<String>> out = new HashMap<>();
    for (String name : form) {
      List<String> values = new ArrayList<>();
      for (FormData.FormValue v : form.get(name)) {
        if (!v.isFileItem()) {
          values.add(v.getValue());
        }
      }
      out.put(name, values);
    }
    return out;
  }
}
