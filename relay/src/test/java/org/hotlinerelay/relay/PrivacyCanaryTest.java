// SPDX-License-Identifier: Apache-2.0
package org.hotlinerelay.relay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.hotlinerelay.protocol.report.Report;
import org.hotlinerelay.protocol.report.ReportCodec;
import org.hotlinerelay.relay.testing.Forms;
import org.hotlinerelay.protocol.envelope.Envelope;
import org.hotlinerelay.protocol.testing.TestOpener;
import org.hotlinerelay.relay.testing.RawHttp;
import org.hotlinerelay.relay.testing.TestIntake;
import org.hotlinerelay.relay.testing.RawHttp.Response;
import org.hotlinerelay.relay.testing.RelayFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Invariant 1 and 2: a report carries exactly what the reporter typed in allow-listed fields and
 * nothing from headers or the connection; logs and the spool carry none of it in the clear.
 */
class PrivacyCanaryTest {
  private static final String SOURCE = "127.0.0.2";
  private static final String PORTAL = "canary-portal-5h2k";
  private static final Map<String, String> FIELD_CANARIES = Map.of(
      "url", "https://canary-url-q8w3.example/page",
      "location", "canary-location-r4t6",
      "how_found", "canary-howfound-y7u1",
      "details", "canary-details-i9o2",
      "contact_name", "canary-name-p3a5",
      "contact_email", "canary-email-s6d8@example.org",
      "contact_phone", "+44 7700 913579",
      "portal", PORTAL);
  private static final List<String> HEADER_CANARIES = List.of("canary-agent-f1g4", "canary-referer-h7j2",
      "canary-cookie-k5l8", "198.51.100.173", "canary-forwarded-z3x6", "canary-language-c9v4", "canary-query-b2n7");

  @TempDir Path dir;
  private final List<LogRecord> records = Collections.synchronizedList(new ArrayList<>());
  private final Handler capture = new Handler() {
    @Override
    public void publish(LogRecord record) {
      records.add(record);
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
  };
  private Level rootLevel;

  @BeforeEach
  void captureAllLogs() {
    Logger root = Logger.getLogger("");
    rootLevel = root.getLevel();
    root.setLevel(Level.ALL);
    capture.setLevel(Level.ALL);
    root.addHandler(capture);
  }

  @AfterEach
  void stopCapture() {
    Logger root = Logger.getLogger("");
    root.removeHandler(capture);
    root.setLevel(rootLevel);
  }

  private static byte[] canaryRequest() {
    List<Map.Entry<String, String>> pairs = new ArrayList<>(FIELD_CANARIES.entrySet());
    pairs.add(Map.entry("kind", "videos"));
    pairs.add(Map.entry("lang", "en"));
    pairs.add(Map.entry("contact_opt_in", "yes"));
    pairs.add(Map.entry("x-unknown-field", "canary-unknown-m1q5"));
    return RawHttp.post("/report?q=canary-query-b2n7", Forms.URLENCODED, Forms.encode(pairs),
        "User-Agent: canary-agent-f1g4", "Referer: https://canary-referer-h7j2.example/",
        "Cookie: session=canary-cookie-k5l8", "X-Forwarded-For: 198.51.100.173",
        "Forwarded: for=canary-forwarded-z3x6", "Accept-Language: canary-language-c9v4");
  }

  private static List<String> forbidden() {
    List<String> forbidden = new ArrayList<>(FIELD_CANARIES.values());
    forbidden.addAll(HEADER_CANARIES);
    forbidden.add("canary-unknown-m1q5");
    forbidden.add(SOURCE);
    return forbidden;
  }

  @Test
  void forwardedRequest_carriesNoCanaryOutsideTheCiphertext() throws Exception {
    try (TestIntake intake = TestIntake.start(TestIntake.STORE_ALL);
        RelayFixture relay = RelayFixture.start(dir, b -> b.allowedPortals(Set.of("default", PORTAL))
            .hotlineUrl(intake.url()))) {
      assertEquals(303, RawHttp.send(SOURCE, relay.port(), canaryRequest()).status());
      TestIntake.Request request = null;
      for (int i = 0; i < 200 && (request == null || !relay.outbox().isEmpty()); i++) {
        TestIntake.Request next = intake.takeRequest(Duration.ofMillis(50));
        if (next != null && next.envelopes().stream().anyMatch(e -> !e.cover())) {
          request = next;
        }
      }
      assertTrue(request != null, "the report was forwarded");
      assertTrue(relay.outbox().isEmpty(), "spool drained after the 2xx");
      String raw = request.head() + "\n" + new String(request.body(), java.nio.charset.StandardCharsets.ISO_8859_1);
      for (String canary : forbidden()) {
        assertFalse(raw.contains(canary), "forwarded request contains " + canary);
        assertFalse(allLogText().contains(canary), "log output contains " + canary);
      }
      List<Envelope> reports = request.envelopes().stream().filter(e -> !e.cover()).toList();
      assertEquals(1, reports.size());
      Envelope envelope = reports.get(0);
      Report report = TestOpener.open(relay.hotlinePrivate, envelope.sealed());
      assertEquals(FIELD_CANARIES.get("details"), report.details());
      String metrics = RawHttp.send(relay.server.adminPort(), RawHttp.get("/metrics")).text();
      assertTrue(metrics.contains("hotline_relay_forward_successes_total 1\n"), metrics);
    }
  }

  @Test
  void report_holdsFieldCanariesOnly_andNothingLeaksToLogsOrSpool() throws Exception {
    try (RelayFixture relay = RelayFixture.start(dir, b -> b.allowedPortals(Set.of("default", PORTAL)))) {
      Response r = RawHttp.send(SOURCE, relay.port(), canaryRequest());
      assertEquals(303, r.status());
      List<String> forbidden = forbidden();

      String logs = allLogText();
      assertFalse(records.isEmpty(), "the capture saw the relay's own start-up lines");
      for (String canary : forbidden) {
        assertFalse(logs.contains(canary), "log output contains " + canary);
      }

      List<Path> files = relay.spoolFiles();
      assertEquals(1, relay.outbox().size());
      for (Path file : files) {
        String name = relay.spoolDir.relativize(file).toString();
        String bytes = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
        assertEquals(0, Files.getLastModifiedTime(file).toMillis(), "spool file mtime is not fixed");
        for (String canary : forbidden) {
          assertFalse(name.contains(canary), "spool file name contains " + canary);
          assertFalse(bytes.contains(canary), "spool bytes contain " + canary);
        }
      }

      Report report = relay.openAll().get(0);
      assertEquals(List.of(FIELD_CANARIES.get("url")), report.urls());
      assertEquals(FIELD_CANARIES.get("location"), report.location());
      assertEquals(FIELD_CANARIES.get("how_found"), report.howFound());
      assertEquals(FIELD_CANARIES.get("details"), report.details());
      assertEquals(FIELD_CANARIES.get("contact_name"), report.contact().name());
      assertEquals(FIELD_CANARIES.get("contact_email"), report.contact().email());
      assertEquals(FIELD_CANARIES.get("contact_phone"), report.contact().phone());
      assertEquals(PORTAL, report.portal());
      String json = new String(ReportCodec.toJson(report), StandardCharsets.UTF_8);
      for (String canary : FIELD_CANARIES.values()) {
        assertTrue(json.contains(canary), "report lacks " + canary);
      }
      for (String canary : HEADER_CANARIES) {
        assertFalse(json.contains(canary), "report contains header canary " + canary);
      }
      assertFalse(json.contains(SOURCE), "report contains the source address");
      assertFalse(json.contains("canary-unknown-m1q5"), "report contains an unknown field");
      assertTrue(report.receivedHour().matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:00Z"));
    }
  }

  private String allLogText() {
    StringBuilder out = new StringBuilder();
    synchronized (records) {
      for (LogRecord record : records) {
        out.append(record.getLoggerName()).append(' ').append(record.getMessage()).append('\n');
        if (record.getParameters() != null) {
          for (Object p : record.getParameters()) {
            out.append(p).append('\n');
          }
        }
        if (record.getThrown() != null) {
          StringWriter trace = new StringWriter();
          record.getThrown().printStackTrace(new PrintWriter(trace));
          out.append(trace).append('\n');
        }
      }
    }
    return out.toString();
  }
}
