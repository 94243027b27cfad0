// SPDX-License-Identifier: Apache-2.0
package org.hotlinerelay.hotline.workstation.web;

import io.undertow.server.HttpServerExchange;
import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import org.hotlinerelay.hotline.workstation.CaseExport;
import org.hotlinerelay.hotline.workstation.Item;
import org.hotlinerelay.hotline.workstation.Query;
import org.hotlinerelay.hotline.workstation.TriageState;
import org.hotlinerelay.hotline.workstation.Workstation;

/**
 * The workstation's state-changing requests (POST, after the CSRF check): a report's state, a
 * note, a duplicate group, a bulk state change on a selection or on every report a filter
 * matches, and an export of the reports ticked on the queue ({@code scope=selected}) or of every
 * report a filter matches, started on the export thread and answered with a 303 to its status
 * page ({@link Exports}). Each answers with a redirect (a 303, so reloading repeats nothing) or a
 * page naming what was wrong, never a stack trace.
 */
final class Actions {
  private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT);
  private final Workstation ws;
  private final Pages pages;
  private final Path exportDir;
  private final Exports exports;

  Actions(Workstation ws, Pages pages, Path exportDir, Exports exports) {
    this.ws = ws;
    this.pages = pages;
    this.exportDir = exportDir;
    this.exports = exports;
  }

  boolean handle(HttpServerExchange ex, String path, Map<String, List<String>> form)
      throws IOException, GeneralSecurityException {
    if (path.equals("/bulk")) {
      boolean all = Routes.first(form, "scope").equals("all");
      if (all && badSearch(ex, form, back(form, "/"))) {
        return true;
      }
      List<String> ids = all
          ? ws.query(Filters.of(form).query()).stream().map(Item::envelopeId).toList()
          : form.getOrDefault("id", List.of());
      return setState(ex, ids, form, back(form, "/"));
    }
    if (path.equals("/export")) {
      export(ex, form);
      return true;
    }
    Matcher r = Routes.REPORT.matcher(path);
    if (!r.matches() || r.group(2) == null || ws.item(r.group(1)).isEmpty()) {
      return false;
    }
    String id = r.group(1);
    String back = back(form, "/report/" + id);
    switch (r.group(2)) {
      case "/state" -> {
        return setState(ex, List.of(id), form, back);
      }
      case "/note" -> {
        String text = Routes.first(form, "note");
        if (text.isBlank() || text.length() > 10_000) {
          problem(ex, "The note is empty or longer than 10,000 characters.", back);
          return true;
        }
        ws.addNote(id, text);
        Routes.redirect(ex, back);
        return true;
      }
      case "/group" -> {
        List<String> group = ws.sameUrl(id).stream().map(Item::envelopeId).toList();
        ws.setState(group, TriageState.DUPLICATE, id);
        Routes.redirect(ex, back);
        return true;
      }
      default -> {
        return false;
      }
    }
  }

  private boolean setState(HttpServerExchange ex, List<String> ids, Map<String, List<String>> form, String back)
      throws IOException, GeneralSecurityException {
    Optional<TriageState> state = TriageState.of(Routes.first(form, "set-state"));
    if (state.isEmpty()) {
      problem(ex, "Choose a state.", back);
      return true;
    }
    String duplicateOf = envelopeIdOf(Routes.first(form, "duplicate-of").strip().toLowerCase(Locale.ROOT));
    if (state.get() == TriageState.DUPLICATE && ws.item(duplicateOf).isEmpty()) {
      problem(ex, "A duplicate needs the full id of the report it duplicates (32 hex digits: the id at the top of its page, "
          + "or its report id).", back);
      return true;
    }
    if (ids.isEmpty()) {
      problem(ex, "No report was selected.", back);
      return true;
    }
    ws.setState(ids.stream().filter(i -> !i.equals(duplicateOf)).toList(), state.get(), duplicateOf);
    Routes.redirect(ex, back);
    return true;
  }

  /**
   * The envelope id a report is known by here, for {@code id} being either that envelope id (the
   * id at the top of a report's page) or the report's own id (as {@code inbox show} and the
   * exports print it); {@code id} itself when it names no report.
   */
  private String envelopeIdOf(String id) {
    if (id.isEmpty() || ws.item(id).isPresent()) {
      return id;
    }
    return ws.query(Query.ALL).stream().filter(i -> i.entry().reportId().equals(id)).map(Item::envelopeId).findFirst()
        .orElse(id);
  }

  private void export(HttpServerExchange ex, Map<String, List<String>> form) {
    CaseExport format = Routes.first(form, "format").equals("jsonl") ? CaseExport.JSONL : CaseExport.CSV;
    List<Item> items;
    if (Routes.first(form, "scope").equals("selected")) {
      items = ticked(form.getOrDefault("id", List.of()));
      if (items.isEmpty()) {
        problem(ex, "No report was ticked, or a ticked report is not in this inbox. Tick the reports to export.",
            back(form, "/"));
        return;
      }
    } else {
      if (badSearch(ex, form, back(form, "/export?" + Filters.of(form).queryString()))) {
        return;
      }
      items = ws.query(Filters.of(form).query());
    }
    String name = "hotline-cases-" + LocalDateTime.now(ZoneOffset.UTC).format(STAMP) + "." + format.label();
    Optional<Exports.Job> job = exports.start(items, format, exportDir.resolve(name));
    if (job.isPresent()) {
      Routes.redirect(ex, "/export/" + job.get().id);
      return;
    }
    // Another export runs (or has just ended: then its page shows how it ended).
    String status = exports.running().map(j -> "/export/" + j.id).orElse("/export");
    Routes.send(ex, 409, pages.render("message", Map.of("title", "An export is running", "text",
        "One export runs at a time. Wait for the running one to finish, then export again.", "back", status,
        "backText", "See the running export")));
  }

  /** The ticked reports, each once, in the order ticked; empty when none is or any id is unknown. */
  private List<Item> ticked(List<String> ids) {
    List<Item> items = new ArrayList<>();
    for (String id : new LinkedHashSet<>(ids)) {
      Optional<Item> item = ws.item(id);
      if (item.isEmpty()) {
        return List.of();
      }
      items.add(item.get());
    }
    return items;
  }

  /**
   * Whether the search an act on "everything it found" names is malformed, answering 422 if so. A
   * bad date is ignored when the queue is only shown; acting on that wider set would change or
   * export reports the analyst's search meant to leave out.
   */
  private boolean badSearch(HttpServerExchange ex, Map<String, List<String>> form, String back) {
    String error = Filters.of(form).error();
    if (!error.isEmpty()) {
      problem(ex, error + " Correct the search first: nothing was changed or exported.", back);
    }
    return !error.isEmpty();
  }

  private void problem(HttpServerExchange ex, String text, String back) {
    Routes.send(ex, 422, pages.render("message", Map.of("title", "Nothing was changed", "text", text, "back", back)));
  }

  /** A same-site path to return to; anything else becomes {@code fallback}. */
  static String back(Map<String, List<String>> form, String fallback) {
    String b = Routes.first(form, "back");
    return b.startsWith("/") && !b.startsWith("//") && !b.contains("\\") && !b.contains("\r") && !b.contains("\n") ? b : fallback;
  }
}
