// SPDX-License-Identifier: Apache-2.0
package org.hotlinerelay.relay.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.hotlinerelay.relay.testing.Forms;
import org.hotlinerelay.relay.testing.RawHttp;
import org.hotlinerelay.relay.testing.RawHttp.Response;
import org.hotlinerelay.relay.testing.RelayFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AdminHandlerTest {
  @TempDir Path dir;

  @Test
  void healthz_answersOk() throws Exception {
    try (RelayFixture relay = RelayFixture.start(dir)) {
      Response r = RawHttp.send(relay.server.adminPort(), RawHttp.get("/healthz"));
      assertEquals(200, r.status());
      assertEquals("ok\n", r.text());
    }
  }

  /** Two reports and a filled honeypot: the trap spools a cover like a report, so the depth is 3. */
  @Test
  void metrics_countWhatHappened() throws Exception {
    try (RelayFixture relay = RelayFixture.start(dir)) {
      int port = relay.port();
      RawHttp.send(port, RawHttp.post("/report", Forms.URLENCODED, Forms.valid()));
      RawHttp.send(port, RawHttp.post("/report", Forms.URLENCODED, Forms.valid()));
      RawHttp.send(port, RawHttp.post("/report", Forms.URLENCODED, "portal=default"));
      RawHttp.send(port, RawHttp.post("/report", "multipart/form-data; boundary=x", "--x--"));
      RawHttp.send(port, RawHttp.post("/report", Forms.URLENCODED, Forms.valid() + "&website=x"));
      Response r = RawHttp.send(relay.server.adminPort(), RawHttp.get("/metrics"));
      assertEquals(200, r.status());
      assertTrue(r.header("Content-Type").startsWith("text/plain; version=0.0.4"));
      String text = r.text();
      for (String line : new String[] {
          "hotline_relay_reports_accepted_total 2",
          "hotline_relay_reports_rejected_total{reason=\"invalid\"} 1",
          "hotline_relay_reports_rejected_total{reason=\"unsupported_media_type\"} 1",
          "hotline_relay_reports_rejected_total{reason=\"spool_full\"} 0",
          "hotline_relay_honeypot_drops_total 1",
          "hotline_relay_spool_depth 3",
          "hotline_relay_forward_failures_total 0",
          "hotline_relay_forward_successes_total 0",
          "hotline_relay_forward_quarantined_total 0"}) {
        assertTrue(text.contains(line + "\n"), "metrics lack " + line + ":\n" + text);
      }
      assertTrue(text.contains("hotline_relay_spool_oldest_age_seconds "));
    }
  }

  @Test
  void adminListener_doesNotServeTheForm() throws Exception {
    try (RelayFixture relay = RelayFixture.start(dir)) {
      assertEquals(404, RawHttp.send(relay.server.adminPort(), RawHttp.get("/")).status());
      assertEquals(404, RawHttp.send(relay.port(), RawHttp.get("/metrics")).status());
    }
  }
}
