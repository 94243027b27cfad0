// SPDX-License-Identifier: Apache-2.0
package org.hotlinerelay.hotline.workstation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.hotlinerelay.hotline.inbox.Inbox;
import org.hotlinerelay.protocol.report.ContentKind;
import org.hotlinerelay.protocol.report.Ids;
import org.hotlinerelay.protocol.report.Report;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CaseExportTest {
  private static final Workstation.Progress NONE = (done, total) -> { };
  @TempDir Path temp;

  @Test
  void export_oneRecordPerAddress_mode0600_noOverwrite_audited() throws Exception {
    WorkstationFixture fx = new WorkstationFixture(temp);
    String id = fx.add(new Report(Ids.random(), "2026-11-28T16:00Z", "north", "de",
        List.of("https://Shop.example/a?utm_source=x", "https://other.example/b"), ContentKind.IMAGES, "", "", "", null, null));
    Path csv = temp.resolve("out.csv");
    Path jsonl = temp.resolve("out.jsonl");
    try (Inbox inbox = fx.inbox()) {
      Workstation w = fx.unlock(inbox);
      w.setState(List.of(id), TriageState.ACTIONED, "");
      w.addNote(id, "passed to police, case 7");
      assertEquals(2, w.export(w.query(Query.ALL), CaseExport.CSV, csv, NONE).records());
      w.export(w.query(Query.ALL), CaseExport.JSONL, jsonl, NONE);
      assertThrows(FileAlreadyExistsException.class, () -> w.export(w.query(Query.ALL), CaseExport.CSV, csv, NONE));
    }
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(csv)));
    List<String> lines = Files.readAllLines(csv);
    assertEquals(String.join(",", CaseExport.COLUMNS), lines.get(0));
    assertTrue(lines.get(1).startsWith("https://Shop.example/a?utm_source=x,https://shop.example/a,shop.example,,,images,"
        + "2026-11-28T16:00Z,north,de,actioned,,alice," ), lines.get(1));
    JsonNode first = new ObjectMapper().readTree(Files.readAllLines(jsonl).get(0));
    assertEquals("passed to police, case 7", first.path("notes").path(0).path("text").asText());
    assertEquals(id, first.path("envelope_id").asText());
    List<String> audit = Files.readAllLines(fx.stateDir.resolve(AuditLog.FILE));
    assertTrue(audit.stream().anyMatch(l -> l.contains("\texport\t" + id + "\t")));
  }

  @Test
  void export_reportsProgressAfterEveryReport_notEveryRecord() throws Exception {
    WorkstationFixture fx = new WorkstationFixture(temp);
    fx.add(new Report(Ids.random(), "2026-11-28T16:00Z", "north", "de",
        List.of("https://a.example/1", "https://a.example/2", "https://a.example/3"), ContentKind.IMAGES, "", "", "", null, null));
    for (int i = 0; i < 3; i++) {
      fx.add(WorkstationFixture.report("https://b.example/" + i, "2026-11-2" + i + "T10:00Z", "south"));
    }
    List<String> seen = new ArrayList<>();
    try (Inbox inbox = fx.inbox()) {
      Workstation w = fx.unlock(inbox);
      CaseExport.Summary summary = w.export(w.query(Query.ALL), CaseExport.CSV, temp.resolve("out.csv"),
          (done, total) -> seen.add(done + "/" + total));
      assertEquals(6, summary.records());
    }
    assertEquals(List.of("0/4", "1/4", "2/4", "3/4", "4/4"), seen);
  }

  @Test
  void export_whileWriting_theAnalystKeepsWorking() throws Exception {
    WorkstationFixture fx = new WorkstationFixture(temp);
    String first = fx.add(WorkstationFixture.report("https://a.example/1", "2026-11-20T10:00Z", "south"));
    fx.add(WorkstationFixture.report("https://a.example/2", "2026-11-21T10:00Z", "south"));
    try (Inbox inbox = fx.inbox()) {
      Workstation w = fx.unlock(inbox);
      CountDownLatch halfway = new CountDownLatch(1);
      CountDownLatch resume = new CountDownLatch(1);
      ExecutorService thread = Executors.newSingleThreadExecutor();
      try {
        Future<CaseExport.Summary> export = thread.submit(() -> w.export(w.query(Query.ALL), CaseExport.CSV, temp.resolve("out.csv"),
            (done, total) -> {
              if (done == 1) {
                halfway.countDown();
                awaitUninterruptibly(resume);
              }
            }));
        halfway.await();
        // The export is stopped half-way: the analyst can still search and triage (a deadlock guard, not a speed limit).
        CompletableFuture.runAsync(() -> {
          try {
            assertEquals(2, w.query(Query.ALL).size());
            w.setState(List.of(first), TriageState.ACTIONED, "");
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
        }).get(60, TimeUnit.SECONDS);
        resume.countDown();
        assertEquals(2, export.get().reports());
      } finally {
        resume.countDown();
        thread.shutdownNow();
      }
    }
  }

  private static void awaitUninterruptibly(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Test
  void export_reportSeenInAnApp_carriesAppAndIdentifier_oneRecordWhenItHasNoAddress() throws Exception {
    WorkstationFixture fx = new WorkstationFixture(temp);
    String appOnly = fx.add(WorkstationFixture.inApp("Telegram", "@chan, \"quoted\"", "2026-11-28T16:00Z"));
    String mixed = fx.add(WorkstationFixture.inApp("=Game chat", "player 7", "2026-11-28T15:00Z",
        "https://a.example/1", "https://b.example/2"));
    Path csv = temp.resolve("out.csv");
    Path jsonl = temp.resolve("out.jsonl");
    try (Inbox inbox = fx.inbox()) {
      Workstation w = fx.unlock(inbox);
      assertEquals(3, w.export(w.query(Query.ALL), CaseExport.CSV, csv, NONE).records(), "one for the app-only report, two for the mixed one");
      w.export(w.query(Query.ALL), CaseExport.JSONL, jsonl, NONE);
    }
    List<String> lines = Files.readAllLines(csv);
    assertEquals(4, lines.size());
    assertTrue(lines.get(1).startsWith(",,,Telegram,\"'@chan, \"\"quoted\"\"\",images,2026-11-28T16:00Z,"), lines.get(1));
    assertTrue(lines.get(1).contains("," + appOnly + ","), lines.get(1));
    assertTrue(lines.get(2).startsWith("https://a.example/1,https://a.example/1,a.example,'=Game chat,player 7,images,"), lines.get(2));
    assertTrue(lines.get(3).startsWith("https://b.example/2,https://b.example/2,b.example,'=Game chat,player 7,images,"), lines.get(3));
    List<JsonNode> json = new ArrayList<>();
    for (String line : Files.readAllLines(jsonl)) {
      json.add(new ObjectMapper().readTree(line));
    }
    assertEquals(3, json.size());
    assertEquals("", json.get(0).path("url").asText());
    assertEquals("Telegram", json.get(0).path("app").asText());
    assertEquals("@chan, \"quoted\"", json.get(0).path("app_identifier").asText());
    assertEquals(mixed, json.get(2).path("envelope_id").asText());
    assertEquals("=Game chat", json.get(2).path("app").asText(), "JSON values exactly as typed");
    assertEquals("https://b.example/2", json.get(2).path("url").asText());
  }
}
