// SPDX-License-Identifier: Apache-2.0
package org.hotlinerelay.relay.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.hotlinerelay.protocol.report.Limits;
import org.hotlinerelay.relay.testing.Forms;
import org.hotlinerelay.relay.testing.RawHttp;
import org.hotlinerelay.relay.testing.RawHttp.Response;
import org.hotlinerelay.relay.testing.RelayFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bodies the relay will not take are answered by the relay's own body reading, before any
 * library limit is reached: a fixed page, and no log line or stack trace an attacker could make
 * the server write once per request.
 */
class OversizeBodyTest {
  @TempDir Path dir;
  private RelayFixture relay;
  private final List<LogRecord> records = new ArrayList<>();
  private final Handler capture = new Handler() {
    @Override
    public synchronized void publish(LogRecord record) {
      records.add(record);
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
  };
  private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();
  private PrintStream originalErr;

  @BeforeEach
  void start() throws Exception {
    relay = RelayFixture.start(dir);
    Logger.getLogger("").addHandler(capture);
    originalErr = System.err;
    System.setErr(new PrintStream(stderr, true, StandardCharsets.UTF_8));
  }

  @AfterEach
  void stop() {
    System.setErr(originalErr);
    Logger.getLogger("").removeHandler(capture);
    relay.close();
  }

  private synchronized int output() {
    return records.size() + stderr.size();
  }

  @Test
  void post_contentLengthBeyondAnyNumber_answers400_logsNothingSevere() throws IOException {
    byte[] request = ("POST /report HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
        + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 18446744073709551616\r\n\r\n"
        + Forms.valid()).getBytes(StandardCharsets.US_ASCII);
    Response r = RawHttp.send(relay.port(), request);
    assertEquals(400, r.status());
    assertTrue(r.text().contains("<html"), r.text());
    synchronized (this) {
      assertTrue(records.stream().noneMatch(x -> x.getLevel().intValue() >= Level.WARNING.intValue()),
          () -> records.get(0).getMessage());
    }
    assertEquals(0, relay.server.metrics().acceptedCount());
  }

  @Test
  void post_oversizeChunked_answers413Page_andWritesNothingPerRequest() throws IOException {
    byte[] request = chunked(Limits.MAX_FORM_BYTES + 16 * 1024);
    assertEquals(413, send(request).status());
    int before = output();
    for (int i = 0; i < 25; i++) {
      Response r = send(request);
      assertEquals(413, r.status());
      assertTrue(r.text().contains("<html"));
    }
    assertEquals(before, output(), () -> "log/stderr grew: " + stderr.toString(StandardCharsets.UTF_8));
    assertTrue(relay.outbox().isEmpty());
    assertEquals(200, RawHttp.send(relay.port(), RawHttp.get("/")).status());
  }

  @Test
  void post_chunkedBeyondTheDrainLimit_isCutOff_writesNothing() throws IOException {
    byte[] request = chunked((int) ReportHandler.DRAIN_BYTES + 256 * 1024);
    int before = output();
    for (int i = 0; i < 5; i++) {
      try {
        Response r = send(request);
        assertTrue(r.status() == 413, "status " + r.status());
      } catch (IOException cutOff) {
        // Cut off without an answer is allowed beyond the drain limit.
      }
    }
    assertEquals(before, output(), () -> "log/stderr grew: " + stderr.toString(StandardCharsets.UTF_8));
    assertEquals(200, RawHttp.send(relay.port(), RawHttp.get("/")).status());
  }

  private Response send(byte[] request) throws IOException {
    return RawHttp.send(relay.port(), request);
  }

  private static byte[] chunked(int size) {
    StringBuilder req = new StringBuilder("POST /report HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
        + "Content-Type: application/x-www-form-urlencoded\r\nTransfer-Encoding: chunked\r\n\r\n");
    String chunk = "a".repeat(8192);
    for (int sent = 0; sent < size; sent += chunk.length()) {
      req.append(Integer.toHexString(chunk.length())).append("\r\n").append(chunk).append("\r\n");
    }
    req.append("0\r\n\r\n");
    return req.toString().getBytes(StandardCharsets.US_ASCII);
  }
}
