// SPDX-License-Identifier: Apache-2.0
package org.hotlinerelay.relay.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.hotlinerelay.protocol.report.Limits;
import org.hotlinerelay.protocol.store.Quota;
import org.hotlinerelay.relay.testing.Forms;
import org.hotlinerelay.relay.testing.RawHttp;
import org.hotlinerelay.relay.testing.RawHttp.Response;
import org.hotlinerelay.relay.testing.RelayFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every response of both listeners carries the security headers; none sets a cookie. */
class SecurityHeadersTest {
  static final String CSP = "default-src 'none'; style-src 'self'; form-action 'self'; "
      + "base-uri 'none'; frame-ancestors 'none'";

  @TempDir Path dir;

  private static Map<String, byte[]> reportingRequests() {
    Map<String, byte[]> requests = new LinkedHashMap<>();
    requests.put("form root", RawHttp.get("/", "Cookie: a=b"));
    requests.put("form en", RawHttp.get("/en/"));
    requests.put("lang redirect", RawHttp.get("/en"));
    requests.put("thanks", RawHttp.get("/en/thanks"));
    requests.put("stylesheet", RawHttp.get("/assets/site.css"));
    requests.put("head", RawHttp.request("HEAD", "/", null, new byte[0]));
    requests.put("404", RawHttp.get("/nothing/here"));
    requests.put("405", RawHttp.get("/report"));
    requests.put("415", RawHttp.post("/report", "multipart/form-data; boundary=x", "--x--"));
    requests.put("413", RawHttp.post("/report", Forms.URLENCODED, "details=" + "a".repeat(Limits.MAX_FORM_BYTES)));
    requests.put("400", RawHttp.post("/report", Forms.URLENCODED, "details=%ZZ"));
    requests.put("422", RawHttp.post("/report", Forms.URLENCODED, "portal=default&lang=en"));
    requests.put("303", RawHttp.post("/report", Forms.URLENCODED, Forms.valid()));
    requests.put("503 (quota of 1 reached)", RawHttp.post("/report", Forms.URLENCODED, Forms.valid()));
    return requests;
  }

  @Test
  void everyRoute_carriesSecurityHeadersAndNoCookie() throws Exception {
    try (RelayFixture relay = RelayFixture.start(dir, b -> b.quota(new Quota(1, 1_000_000)))) {
      for (Map.Entry<String, byte[]> e : reportingRequests().entrySet()) {
        Response r = RawHttp.send(relay.port(), e.getValue());
        assertSecure(e.getKey() + " (" + r.status() + ")", r, !e.getKey().equals("stylesheet"));
      }
      for (String path : List.of("/healthz", "/metrics", "/nope")) {
        assertSecure("admin " + path, RawHttp.send(relay.server.adminPort(), RawHttp.get(path)), true);
      }
      assertSecure("admin 405", RawHttp.send(relay.server.adminPort(),
          RawHttp.post("/metrics", Forms.URLENCODED, "a=b")), true);
    }
  }

  @Test
  void statuses_areTheFixedOnes() throws Exception {
    try (RelayFixture relay = RelayFixture.start(dir, b -> b.quota(new Quota(1, 1_000_000)))) {
      Map<String, byte[]> requests = reportingRequests();
      List<Integer> expected = List.of(200, 200, 303, 200, 200, 200, 404, 405, 415, 413, 400, 422, 303, 503);
      int i = 0;
      for (Map.Entry<String, byte[]> e : requests.entrySet()) {
        assertEquals(expected.get(i++), RawHttp.send(relay.port(), e.getValue()).status(), e.getKey());
      }
      assertEquals("en/", RawHttp.send(relay.port(), RawHttp.get("/en")).header("Location"));
    }
  }

  @Test
  void onionLocation_isSentWhenConfigured() throws Exception {
    String onion = "http://abcdefghijklmnopqrstuvwxyz234567abcdefghijklmnopqrstuv.onion";
    try (RelayFixture relay = RelayFixture.start(dir, b -> b.onionLocation(onion)
        .formActionOrigins(List.of("https://relay.example.org")))) {
      Response r = RawHttp.send(relay.port(), RawHttp.get("/en/"));
      assertEquals(onion + "/en/", r.header("Onion-Location"));
      assertTrue(r.header("Content-Security-Policy").contains("form-action 'self' https://relay.example.org;"));
    }
  }

  @Test
  void onionLocation_isNotSentOverTheOnion() throws Exception {
    String onion = "abcdefghijklmnopqrstuvwxyz234567abcdefghijklmnopqrstuv.onion";
    try (RelayFixture relay = RelayFixture.start(dir, b -> b.onionLocation("http://" + onion))) {
      for (String host : List.of(onion, onion + ":80", onion.toUpperCase(Locale.ROOT), onion + ".")) {
        Response r = RawHttp.send(relay.port(), ("GET /en/ HTTP/1.1\r\nHost: " + host
            + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        assertEquals(200, r.status(), host);
        assertNull(r.header("Onion-Location"), "Onion-Location over the onion itself (Host: " + host + ")");
        assertSecure("over the onion (Host: " + host + ")", r, true);
      }
      Response clearnet = RawHttp.send(relay.port(), ("GET /en/ HTTP/1.1\r\nHost: relay.example.org"
          + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      assertEquals("http://" + onion + "/en/", clearnet.header("Onion-Location"));
    }
  }

  @Test
  void onionLocation_isAbsentByDefault() throws Exception {
    try (RelayFixture relay = RelayFixture.start(dir)) {
      assertNull(RawHttp.send(relay.port(), RawHttp.get("/")).header("Onion-Location"));
    }
  }

  static void assertSecure(String what, Response r, boolean dynamic) {
    assertEquals(CSP, r.header("Content-Security-Policy"), what);
    assertEquals("no-referrer", r.header("Referrer-Policy"), what);
    assertEquals("nosniff", r.header("X-Content-Type-Options"), what);
    assertEquals("same-origin", r.header("Cross-Origin-Resource-Policy"), what);
    assertEquals("DENY", r.header("X-Frame-Options"), what);
    assertTrue(r.header("Permissions-Policy").contains("camera=()"), what);
    if (dynamic) {
      assertEquals("no-store", r.header("Cache-Control"), what);
    }
    assertFalse(r.headerNames().contains("server"), what + ": Server header");
    assertFalse(r.headerNames().contains("date"), what + ": Date header");
    assertFalse(r.headerNames().contains("set-cookie"), what + ": Set-Cookie");
    assertFalse(r.headerNames().contains("x-powered-by"), what);
  }
}
