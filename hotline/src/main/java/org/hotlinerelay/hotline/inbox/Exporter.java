// SPDX-License-Identifier: Apache-2.0
package org.hotlinerelay.hotline.inbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.Writer;
import java.util.List;
import java.util.Locale;
import org.hotlinerelay.protocol.report.Contact;
import org.hotlinerelay.protocol.report.Report;
import org.hotlinerelay.protocol.report.ReportCodec;

/** Writes reports to an export file, one format each. Values are exported as submitted. */
public enum Exporter {
  /**
   * One JSON object a line: {@code {"envelopeId":"…","report":{…}}}, the report in its schema
   * (the same JSON the relay sealed).
   */
  JSONL {
    @Override
    void header(Writer out) {}

    @Override
    void write(Writer out, InboxEntry e) throws IOException {
      ObjectNode line = JSON.createObjectNode();
      line.put("envelopeId", e.envelopeId());
      line.set("report", JSON.readTree(ReportCodec.toJson(e.report())));
      out.write(JSON.writeValueAsString(line));
      out.write('\n');
    }
  },
  /**
   * RFC 4180 CSV with a header row; several URLs in one cell separated by spaces. A cell that a
   * spreadsheet would run as a formula (starting with {@code = + - @}, tab or CR) is prefixed with
   * {@code '}.
   */
  CSV {
    @Override
    void header(Writer out) throws IOException {
      row(out, COLUMNS);
    }

    @Override
    void write(Writer out, InboxEntry e) throws IOException {
      Report r = e.report();
      Contact c = r.contact();
      row(out, List.of(e.envelopeId(), r.id(), r.receivedHour(), r.portal(), r.language(),
          r.contentKind().wireValue(), String.join(" ", r.urls()), r.inApp() == null ? "" : r.inApp().app(),
          r.inApp() == null ? "" : r.inApp().identifier(), r.location(), r.howFound(), r.details(),
          c == null ? "" : c.name(), c == null ? "" : c.email(), c == null ? "" : c.phone()));
    }
  };

  static final List<String> COLUMNS = List.of("envelope_id", "report_id", "received_hour", "portal",
      "language", "content_kind", "urls", "app", "app_identifier", "location", "how_found", "details", "contact_name",
      "contact_email", "contact_phone");
  private static final ObjectMapper JSON = new ObjectMapper();

  abstract void header(Writer out) throws IOException;

  abstract void write(Writer out, InboxEntry e) throws IOException;

  /** The {@code --format} value. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  private static void row(Writer out, List<String> cells) throws IOException {
    for (int i = 0; i < cells.size(); i++) {
      if (i > 0) {
        out.write(',');
      }
      out.write(cell(cells.get(i)));
    }
    out.write("\r\n");
  }

  /** One RFC 4180 CSV cell, with a cell a spreadsheet would run as a formula prefixed by {@code '}. */
  public static String cell(String value) {
    String v = value;
    if (!v.isEmpty() && "=+-@\t\r".indexOf(v.charAt(0)) >= 0) {
      v = "'" + v;
    }
    if (v.contains(",") || v.contains("\"") || v.contains("\n") || v.contains("\r")) {
      return "\"" + v.replace("\"", "\"\"") + "\"";
    }
    return v;
  }
}
