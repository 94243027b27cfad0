// SPDX-License-Identifier: Apache-2.0
package org.hotlinerelay.hotline.inbox;

import java.util.ArrayList;
import java.util.List;
import org.hotlinerelay.protocol.report.Contact;
import org.hotlinerelay.protocol.report.InApp;
import org.hotlinerelay.protocol.report.Report;

/**
 * How reports look on a staff member's terminal: one line for {@code inbox list}, a block for
 * {@code inbox show}. Addresses are defanged unless {@code raw}; every value goes through {@link
 * TerminalText} so no report can send escape sequences to the terminal, and invisible or
 * bidirectional control characters show as {@code <U+202E>} (addresses: every invisible one).
 */
final class ReportText {
  private ReportText() {}

  private static final List<String> HEADER = List.of("ENVELOPE ID", "SEEN", "RECEIVED", "PORTAL", "LANGUAGE", "CONTENT",
      "ADDRESS (defanged)");

  /**
   * What {@code inbox list} prints: a header row, then a row per entry, {@code <envelope id>
   * <new|read> <hour> <portal> <language> <kind> <where> [(+N more)]}, where is the first address,
   * or {@code app: <app> <account>} when the report has none. Each column but the last is as wide
   * as its widest cell, so the columns line up whatever the portal ids and languages.
   */
  static List<String> listTable(List<InboxEntry> entries) {
    List<List<String>> rows = new ArrayList<>(entries.size() + 1);
    rows.add(HEADER);
    for (InboxEntry e : entries) {
      rows.add(cells(e));
    }
    int[] width = new int[HEADER.size() - 1];
    for (List<String> row : rows) {
      for (int i = 0; i < width.length; i++) {
        width[i] = Math.max(width[i], row.get(i).length());
      }
    }
    List<String> lines = new ArrayList<>(rows.size());
    for (List<String> row : rows) {
      StringBuilder line = new StringBuilder(160);
      for (int i = 0; i < width.length; i++) {
        line.append(row.get(i)).append(" ".repeat(width[i] - row.get(i).length() + 2));
      }
      lines.add(line.append(row.get(width.length)).toString());
    }
    return lines;
  }

  private static List<String> cells(InboxEntry e) {
    Report r = e.report();
    int others = r.urls().size() - 1 + (r.inApp() != null && !r.urls().isEmpty() ? 1 : 0);
    String more = others > 0 ? "  (+" + others + " more)" : "";
    String where = r.urls().isEmpty() ? TerminalText.line("app: " + Defang.text(r.inApp().app() + " " + r.inApp().identifier()))
        : TerminalText.address(Defang.address(r.urls().get(0)));
    return List.of(e.envelopeId(), e.read() ? "read" : "new", r.receivedHour(), TerminalText.line(r.portal()),
        TerminalText.line(r.language()), r.contentKind().wireValue(), where + more);
  }

  static String show(InboxEntry e, boolean raw) {
    Report r = e.report();
    StringBuilder out = new StringBuilder(1024);
    field(out, "Envelope", e.envelopeId());
    field(out, "Report", r.id());
    field(out, "Received", r.receivedHour() + " (rounded down)");
    field(out, "Portal", r.portal());
    field(out, "Language", r.language());
    field(out, "Content", r.contentKind().wireValue());
    out.append(r.urls().isEmpty() ? "URLs: none\n" : "URLs:\n");
    for (String url : r.urls()) {
      out.append("  ").append(TerminalText.address(raw ? url : Defang.address(url))).append('\n');
    }
    InApp app = r.inApp();
    if (app == null) {
      out.append("In an app: none\n");
    } else {
      out.append("In an app:\n");
      out.append("  App:                    ").append(TerminalText.line(raw ? app.app() : Defang.text(app.app()))).append('\n');
      out.append("  Account, group or post: ").append(TerminalText.line(raw ? app.identifier() : Defang.text(app.identifier())))
          .append('\n');
    }
    block(out, "Where on the page", r.location(), raw);
    block(out, "How found", r.howFound(), raw);
    block(out, "Details", r.details(), raw);
    Contact c = r.contact();
    if (c == null) {
      out.append("Contact: none (the reporter stayed anonymous)\n");
    } else {
      out.append("Contact (the reporter chose to give it):\n");
      out.append("  Name:  ").append(TerminalText.line(c.name())).append('\n');
      out.append("  Email: ").append(TerminalText.line(c.email())).append('\n');
      out.append("  Phone: ").append(TerminalText.line(c.phone())).append('\n');
    }
    return out.toString();
  }

  private static void field(StringBuilder out, String label, String value) {
    out.append(label).append(": ").append(TerminalText.line(value)).append('\n');
  }

  private static void block(StringBuilder out, String label, String value, boolean raw) {
    if (value.isEmpty()) {
      out.append(label).append(": (empty)\n");
      return;
    }
    out.append(label).append(":\n");
    for (String line : List.of(TerminalText.block(raw ? value : Defang.text(value)).split("\n", -1))) {
      out.append("  ").append(line).append('\n');
    }
  }
}
