// SPDX-License-Identifier: Apache-2.0
package org.hotlinerelay.hotline.workstation;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.hotlinerelay.hotline.inbox.Exporter;

/**
 * Case records for the hotline's case system, one per reported address (ICCAM and INHOPE records
 * are URL-centred): the address as typed and normalised, its host, the app and the account, group
 * or post the report names, the kind of content, the received hour (the relay's time window),
 * portal, language, triage state, the report it duplicates, the analyst and the notes. Free text
 * and contact details are not exported here ({@code inbox export} has them). The mapping to an
 * ICCAM-style record is in docs (operators' guide, "Export for the case system").
 *
 * <p>Where in an app ({@code app}, {@code app_identifier}, exactly as typed) belongs to the whole
 * report: every record of a report carries it, empty when the report does not say. A report
 * without any address (seen only in an app) gives one record whose {@code url},
 * {@code url_normalised} and {@code host} are empty, so no report in the selection is left out
 * ({@code CaseExportTest}).
 *
 * <p>The file is plaintext — the analyst's explicit act: created new with mode 0600, never
 * overwriting anything, fsynced, and deleted if writing fails ({@code CaseExportTest}). Progress
 * is reported after every report, so a long export can be watched ({@code inbox serve}'s status
 * page).
 */
public enum CaseExport {
  /** RFC 4180 CSV with a header row; notes joined by newlines, each {@code analyst at: text}. */
  CSV {
    @Override
    void header(Writer out) throws IOException {
      row(out, COLUMNS);
    }

    @Override
    void write(Writer out, Item item, int url) throws IOException {
      List<String> notes = new ArrayList<>();
      for (Triage.Note n : item.triage().notes()) {
        notes.add(n.analyst() + " " + n.at() + ": " + n.text());
      }
      row(out, values(item, url), String.join("\n", notes));
    }
  },
  /** One JSON object a line, the same fields as the CSV columns; notes as an array of objects. */
  JSONL {
    @Override
    void header(Writer out) {}

    @Override
    void write(Writer out, Item item, int url) throws IOException {
      ObjectNode line = JSON.createObjectNode();
      List<String> values = values(item, url);
      for (int i = 0; i < COLUMNS.size() - 1; i++) {
        line.put(COLUMNS.get(i), values.get(i));
      }
      ArrayNode notes = line.putArray("notes");
      for (Triage.Note n : item.triage().notes()) {
        notes.addObject().put("analyst", n.analyst()).put("at", n.at()).put("text", n.text());
      }
      out.write(JSON.writeValueAsString(line));
      out.write('\n');
    }
  };

  /** The fields, in order; the ICCAM-style mapping is documented with them. */
  public static final List<String> COLUMNS = List.of("url", "url_normalised", "host", "app", "app_identifier", "content_kind",
      "received_hour", "portal", "language", "state", "duplicate_of", "analyst", "report_id", "envelope_id", "notes");
  private static final ObjectMapper JSON = new ObjectMapper();

  /** What an export wrote. */
  public record Summary(int reports, int records, Path file) {}

  abstract void header(Writer out) throws IOException;

  abstract void write(Writer out, Item item, int url) throws IOException;

  /** The {@code format} value. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Writes {@code items} to the new {@code file}, telling {@code progress} (reports done, reports) after each report. */
  Summary write(List<Item> items, Path file, Workstation.Progress progress) throws IOException {
    FileChannel channel = FileChannel.open(file, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    boolean complete = false;
    int records = 0;
    try (Writer out = new BufferedWriter(new OutputStreamWriter(Channels.newOutputStream(channel), StandardCharsets.UTF_8))) {
      header(out);
      progress.update(0, items.size());
      int done = 0;
      for (Item item : items) {
        // A report without addresses is one record, its address columns empty (url -1).
        for (int url = item.entry().urls().isEmpty() ? -1 : 0; url < item.entry().urls().size(); url++) {
          write(out, item, url);
          records++;
        }
        progress.update(++done, items.size());
      }
      out.flush();
      channel.force(true);
      complete = true;
    } finally {
      if (!complete) {
        Files.deleteIfExists(file);
      }
    }
    return new Summary(items.size(), records, file);
  }

  /** The values of the record for address number {@code url}, or for no address when it is -1. */
  static List<String> values(Item item, int url) {
    IndexEntry e = item.entry();
    Triage t = item.triage();
    boolean none = url < 0;
    return List.of(none ? "" : e.urls().get(url), none ? "" : e.keys().get(url).url(), none ? "" : e.keys().get(url).host(),
        e.inApp() == null ? "" : e.inApp().app(), e.inApp() == null ? "" : e.inApp().identifier(), e.contentKind().wireValue(),
        e.receivedHour(), e.portal(), e.language(), t.state().value(), t.duplicateOf(), t.analyst(), e.reportId(),
        e.envelopeId());
  }

  private static void row(Writer out, List<String> cells, String... more) throws IOException {
    List<String> all = new ArrayList<>(cells);
    all.addAll(List.of(more));
    for (int i = 0; i < all.size(); i++) {
      if (i > 0) {
        out.write(',');
      }
      out.write(Exporter.cell(all.get(i)));
    }
    out.write("\r\n");
  }
}
