// SPDX-License-Identifier: Apache-2.0
package org.hotlinerelay.hotline.intake;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.hotlinerelay.hotline.intake.IntakeMetrics.Outcome;
import org.hotlinerelay.protocol.envelope.Envelope;
import org.hotlinerelay.protocol.envelope.EnvelopeBatch;
import org.hotlinerelay.protocol.envelope.EnvelopeBinary;
import org.hotlinerelay.protocol.envelope.EnvelopeSigner;
import org.hotlinerelay.protocol.store.Quota;
import org.hotlinerelay.protocol.testing.TestKeys;
import org.hotlinerelay.protocol.testing.TestReports;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IntakeServerTest {
  @TempDir java.nio.file.Path temp;
  IntakeFixture fx;
  IntakeServer server;

  @BeforeEach
  void start() throws Exception {
    fx = new IntakeFixture(temp);
    server = IntakeServer.start(IntakeConfig.loopback(fx.inbox, fx.knownRelays));
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void post_validEnvelope_storedSealedBeforeAnswering201() throws Exception {
    Envelope envelope = fx.envelope();
    HttpResponse<String> response = fx.postBatch(server, List.of(envelope));
    assertEquals(200, response.statusCode());
    assertEquals("{\"results\":[201]}", response.body());
    // The file is there when the answer arrives, and holds exactly the sealed envelope.
    assertArrayEquals(EnvelopeBinary.encode(envelope), Files.readAllBytes(fx.inbox.resolve(envelope.id())));
    assertEquals(1, fx.storedFiles());
    assertEquals(1, server.metrics().storedCount());
  }

  @Test
  void post_sameIdTwice_storedOnceBothAnswered2xx() throws Exception {
    Envelope envelope = fx.envelope();
    assertEquals(201, fx.postOne(server, envelope));
    assertEquals(200, fx.postOne(server, envelope));
    assertEquals(1, fx.storedFiles());
    assertEquals(1, server.metrics().duplicateCount());
  }

  @Test
  void post_sameIdConcurrently_storedOnceOne201() throws Exception {
    Envelope envelope = fx.envelope();
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<Integer>> answers = new ArrayList<>();
      for (int i = 0; i < 16; i++) {
        answers.add(pool.submit(() -> fx.postOne(server, envelope)));
      }
      int created = 0;
      for (Future<Integer> answer : answers) {
        int status = answer.get();
        assertTrue(status == 200 || status == 201 || status == 503, "status " + status);
        created += status == 201 ? 1 : 0;
      }
      assertEquals(1, created);
      assertEquals(1, fx.storedFiles());
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void post_manyDifferentConcurrently_allStored() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<Integer>> answers = new ArrayList<>();
      for (int i = 0; i < 40; i++) {
        Envelope e = fx.envelope();
        answers.add(pool.submit(() -> fx.postOne(server, e)));
      }
      for (Future<Integer> answer : answers) {
        assertEquals(201, answer.get());
      }
      assertEquals(40, fx.storedFiles());
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void post_forgedBySomeoneElsesKey_rejected403NotStored() throws Exception {
    EnvelopeSigner forger = EnvelopeSigner.create(IntakeFixture.RELAY, TestKeys.relaySigning());
    assertEquals(403, fx.postOne(server, forger.wrap(fx.sealer.seal(TestReports.minimal()))));
    assertEquals(403, fx.postOne(server, forger.wrapCover(fx.sealer.seal(TestReports.minimal()))), "a forged cover too");
    assertEquals(0, fx.storedFiles());
    assertEquals(2, server.metrics().refusedCount(Outcome.BAD_SIGNATURE));
    assertEquals(0, server.metrics().coverCount());
  }

  @Test
  void post_oneByteFlippedInSealed_rejectedNotStored() throws Exception {
    Envelope e = fx.envelope();
    byte[] sealed = e.sealed();
    sealed[sealed.length / 2] ^= 1;
    Envelope tampered = new Envelope(e.version(), e.id(), e.relayId(), false, sealed, e.signature());
    assertEquals(403, fx.postOne(server, tampered));
    assertEquals(0, fx.storedFiles());
  }

  @Test
  void post_oneByteFlippedInSignature_rejectedNotStored() throws Exception {
    Envelope e = fx.envelope();
    byte[] sig = e.signature();
    sig[0] ^= 1;
    Envelope tampered = new Envelope(e.version(), e.id(), e.relayId(), false, e.sealed(), sig);
    assertEquals(403, fx.postOne(server, tampered));
    assertEquals(0, fx.storedFiles());
  }

  @Test
  void post_reportTurnedIntoCover_rejectedNotDropped() throws Exception {
    Envelope e = fx.envelope();
    Envelope relabelled = new Envelope(e.version(), e.id(), e.relayId(), true, e.sealed(), e.signature());
    assertEquals(403, fx.postOne(server, relabelled));
    assertEquals(0, server.metrics().coverCount());
  }

  @Test
  void post_unknownRelay_rejected403NotStored() throws Exception {
    EnvelopeSigner stranger = EnvelopeSigner.create("stranger", TestKeys.relaySigning());
    assertEquals(403, fx.postOne(server, stranger.wrap(fx.sealer.seal(TestReports.minimal()))));
    assertEquals(0, fx.storedFiles());
    assertEquals(1, server.metrics().refusedCount(Outcome.UNKNOWN_RELAY));
  }

  @Test
  void post_malformedFrames_400NeverStored() throws Exception {
    byte[] valid = EnvelopeBinary.encode(fx.envelope());
    byte[] pathId = valid.clone();
    System.arraycopy("../../etc/passwd".getBytes(StandardCharsets.US_ASCII), 0, pathId, 5, 16);
    byte[] flags = valid.clone();
    flags[4] = 2;
    List<byte[]> frames = List.of(new byte[] {0}, "{}".getBytes(StandardCharsets.US_ASCII),
        Arrays.copyOf(valid, valid.length - 1), Arrays.copyOf(valid, valid.length + 1), pathId, flags);
    for (byte[] frame : frames) {
      assertEquals(400, fx.postFrame(server, frame), "frame of " + frame.length);
    }
    assertEquals(0, fx.storedFiles());
    assertEquals(frames.size(), server.metrics().refusedCount(Outcome.MALFORMED));
  }

  @Test
  void post_bodyThatIsNoBatch_400NeverStored() throws Exception {
    for (byte[] body : List.of(new byte[0], new byte[] {0, 0, 0}, ByteBuffer.allocate(8).putInt(100).array(),
        "{\"v\":1}".getBytes(StandardCharsets.US_ASCII))) {
      assertEquals(400, fx.post(server, body, EnvelopeBatch.MEDIA_TYPE).statusCode());
    }
    assertEquals(0, fx.storedFiles());
  }

  @Test
  void post_anotherVersion_400UnsupportedVersion() throws Exception {
    byte[] other = EnvelopeBinary.encode(fx.envelope());
    other[3] = (byte) (Envelope.VERSION + 1);
    assertEquals(400, fx.postFrame(server, other));
    assertEquals(1, server.metrics().refusedCount(Outcome.UNSUPPORTED_VERSION));
    assertEquals(0, fx.storedFiles());
  }

  @Test
  void post_oversize_413NotStored() throws Exception {
    byte[] body = new byte[EnvelopeBatch.MAX_BYTES + 1];
    Arrays.fill(body, (byte) ' ');
    assertEquals(413, fx.post(server, body, EnvelopeBatch.MEDIA_TYPE).statusCode());
    // Chunked, so no Content-Length to refuse early: the read itself must stop at the limit. The
    // body stays within the drain limit, so the answer is read before the connection closes.
    byte[] chunkedBody = new byte[EnvelopeBatch.MAX_BYTES + (64 << 10)];
    Arrays.fill(chunkedBody, (byte) 'a');
    HttpRequest chunked = HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:" + server.port() + EnvelopeBatch.PATH))
        .header("Content-Type", EnvelopeBatch.MEDIA_TYPE)
        .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(chunkedBody)))
        .build();
    assertEquals(413, fx.http.send(chunked, HttpResponse.BodyHandlers.ofString()).statusCode());
    assertEquals(201, fx.postOne(server, fx.envelope()));
    assertEquals(1, fx.storedFiles());
  }

  @Test
  void post_declaredBeyondTheDrainLimit_413BeforeAnyBodyIsRead() throws Exception {
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
      socket.setSoTimeout(15_000);
      String head = "POST " + EnvelopeBatch.PATH + " HTTP/1.1\r\nHost: x\r\nContent-Type: " + EnvelopeBatch.MEDIA_TYPE
          + "\r\nContent-Length: " + (2L * EnvelopeBatch.MAX_BYTES) + "\r\n\r\n";
      socket.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
      socket.getOutputStream().flush();
      // No body is sent: the answer comes from the header alone, and the connection closes.
      String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
      assertTrue(answer.startsWith("HTTP/1.1 413 "), answer);
    }
    assertEquals(1, server.metrics().refusedCount(Outcome.TOO_LARGE));
    assertEquals(0, fx.storedFiles());
  }

  @Test
  void post_anyOtherMediaType_415() throws Exception {
    byte[] body = EnvelopeBatch.join(List.of(EnvelopeBinary.encode(fx.envelope())));
    for (String type : List.of("application/json", "application/x-ndjson", "application/x-www-form-urlencoded", "text/plain")) {
      assertEquals(415, fx.post(server, body, type).statusCode(), type);
    }
    assertEquals(200, fx.post(server, body, EnvelopeBatch.MEDIA_TYPE).statusCode());
    assertEquals(1, fx.storedFiles());
  }

  @Test
  void anyOtherPath_404_get_405WithAllow() throws Exception {
    HttpResponse<String> response = fx.get(server.port(), EnvelopeBatch.PATH);
    assertEquals(405, response.statusCode());
    assertEquals("POST", response.headers().firstValue("Allow").orElseThrow());
    assertEquals(404, fx.get(server.port(), "/").statusCode());
    assertEquals(404, fx.get(server.port(), "/v1/envelope-batches").statusCode());
  }

  @Test
  void everyResponse_carriesSecurityHeadersAndNoServerHeader() throws Exception {
    for (HttpResponse<String> response : List.of(fx.postBatch(server, List.of(fx.envelope())),
        fx.post(server, "{".getBytes(StandardCharsets.US_ASCII), EnvelopeBatch.MEDIA_TYPE), fx.get(server.port(), "/"),
        fx.get(server.adminPort(), "/metrics"))) {
      assertEquals("no-store", response.headers().firstValue("Cache-Control").orElse(""));
      assertEquals("nosniff", response.headers().firstValue("X-Content-Type-Options").orElse(""));
      assertEquals("no-referrer", response.headers().firstValue("Referrer-Policy").orElse(""));
      assertTrue(response.headers().firstValue("Content-Security-Policy").orElse("").startsWith("default-src 'none'"));
      assertFalse(response.headers().firstValue("Server").isPresent());
      assertFalse(response.headers().firstValue("Set-Cookie").isPresent());
    }
  }

  @Test
  void metrics_countStoredDuplicatesCoverRejectedAndInboxSize() throws Exception {
    Envelope e = fx.envelope();
    fx.postOne(server, e);
    fx.postOne(server, e);
    fx.postOne(server, fx.signer.wrapCover(fx.sealer.seal(TestReports.minimal())));
    fx.postFrame(server, "{".getBytes(StandardCharsets.US_ASCII));
    HttpResponse<String> metrics = fx.get(server.adminPort(), "/metrics");
    assertEquals(200, metrics.statusCode());
    String text = metrics.body();
    assertTrue(text.contains("\nhotline_intake_envelopes_stored_total 1\n"), text);
    assertTrue(text.contains("\nhotline_intake_envelopes_duplicate_total 1\n"), text);
    assertTrue(text.contains("\nhotline_intake_cover_envelopes_total 1\n"), text);
    assertTrue(text.contains("hotline_intake_envelopes_rejected_total{reason=\"malformed\"} 1\n"), text);
    assertTrue(text.contains("hotline_intake_envelopes_rejected_total{reason=\"bad_signature\"} 0\n"), text);
    assertTrue(text.contains("\nhotline_intake_inbox_envelopes 1\n"), text);
    assertFalse(text.contains(e.id()));
    assertEquals("ok\n", fx.get(server.adminPort(), "/healthz").body());
  }

  @Test
  void adminPort_isNotTheEnvelopePort() throws Exception {
    assertNotEquals(server.port(), server.adminPort());
    assertEquals(404, fx.get(server.port(), "/metrics").statusCode());
    assertEquals(404, fx.get(server.adminPort(), EnvelopeBatch.PATH).statusCode());
  }

  @Test
  void post_overQuota_503NotStored() throws Exception {
    server.close();
    server = IntakeServer.start(IntakeConfig.loopback(fx.inbox, fx.knownRelays).withQuota(new Quota(1, 1L << 30)));
    assertEquals(201, fx.postOne(server, fx.envelope()));
    assertEquals(503, fx.postOne(server, fx.envelope()));
    assertEquals(1, fx.storedFiles());
    assertEquals(1, server.metrics().refusedCount(Outcome.INBOX_FULL));
  }

  @Test
  void post_inboxFolderGone_503DiskFailureNothingAcknowledged() throws Exception {
    assertEquals(201, fx.postOne(server, fx.envelope()));
    try (var files = Files.list(fx.inbox)) {
      for (java.nio.file.Path f : files.toList()) {
        Files.delete(f);
      }
    }
    Files.delete(fx.inbox);
    assertEquals(503, fx.postOne(server, fx.envelope()));
    assertEquals(1, server.metrics().refusedCount(Outcome.DISK_FAILURE));
  }

  @Test
  void restart_keepsStoredEnvelopesAndStillDeduplicates() throws Exception {
    Envelope e = fx.envelope();
    assertEquals(201, fx.postOne(server, e));
    server.close();
    server = IntakeServer.start(IntakeConfig.loopback(fx.inbox, fx.knownRelays));
    assertEquals(1, server.inboxSize());
    assertEquals(200, fx.postOne(server, e));
    assertEquals(1, fx.storedFiles());
  }

  @Test
  void start_withoutRelayKeys_fails() throws Exception {
    java.nio.file.Path empty = Files.createDirectories(temp.resolve("empty"));
    IntakeStartException e = assertThrows(IntakeStartException.class,
        () -> IntakeServer.start(IntakeConfig.loopback(temp.resolve("inbox2"), empty)));
    assertTrue(e.getMessage().startsWith("no relay-<id>.public.json file in "));
    assertThrows(IntakeStartException.class,
        () -> IntakeServer.start(IntakeConfig.loopback(temp.resolve("inbox2"), temp.resolve("missing"))));
  }

  @Test
  void start_relayFileNamedForAnotherRelay_fails() throws Exception {
    Files.move(fx.knownRelays.resolve(KnownRelays.fileName(IntakeFixture.RELAY)),
        fx.knownRelays.resolve(KnownRelays.fileName("other")));
    IntakeStartException e = assertThrows(IntakeStartException.class,
        () -> IntakeServer.start(IntakeConfig.loopback(temp.resolve("inbox2"), fx.knownRelays)));
    assertEquals("relay id in " + fx.knownRelays.resolve(KnownRelays.fileName("other")) + " does not match its file name: it holds "
        + "the key of relay " + IntakeFixture.RELAY + "; name it " + KnownRelays.fileName(IntakeFixture.RELAY)
        + ", or get relay other's own file", e.getMessage());
  }

  @Test
  void config_plainHttpOnPublicAddress_refused() {
    assertThrows(IllegalArgumentException.class, () -> new IntakeConfig("0.0.0.0", 0, 0, fx.inbox,
        fx.knownRelays, IntakeConfig.DEFAULT_QUOTA, 30, null));
  }
}
