// SPDX-License-Identifier: Apache-2.0
package org.hotlinerelay.relay.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.hotlinerelay.protocol.report.ContentKind;
import org.hotlinerelay.protocol.report.Report;
import org.hotlinerelay.protocol.store.Quota;
import org.hotlinerelay.relay.Metrics.Rejection;
import org.hotlinerelay.relay.testing.Forms;
import org.hotlinerelay.relay.testing.RawHttp;
import org.hotlinerelay.relay.testing.RawHttp.Response;
import org.hotlinerelay.relay.testing.RelayFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportHandlerTest {
  @TempDir Path dir;

  @Test
  void post_validForm_spoolsSealedReportThenRedirects() throws Exception {
    try (RelayFixture relay = RelayFixture.start(dir)) {
      Response r = RawHttp.send(relay.port(), RawHttp.post("/report", Forms.URLENCODED, Forms.valid()));
      assertEquals(303, r.status());
      assertEquals("en/thanks", r.header("Location"));
      List<Report> reports = relay.openAll();
      assertEquals(1, reports.size());
      Report report = reports.get(0);
      assertEquals(List.of("https://example.com/a"), report.urls());
      assertEquals(ContentKind.IMAGES, report.contentKind());
      assertEquals("default", report.portal());
      assertTrue(report.receivedHour().endsWith(":00Z"));
      assertNull(report.contact());
      assertEquals(1, relay.server.metrics().acceptedCount());
    }
  }

  /** Details at the limit in three-byte characters, the costliest per unit: received (never a 503). */
  @Test
  void post_detailsOfThreeByteCharactersAtTheLimit_isReceived() throws Exception {
    try (RelayFixture relay = RelayFixture.start(dir)) {
      String details = "\u4E00".repeat(org.hotlinerelay.protocol.report.Limits.DETAILS_MAX);
      String body = Forms.valid() + "&" + Forms.encode(List.of(Map.entry("details", details)));
      Response r = RawHttp.send(relay.port(), RawHttp.post("/report", Forms.URLENCODED, body));
      assertEquals(303, r.status());
      assertEquals(details, relay.openAll().get(0).details());
    }
  }

  /**
   * Characters outside the Basic Multilingual Plane count two units each, as the form's
   * {@code maxlength} counts them: details of 750 emoji (the limit) are received; 1,400 emoji are
   * a 422 naming the details field, never the 503 a report too large to seal would get.
   */
  @Test
  void post_detailsOfEmoji_atTheLimitReceived_overItA422NamingTheField_never503() throws Exception {
    try (RelayFixture relay = RelayFixture.start(dir)) {
      String atLimit = "\uD83D\uDE00".repeat(org.hotlinerelay.protocol.report.Limits.DETAILS_MAX / 2);
      Response ok = RawHttp.send(relay.port(), RawHttp.post("/report", Forms.URLENCODED,
          Forms.valid() + "&" + Forms.encode(List.of(Map.entry("details", atLimit)))));
      assertEquals(303, ok.status());
      assertEquals(atLimit, relay.openAll().get(0).details());

      String over = "\uD83D\uDE00".repeat(1_400);
      Response r = RawHttp.send(relay.port(), RawHttp.post("/report", Forms.URLENCODED,
          Forms.valid() + "&" + Forms.encode(List.of(Map.entry("details", over)))));
      assertEquals(422, r.status());
      assertTrue(r.text().contains("href=\"#details\""), r.text());
      assertTrue(r.text().contains(over), "what was typed is kept");
      assertEquals(1, relay.server.metrics().acceptedCount());
      assertEquals(1, relay.server.metrics().rejectedCount(Rejection.INVALID));
    }
  }

  @Test
  void post_contentTypeWithUtf8Charset_isAccepted() throws Exception {
    try (RelayFixture relay = RelayFixture.start(dir)) {
      Response r = RawHttp.send(relay.port(),
          RawHttp.post("/report", "application/x-www-form-urlencoded; charset=UTF-8", Forms.valid()));
      assertEquals(303, r.status());
    }
  }

  @Test
  void post_invalidForm_answers422KeepingValuesEscaped() throws Exception {
    try (RelayFixture relay = RelayFixture.start(dir)) {
      String body = Forms.encode(List.of(Map.entry("portal", "default"), Map.entry("lang", "en"),
          Map.entry("url", "not a url <b>x</b>"), Map.entry("kind", "")));
      Response r = RawHttp.send(relay.port(), RawHttp.post("/report", Forms.URLENCODED, body));
      assertEquals(422, r.status());
      assertTrue(r.text().contains("not a url &lt;b&gt;x&lt;/b&gt;"), r.text());
      assertFalse(r.text().contains("<b>x</b>"));
      assertTrue(relay.outbox().isEmpty());
      assertEquals(1, relay.server.metrics().rejectedCount(Rejection.INVALID));
    }
  }

  @Test
  void post_unknownPortal_answers422AndSpoolsNothing() throws Exception {
    try (RelayFixture relay = RelayFixture.start(dir)) {
      String body = Forms.encode(List.of(Map.entry("portal", "someone-else"), Map.entry("lang", "en"),
          Map.entry("url", "https://example.com/a"), Map.entry("kind", "images")));
      Response r = RawHttp.send(relay.port(), RawHttp.post("/report", Forms.URLENCODED, body));
      assertEquals(422, r.status());
      assertTrue(relay.outbox().isEmpty());
    }
  }

  @Test
  void post_honeypotFilled_looksReceivedButKeepsNothingOfIt() throws Exception {
    try (RelayFixture relay = RelayFixture.start(dir)) {
      String body = Forms.valid() + "&website=http%3A%2F%2Fspam.example";
      Response r = RawHttp.send(relay.port(), RawHttp.post("/report", Forms.URLENCODED, body));
      assertEquals(303, r.status());
      assertEquals("en/thanks", r.header("Location"));
      // Only a cover envelope went into the spool (the intake drops it): nothing the bot sent.
      List<byte[]> spooled = relay.outbox();
      assertEquals(1, spooled.size());
      assertTrue(org.hotlinerelay.protocol.envelope.EnvelopeBinary.decode(spooled.get(0)).cover());
      assertEquals(1, relay.server.metrics().honeypotDropCount());
      assertEquals(0, relay.server.metrics().acceptedCount());
    }
  }

  @Test
  void post_spoolFull_answers503WithRetryAfterAndAcknowledgesNothing() throws Exception {
    try (RelayFixture relay = RelayFixture.start(dir, b -> b.quota(new Quota(1, 1_000_000)))) {
      assertEquals(303, RawHttp.send(relay.port(), RawHttp.post("/report", Forms.URLENCODED, Forms.valid())).status());
      Response r = RawHttp.send(relay.port(), RawHttp.post("/report", Forms.URLENCODED, Forms.valid()));
      assertEquals(503, r.status());
      assertEquals(ReportHandler.RETRY_AFTER_SECONDS, r.header("Retry-After"));
      assertNull(r.header("Location"));
      assertEquals(1, relay.outbox().size());
      assertEquals(1, relay.server.metrics().rejectedCount(Rejection.SPOOL_FULL));
    }
  }

  @Test
  void post_spoolUnwritableAfterStart_answers503() throws Exception {
    try (RelayFixture relay = RelayFixture.start(dir)) {
      Path outbox = relay.spoolDir.resolve("outbox");
      java.nio.file.Files.walk(outbox).sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      Response r = RawHttp.send(relay.port(), RawHttp.post("/report", Forms.URLENCODED, Forms.valid()));
      assertEquals(503, r.status());
      assertEquals(1, relay.server.metrics().rejectedCount(Rejection.STORE_FAILED));
    }
  }
}
