// SPDX-License-Identifier: Apache-2.0
package org.hotlinerelay.hotline.inbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.hotlinerelay.protocol.report.Ids;
import org.hotlinerelay.protocol.report.Report;
import org.hotlinerelay.protocol.report.ReportCodec;
import org.hotlinerelay.protocol.testing.TestReports;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExportTest {
  @TempDir Path temp;
  InboxFixture fx;
  Map<String, Report> added = new HashMap<>();

  @BeforeEach
  void setUp() throws Exception {
    fx = new InboxFixture(temp);
    for (Report r : List.of(TestReports.typical(), TestReports.minimal(), TestReports.maximal())) {
      added.put(fx.add(r), r);
    }
    Files.writeString(fx.dir.resolve(Ids.random()), "damaged");
  }

  @Test
  void jsonl_everyReportExactlyAsSealed_file0600() throws Exception {
    Path out = temp.resolve("export.jsonl");
    List<Skipped> skipped = new ArrayList<>();
    Export.Summary summary;
    try (Inbox inbox = fx.open()) {
      summary = Export.run(inbox, Exporter.JSONL, out, skipped::add, Export.ProgressListener.NONE);
    }
    assertEquals(3, summary.exported());
    assertEquals(1, summary.skipped());
    assertEquals(1, skipped.size());
    assertEquals("Exported 3 reports (1 skipped) to " + out, summary.line());
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(out)));
    ObjectMapper json = new ObjectMapper();
    List<String> lines = Files.readAllLines(out, StandardCharsets.UTF_8);
    assertEquals(3, lines.size());
    for (String line : lines) {
      JsonNode node = json.readTree(line);
      Report expected = added.get(node.get("envelopeId").asText());
      assertEquals(expected, ReportCodec.fromJson(json.writeValueAsBytes(node.get("report"))));
      assertEquals(json.readTree(ReportCodec.toJson(expected)), node.get("report"));
    }
  }

  @Test
  void csv_headerAndOneRowPerReport() throws Exception {
    Path out = temp.resolve("export.csv");
    try (Inbox inbox = fx.open()) {
      Export.run(inbox, Exporter.CSV, out, s -> { }, Export.ProgressListener.NONE);
    }
    String text = Files.readString(out, StandardCharsets.UTF_8);
    assertTrue(text.startsWith(String.join(",", Exporter.COLUMNS) + "\r\n"), text);
    Report typical = added.values().stream().filter(r -> r.hasContact() && r.language().equals("fr")).findFirst().orElseThrow();
    assertTrue(text.contains(",2026-11-28T16:00Z,default,fr,both,https://example.com/gallery?id=42 "
        + "http://exampleabcdefghijklmnop.onion/x,,,Third image in the second row,A link in a forum post,"
        + "The page also links to other galleries.,A. Reporter,reporter@example.org,'+44 20 0000 0000\r\n"), text);
    assertTrue(text.contains(typical.id()));
  }

  @Test
  void export_neverOverwrites() throws Exception {
    Path out = temp.resolve("exists.jsonl");
    Files.writeString(out, "keep me");
    try (Inbox inbox = fx.open()) {
      assertThrows(FileAlreadyExistsException.class,
          () -> Export.run(inbox, Exporter.JSONL, out, s -> { }, Export.ProgressListener.NONE));
    }
    assertEquals("keep me", Files.readString(out));
  }
}
