// SPDX-License-Identifier: Apache-2.0
package org.hotlinerelay.hotline.workstation.web;

import io.undertow.server.HttpServerExchange;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import org.hotlinerelay.hotline.workstation.CaseExport;
import org.hotlinerelay.hotline.workstation.Item;
import org.hotlinerelay.hotline.workstation.TriageState;
import org.hotlinerelay.hotline.workstation.Workstation;
import org.hotlinerelay.protocol.report.Contact;
import org.hotlinerelay.protocol.report.InApp;
import org.hotlinerelay.protocol.report.Report;

/**
 * The workstation's pages (GET): the queue, a report, a report's exact address, related reports,
 * export and an export's status, and the access keys. A report opened from the queue carries the queue's search in its
 * address, so "back", "previous" and "next" stay in that search.
 */
final class Screens {
  static final int PAGE = 50;
  private final Workstation ws;
  private final Pages pages;
  private final Session session;
  private final Exports exports;

  Screens(Workstation ws, Pages pages, Session session, Exports exports) {
    this.ws = ws;
    this.pages = pages;
    this.session = session;
    this.exports = exports;
  }

  /** Renders the page for {@code path}; false when there is none. */
  boolean show(HttpServerExchange ex, String path, Map<String, List<String>> params) throws IOException {
    if (path.equals("/")) {
      queue(ex, params);
      return true;
    }
    if (path.equals("/keys")) {
      Map<String, Object> m = base("Keys");
      m.put("modifier", AccessKey.MODIFIER);
      m.put("rows", AccessKey.rows());
      Routes.send(ex, 200, pages.render("keys", m));
      return true;
    }
    if (path.equals("/export")) {
      Filters f = Filters.of(params);
      Map<String, Object> m = base("Export");
      m.put("count", ws.query(f.query()).size());
      m.put("error", f.error());
      m.put("hidden", f.hidden());
      m.put("back", "/?" + f.queryString());
      exports.running().ifPresent(j -> m.put("running", "/export/" + j.id));
      Routes.send(ex, 200, pages.render("export", m));
      return true;
    }
    Matcher job = Routes.EXPORT.matcher(path);
    if (job.matches()) {
      Optional<Exports.Job> found = exports.job(job.group(1));
      found.ifPresent(j -> exportStatus(ex, j));
      return found.isPresent();
    }
    Matcher r = Routes.REPORT.matcher(path);
    if (!r.matches() || ws.item(r.group(1)).isEmpty()) {
      return false;
    }
    String id = r.group(1);
    String sub = r.group(2) == null ? "" : r.group(2);
    if (sub.isEmpty()) {
      report(ex, id, Filters.of(params), TriageState.of(Routes.first(params, "place")));
    } else if (sub.equals("/same-url") || sub.equals("/same-host")) {
      boolean url = sub.equals("/same-url");
      List<Item> items = url ? ws.sameUrl(id) : ws.sameHost(id);
      Map<String, Object> m = base(url ? "Reports naming the same address or app account" : "Reports naming the same host");
      m.put("id", id);
      m.put("rows", rows(items));
      m.put("count", items.size());
      Routes.send(ex, 200, pages.render("related", m));
    } else if (sub.startsWith("/address/")) {
      int n = Integer.parseInt(sub.substring("/address/".length()));
      Optional<Report> report = ws.view(id);
      if (report.isEmpty() || n >= report.get().urls().size()) {
        return false;
      }
      Map<String, Object> m = base("Copy the exact address");
      m.put("id", id);
      m.put("exact", report.get().urls().get(n));
      m.put("shown", WebText.address(report.get().urls().get(n)));
      Routes.send(ex, 200, pages.render("address", m));
    } else {
      return false;
    }
    return true;
  }

  private void queue(HttpServerExchange ex, Map<String, List<String>> params) {
    Filters f = Filters.of(params);
    List<Item> items = ws.query(f.query());
    int page = 0;
    try {
      page = Math.max(0, Integer.parseInt(Routes.first(params, "page")));
    } catch (NumberFormatException ignored) {
      // first page
    }
    int from = Math.min(items.size(), page * PAGE);
    Map<String, Object> m = base("Queue");
    m.putAll(f.values());
    m.put("error", f.error());
    m.put("states", Pages.states(null));
    m.put("stateOptions", Pages.states(null).stream().map(s -> {
      Map<String, Object> o = new HashMap<>(s);
      o.put("selected", s.get("value").equals(f.values().get("state")));
      return o;
    }).toList());
    m.put("kinds", Pages.kinds(f.values().get("kind")));
    m.put("select", true);
    m.put("rows", rows(items.subList(from, Math.min(items.size(), from + PAGE))));
    m.put("count", items.size());
    m.put("plural", items.size() == 1 ? "" : "s");
    m.put("total", ws.size());
    m.put("first", from + 1);
    m.put("last", Math.min(items.size(), from + PAGE));
    m.put("hidden", f.hidden());
    m.put("query", f.queryString());
    m.put("search", search(f));
    m.put("skipList", true);
    m.put("prev", page > 0 ? "/?" + f.queryString() + "&page=" + (page - 1) : "");
    m.put("next", from + PAGE < items.size() ? "/?" + f.queryString() + "&page=" + (page + 1) : "");
    m.put("back", "/?" + f.queryString() + (page > 0 ? "&page=" + page : ""));
    Routes.send(ex, 200, pages.render("queue", m));
  }

  /**
   * A report's page. {@code place} is the state the report had when it was opened from the
   * search (kept through its own forms), so previous and next stay where the analyst was.
   */
  private void report(HttpServerExchange ex, String id, Filters search, Optional<TriageState> place) throws IOException {
    Item item = ws.item(id).orElseThrow();
    Optional<Report> opened = ws.view(id);
    Map<String, Object> m = base("Report " + id.substring(0, 8));
    m.put("id", id);
    TriageState placedAs = place.orElse(item.triage().state());
    Workstation.Neighbours around = ws.neighbours(id, search.query(), placedAs);
    String query = search.queryString();
    m.put("search", search(search));
    m.put("self", "/report/" + id + "?" + (query.isEmpty() ? "" : query + "&") + "place=" + placedAs.value());
    m.put("previous", around.previous());
    m.put("next", around.next());
    m.put("hour", item.entry().receivedHour());
    m.put("portal", WebText.line(item.entry().portal()));
    m.put("language", WebText.line(item.entry().language()));
    m.put("kind", item.entry().contentKind().wireValue());
    m.put("state", item.triage().state().label());
    m.put("analyst", WebText.line(item.triage().analyst()));
    m.put("duplicateOf", item.triage().duplicateOf());
    m.put("states", Pages.states(item.triage().state()));
    m.put("notes", Pages.notes(item.triage()));
    List<Map<String, Object>> urls = new ArrayList<>();
    for (int i = 0; i < item.entry().urls().size(); i++) {
      urls.add(Map.of("n", i, "shown", WebText.address(item.entry().urls().get(i))));
    }
    m.put("urls", urls);
    m.put("hasUrls", !urls.isEmpty());
    InApp app = item.entry().inApp();
    if (app != null) {
      m.put("inApp", Map.of("app", WebText.app(app.app()), "identifier", WebText.app(app.identifier())));
    }
    int sameUrl = ws.sameUrl(id).size();
    m.put("sameUrl", sameUrl);
    m.put("sameHost", ws.sameHost(id).size());
    m.put("group", sameUrl > 0);
    opened.ifPresent(r -> {
      m.put("opened", true);
      m.put("location", WebText.block(r.location()));
      m.put("howFound", WebText.block(r.howFound()));
      m.put("details", WebText.block(r.details()));
      Contact c = r.contact();
      if (c != null) {
        m.put("contact", Map.of("name", WebText.line(c.name()), "email", WebText.line(c.email()), "phone", WebText.line(c.phone())));
      }
    });
    Routes.send(ex, 200, pages.render("report", m));
  }

  /**
   * An export's status page. While it runs: how far it is, and a link to look again. The page
   * never reloads itself: a timed reload is a time limit the analyst did not choose (WCAG 2.2.1).
   * Once done: what the "Exported" page shows; once failed: the problem.
   */
  private void exportStatus(HttpServerExchange ex, Exports.Job job) {
    Optional<String> problem = job.problem();
    if (problem.isPresent()) {
      Routes.send(ex, 200, pages.render("message", Map.of("title", "Nothing was exported", "text", problem.get(),
          "back", "/export")));
      return;
    }
    Map<String, Object> m = base("Exporting");
    m.put("file", job.file.toAbsolutePath().toString());
    Optional<CaseExport.Summary> summary = job.summary();
    if (summary.isPresent()) {
      m.put("title", "Exported");
      m.put("reports", summary.get().reports());
      m.put("records", summary.get().records());
      Routes.send(ex, 200, pages.render("exported", m));
      return;
    }
    m.put("done", job.done());
    m.put("total", job.total);
    m.put("self", "/export/" + job.id);
    Routes.send(ex, 200, pages.render("exporting", m));
  }

  /** The search as the query part of a link ({@code ?address=...}), empty when there is none. */
  private static String search(Filters f) {
    String q = f.queryString();
    return q.isEmpty() ? "" : "?" + q;
  }

  private List<Map<String, Object>> rows(List<Item> items) {
    List<Map<String, Object>> rows = new ArrayList<>(items.size());
    for (Item i : items) {
      rows.add(Pages.row(i, ws.sameUrl(i.envelopeId()).size()));
    }
    return rows;
  }

  private Map<String, Object> base(String title) {
    Map<String, Object> m = new HashMap<>();
    m.put("title", title);
    m.put("analystName", WebText.line(ws.analyst()));
    m.put("csrf", session.csrf());
    return m;
  }
}
