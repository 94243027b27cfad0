// SPDX-License-Identifier: Apache-2.0
package org.hotlinerelay.relay.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.hotlinerelay.protocol.report.Limits;
import org.hotlinerelay.relay.testing.Forms;
import org.hotlinerelay.relay.testing.RawHttp;
import org.hotlinerelay.relay.testing.RawHttp.Response;
import org.hotlinerelay.relay.testing.RelayFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every kind of bad input gets its fixed answer: never a 500, never a stack trace. */
class BadInputTest {
  @TempDir Path dir;
  private RelayFixture relay;

  @BeforeEach
  void start() throws Exception {
    relay = RelayFixture.start(dir);
  }

  @AfterEach
  void stop() {
    relay.close();
  }

  private Response send(byte[] request) throws IOException {
    Response r = RawHttp.send(relay.port(), request);
    assertNotEquals(500, r.status());
    String body = r.text();
    assertFalse(body.contains("Exception") || body.contains("\tat ") || body.contains("at org."), body);
    return r;
  }

  private Response post(String contentType, String body) throws IOException {
    return send(RawHttp.post("/report", contentType, body));
  }

  @Test
  void post_oversizeByContentLength_answers413() throws IOException {
    String big = "details=" + "a".repeat(Limits.MAX_FORM_BYTES + 1);
    Response r = post(Forms.URLENCODED, big);
    assertEquals(413, r.status());
    assertTrue(r.text().contains("<html"));
    assertTrue(relay.outbox().isEmpty());
  }

  /** A chunked body over the limit: the 413 page (or a reset), nothing kept, no 500 (see OversizeBodyTest). */
  @Test
  void post_oversizeChunked_isCutOffAtTheLimit() throws IOException {
    StringBuilder req = new StringBuilder("POST /report HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
        + "Content-Type: application/x-www-form-urlencoded\r\nTransfer-Encoding: chunked\r\n\r\n");
    String chunk = "a".repeat(8192);
    for (int i = 0; i < Limits.MAX_FORM_BYTES / 8192 + 2; i++) {
      req.append(Integer.toHexString(chunk.length())).append("\r\n").append(chunk).append("\r\n");
    }
    req.append("0\r\n\r\n");
    byte[] request = req.toString().getBytes(StandardCharsets.US_ASCII);
    try (Socket socket = RawHttp.open("127.0.0.1", relay.port())) {
      try {
        socket.getOutputStream().write(request);
        byte[] answer = socket.getInputStream().readAllBytes();
        String text = new String(answer, StandardCharsets.ISO_8859_1);
        assertTrue(answer.length == 0 || text.startsWith("HTTP/1.1 413"), text);
      } catch (java.net.SocketException reset) {
        // Cut off: the expected outcome.
      }
    }
    assertTrue(relay.outbox().isEmpty());
    assertEquals(200, send(RawHttp.get("/")).status());
  }

  @Test
  void post_tooManyParameters_answers400Page() throws IOException {
    StringBuilder body = new StringBuilder(Forms.valid());
    for (int i = 0; i < Limits.MAX_FORM_PARAMETERS; i++) {
      body.append("&x").append(i).append("=1");
    }
    Response r = post(Forms.URLENCODED, body.toString());
    assertEquals(400, r.status());
    assertTrue(r.text().contains("<html"));
  }

  @Test
  void post_invalidUtf8_answers400() throws IOException {
    Response r = post(Forms.URLENCODED, Forms.valid() + "&details=%C3%28%FF");
    assertEquals(400, r.status());
  }

  @Test
  void post_badPercentEncoding_answers400() throws IOException {
    assertEquals(400, post(Forms.URLENCODED, Forms.valid() + "&details=%ZZ").status());
    assertEquals(400, post(Forms.URLENCODED, Forms.valid() + "&details=%4").status());
  }

  @Test
  void post_rawInvalidUtf8Bytes_answers400() throws IOException {
    byte[] body = (Forms.valid() + "&details=").getBytes(StandardCharsets.US_ASCII);
    byte[] withBad = java.util.Arrays.copyOf(body, body.length + 2);
    withBad[body.length] = (byte) 0xC3;
    withBad[body.length + 1] = (byte) 0x28;
    Response r = send(RawHttp.request("POST", "/report", Forms.URLENCODED, withBad));
    assertEquals(400, r.status());
  }

  @Test
  void post_multipart_answers415() throws IOException {
    String boundary = "XyZ";
    String body = "--XyZ\r\nContent-Disposition: form-data; name=\"url\"\r\n\r\nhttps://example.com/\r\n"
        + "--XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.jpg\"\r\nContent-Type: image/jpeg\r\n\r\nJPEG\r\n--XyZ--\r\n";
    Response r = post("multipart/form-data; boundary=" + boundary, body);
    assertEquals(415, r.status());
    assertTrue(relay.outbox().isEmpty());
  }

  @Test
  void post_largeImageUpload_gets415Page() throws IOException {
    byte[] image = new byte[600 * 1024];
    new java.util.Random(1).nextBytes(image);
    String head = "--XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.jpg\"\r\n"
        + "Content-Type: image/jpeg\r\n\r\n";
    byte[] body = new byte[head.length() + image.length + 9];
    System.arraycopy(head.getBytes(StandardCharsets.US_ASCII), 0, body, 0, head.length());
    System.arraycopy(image, 0, body, head.length(), image.length);
    System.arraycopy("\r\n--XyZ--".getBytes(StandardCharsets.US_ASCII), 0, body, head.length() + image.length, 9);
    Response r = send(RawHttp.request("POST", "/report", "multipart/form-data; boundary=XyZ", body));
    assertEquals(415, r.status());
    assertTrue(r.text().contains("<html"));
    assertTrue(relay.outbox().isEmpty());
  }

  @Test
  void post_otherContentTypes_answer415() throws IOException {
    assertEquals(415, post("text/plain", Forms.valid()).status());
    assertEquals(415, post("application/json", "{}").status());
    assertEquals(415, post("application/x-www-form-urlencoded; charset=iso-8859-1", Forms.valid()).status());
    assertEquals(415, send(RawHttp.request("POST", "/report", null, Forms.valid().getBytes(StandardCharsets.UTF_8))).status());
  }

  @Test
  void wrongMethod_answers405WithAllow() throws IOException {
    Response get = send(RawHttp.get("/report"));
    assertEquals(405, get.status());
    assertEquals("POST", get.header("Allow"));
    Response put = send(RawHttp.request("PUT", "/report", Forms.URLENCODED, new byte[0]));
    assertEquals(405, put.status());
    Response postPage = post(Forms.URLENCODED, Forms.valid()).status() == 303
        ? send(RawHttp.post("/en/", Forms.URLENCODED, Forms.valid())) : null;
    assertEquals(405, postPage.status());
    assertEquals("GET, HEAD", postPage.header("Allow"));
  }

  @Test
  void unknownPath_answers404Page() throws IOException {
    Response r = send(RawHttp.get("/wp-admin/setup.php"));
    assertEquals(404, r.status());
    assertTrue(r.text().contains("href=\"../assets/site.css\""), r.text());
  }

  @Test
  void post_missingFields_answers422() throws IOException {
    Response r = post(Forms.URLENCODED, "portal=default&lang=en");
    assertEquals(422, r.status());
    Response empty = post(Forms.URLENCODED, "");
    assertEquals(422, empty.status());
  }

  @Test
  void post_overlongFields_answer422() throws IOException {
    String body = Forms.encode(List.of(Map.entry("portal", "default"), Map.entry("lang", "en"),
        Map.entry("url", "https://example.com/" + "a".repeat(Limits.URL_MAX)), Map.entry("kind", "images"),
        Map.entry("details", "d".repeat(Limits.DETAILS_MAX + 1))));
    Response r = post(Forms.URLENCODED, body);
    assertEquals(422, r.status());
    assertTrue(relay.outbox().isEmpty());
  }

  @Test
  void headerFlood_isRefusedWithoutA500() throws IOException {
    String[] many = new String[200];
    for (int i = 0; i < many.length; i++) {
      many[i] = "X-Flood-" + i + ": " + i;
    }
    Response r = send(RawHttp.get("/", many));
    assertTrue(r.status() == 400 || r.status() == 431, "status " + r.status());
    Response huge = send(RawHttp.get("/", "X-Big: " + "b".repeat(64 * 1024)));
    assertTrue(huge.status() == 400 || huge.status() == 431, "status " + huge.status());
    assertEquals(200, send(RawHttp.get("/")).status());
  }

  @Test
  void tooManyQueryParameters_isRefusedWithoutA500() throws IOException {
    StringBuilder query = new StringBuilder("/?a0=0");
    for (int i = 1; i <= Limits.MAX_FORM_PARAMETERS + 5; i++) {
      query.append("&a").append(i).append('=').append(i);
    }
    Response r = send(RawHttp.get(query.toString()));
    assertTrue(r.status() == 200 || r.status() == 400, "status " + r.status());
  }

  @Test
  void slowHeaders_areCutOff() throws Exception {
    try (Socket slow = RawHttp.open("127.0.0.1", relay.port())) {
      slow.getOutputStream().write("GET / HTTP/1.1\r\nHost: x\r\nX-Slow: ".getBytes(StandardCharsets.US_ASCII));
      slow.getOutputStream().flush();
      assertEquals(200, send(RawHttp.get("/")).status());
      byte[] answer;
      try {
        answer = slow.getInputStream().readAllBytes();
      } catch (java.net.SocketException reset) {
        answer = new byte[0];
      }
      String text = new String(answer, StandardCharsets.ISO_8859_1);
      assertTrue(answer.length == 0 || text.startsWith("HTTP/1.1 408") || text.startsWith("HTTP/1.1 400"), text);
    }
  }

  @Test
  void slowBody_isCutOffWhileOthersAreServed() throws Exception {
    try (Socket slow = RawHttp.open("127.0.0.1", relay.port())) {
      OutputStream out = slow.getOutputStream();
      out.write(("POST /report HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\n"
          + "Content-Length: 1000\r\n\r\nurl=").getBytes(StandardCharsets.US_ASCII));
      out.flush();
      long start = System.nanoTime();
      // Others are served while the slow body is pending.
      for (int i = 0; i < 3; i++) {
        assertEquals(303, send(RawHttp.post("/report", Forms.URLENCODED, Forms.valid())).status());
      }
      // The slow one is cut off (body timeout 2 s in the fixture) without an answer it could wait on.
      InputStream in = slow.getInputStream();
      int first;
      try {
        while ((first = in.read()) >= 0) {
          // Drain whatever the server sent before closing.
        }
      } catch (java.net.SocketException reset) {
        first = -1;
      }
      assertEquals(-1, first);
      long seconds = (System.nanoTime() - start) / 1_000_000_000L;
      assertTrue(seconds < 14, "slow client held for " + seconds + " s");
      assertEquals(3, relay.outbox().size());
    }
  }
}
