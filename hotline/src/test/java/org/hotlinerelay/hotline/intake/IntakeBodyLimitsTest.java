// SPDX-License-Identifier: Apache-2.0
package org.hotlinerelay.hotline.intake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.hotlinerelay.protocol.envelope.EnvelopeBatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The intake's body limits are its own: a body it will not take is answered with its JSON error
 * by the handler, and no client can make it write a stack trace or log line per request.
 */
class IntakeBodyLimitsTest {
  @TempDir Path temp;
  private IntakeServer server;
  private final List<LogRecord> records = new CopyOnWriteArrayList<>();
  private final Handler capture = new Handler() {
    @Override public void publish(LogRecord r) { records.add(r); }
    @Override public void flush() {}
    @Override public void close() {}
  };
  private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();
  private PrintStream originalErr;

  @BeforeEach
  void start() throws Exception {
    IntakeFixture fx = new IntakeFixture(temp);
    server = IntakeServer.start(IntakeConfig.loopback(fx.inbox, fx.knownRelays));
    Logger.getLogger("").addHandler(capture);
    originalErr = System.err;
    System.setErr(new PrintStream(stderr, true, StandardCharsets.UTF_8));
  }

  @AfterEach
  void stop() throws Exception {
    System.setErr(originalErr);
    Logger.getLogger("").removeHandler(capture);
    server.close();
  }

  /** Log records a default configuration shows (INFO and above), and bytes on stderr. */
  private long shown() {
    return records.stream().filter(r -> r.getLevel().intValue() >= Level.INFO.intValue()).count() + stderr.size();
  }

  /** Status line and body of the answer to a raw request. */
  private String[] send(byte[] request) throws IOException {
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
      socket.setSoTimeout(15_000);
      OutputStream out = socket.getOutputStream();
      try {
        out.write(request);
        out.flush();
      } catch (IOException resetWhileSending) {
        // The answer may already be there: read it.
      }
      InputStream in = socket.getInputStream();
      String answer = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
      int end = answer.indexOf("\r\n\r\n");
      return new String[] {answer.isEmpty() ? "" : answer.substring(0, answer.indexOf("\r\n")),
          end < 0 ? "" : answer.substring(end + 4)};
    }
  }

  private static byte[] chunked(String path, String contentType, int size) {
    StringBuilder req = new StringBuilder("POST " + path + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
        + "Content-Type: " + contentType + "\r\nTransfer-Encoding: chunked\r\n\r\n");
    String chunk = "a".repeat(8192);
    for (int sent = 0; sent < size; sent += chunk.length()) {
      req.append(Integer.toHexString(chunk.length())).append("\r\n").append(chunk).append("\r\n");
    }
    req.append("0\r\n\r\n");
    return req.toString().getBytes(StandardCharsets.US_ASCII);
  }

  @Test
  void post_oversizeChunked_413JsonWithoutAStackTracePerRequest() throws IOException {
    byte[] request = chunked(EnvelopeBatch.PATH, EnvelopeBatch.MEDIA_TYPE, EnvelopeBatch.MAX_BYTES + (64 << 10));
    String[] first = send(request);
    assertTrue(first[0].startsWith("HTTP/1.1 413"), first[0]);
    assertEquals("{\"error\":\"too_large\"}", first[1]);
    long before = shown();
    for (int i = 0; i < 10; i++) {
      assertTrue(send(request)[0].startsWith("HTTP/1.1 413"));
    }
    assertEquals(before, shown(), () -> stderr.toString(StandardCharsets.UTF_8));
    assertEquals(0, stderr.size(), () -> stderr.toString(StandardCharsets.UTF_8));
  }

  @Test
  void post_contentLengthBeyondAnyNumber_400WithoutASevereLine() throws IOException {
    byte[] request = ("POST " + EnvelopeBatch.PATH + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
        + "Content-Type: " + EnvelopeBatch.MEDIA_TYPE + "\r\nContent-Length: 18446744073709551616\r\n\r\n{}")
        .getBytes(StandardCharsets.US_ASCII);
    String[] answer = send(request);
    assertTrue(answer[0].startsWith("HTTP/1.1 400"), answer[0]);
    assertTrue(records.stream().noneMatch(r -> r.getLevel().intValue() >= Level.WARNING.intValue()),
        () -> records.get(0).getMessage());
  }
}
