package org.hotlinerelay.hotline.intake;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.hotlinerelay.hotline.intake.IntakeMetrics.Outcome;
import org.hotlinerelay.protocol.envelope.Envelope;
import org.hotlinerelay.protocol.envelope.EnvelopeCodec;
import org.hotlinerelay.protocol.envelope.EnvelopeSigner;
import org.hotlinerelay.protocol.store.Quota;
import org.hotlinerelay.protocol.testing.TestKeys;
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
    HttpResponse<String> response = fx.post(server, envelope);
    assertEquals(201, response.statusCode());
    // The file is there when the answer arrives, and holds exactly the sealed envelope.
    assertArrayEquals(org.hotlinerelay.protocol.envelope.EnvelopeBinary.encode(envelope), Files.readAllBytes(fx.inbox.resolve(envelope.id())));
    assertEquals(1, fx.storedFiles());
    assertEquals(1, server.metrics().storedCount());
  }

  @Test
  void post_sameIdTwice_storedOnceBothAnswered2xx() throws Exception {
    Envelope envelope = fx.envelope();
    assertEquals(201, fx.post(server, envelope).statusCode());
    assertEquals(200, fx.post(server, envelope).statusCode());
    assertEquals(1, fx.storedFiles());
    assertEquals(1, server.metrics().duplicateCount());
  }

  @Test
  void post_sameIdConcurrently_storedOnceOne201() throws Exception {
    byte[] body = EnvelopeCodec.toJson(fx.envelope());
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<Integer>> answers = new ArrayList<>();
      for (int i = 0; i < 16; i++) {
        Callable<Integer> post = () -> fx.post(server, body).statusCode();
        answers.add(pool.submit(post));
      }
      int created = 0;
      for (Future<Integer> answer : answers) {
        int status = answer.get();
        assertTrue(status == 200 || status == 201, "status " + status);
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
        answers.add(pool.submit(() -> fx.post(server, e).statusCode()));
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
    Envelope forged = forger.wrap(fx.sealer.seal(org.hotlinerelay.protocol.testing.TestReports.minimal()));
    HttpResponse<String> response = fx.post(server, forged);
    assertEquals(403, response.statusCode());
    assertEquals("{\"error\":\"bad_signature\"}", response.body());
    assertEquals(0, fx.storedFiles());
    assertEquals(1, server.metrics().refusedCount(Outcome.BAD_SIGNATURE));
  }

  @Test
  void post_oneByteFlippedInSealed_rejectedNotStored() throws Exception {
    Envelope e = fx.envelope();
    byte[] sealed = e.sealed();
    sealed[sealed.length / 2] ^= 1;
    Envelope tampered = new Envelope(e.version(), e.id(), e.relayId(), sealed, e.signature());
    assertEquals(403, fx.post(server, tampered).statusCode());
    assertEquals(0, fx.storedFiles());
  }

  @Test
  void post_oneByteFlippedInSignature_rejectedNotStored() throws Exception {
    Envelope e = fx.envelope();
    byte[] sig = e.signature();
    sig[0] ^= 1;
    Envelope tampered = new Envelope(e.version(), e.id(), e.relayId(), e.sealed(), sig);
    assertEquals(403, fx.post(server, tampered).statusCode());
    assertEquals(0, fx.storedFiles());
  }

  @Test
  void post_unknownRelay_rejected403NotStored() throws Exception {
    EnvelopeSigner stranger = EnvelopeSigner.create("stranger", TestKeys.relaySigning());
    HttpResponse<String> response = fx.post(server, stranger.wrap(fx.sealer.seal(
        org.hotlinerelay.protocol.testing.TestReports.minimal())));
    assertEquals(403, response.statusCode());
    assertEquals("{\"error\":\"unknown_relay\"}", response.body());
    assertEquals(0, fx.storedFiles());
    assertEquals(1, server.metrics().refusedCount(Outcome.UNKNOWN_RELAY));
  }

  @Test
  void post_malformedBodies_400NeverStored() throws Exception {
    String valid = new String(EnvelopeCodec.toJson(fx.envelope()), StandardCharsets.US_ASCII);
    List<String> bodies = List.of("", "{", "[]", "null", "{\"v\":1}", "\u0000\u0001",
        valid.replace("\"relay\"", "\"relay\":\"x\",\"extra\""),
        valid.substring(0, valid.length() - 1) + ",\"more\":1}",
        valid.replaceFirst("\"id\":\"[0-9a-f]+\"", "\"id\":\"../../etc/passwd\""),
        valid.replaceFirst("\"sealed\":\"", "\"sealed\":\"!!"));
    for (String body : bodies) {
      HttpResponse<String> response = fx.post(server, body.getBytes(StandardCharsets.UTF_8));
      assertEquals(400, response.statusCode(), "body: " + body.substring(0, Math.min(30, body.length())));
    }
    assertEquals(0, fx.storedFiles());
    assertEquals(bodies.size(), server.metrics().refusedCount(Outcome.MALFORMED));
  }

  @Test
  void post_futureVersion_400UnsupportedVersion() throws Exception {
    String body = new String(EnvelopeCodec.toJson(fx.envelope()), StandardCharsets.US_ASCII).replace("\"v\":" + Envelope.VERSION, "\"v\":" + (Envelope.VERSION + 1));
    HttpResponse<String> response = fx.post(server, body.getBytes(StandardCharsets.US_ASCII));
    assertEquals(400, response.statusCode());
    assertEquals("{\"error\":\"unsupported_version\"}", response.body());
    assertEquals(0, fx.storedFiles());
  }

  @Test
  void post_oversize_413NotStored() throws Exception {
    byte[] body = new byte[EnvelopeCodec.MAX_JSON_BYTES + 1];
    java.util.Arrays.fill(body, (byte) ' ');
    assertEquals(413, fx.post(server, body).statusCode());
    byte[] huge = new byte[4 * EnvelopeCodec.MAX_JSON_BYTES];
    java.util.Arrays.fill(huge, (byte) 'a');
    assertEquals(413, fx.post(server, huge).statusCode());
    // Chunked, so no Content-Length to refuse early: the read itself must stop at the limit.
    java.net.http.HttpRequest chunked = java.net.http.HttpRequest.newBuilder(
            java.net.URI.create("http://127.0.0.1:" + server.port() + "/v1/envelopes"))
        .header("Content-Type", "application/json")
        .POST(java.net.http.HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(huge)))
        .build();
    assertEquals(413, fx.http.send(chunked, java.net.http.HttpResponse.BodyHandlers.ofString()).statusCode());
    assertEquals(201, fx.post(server, fx.envelope()).statusCode());
    assertEquals(1, fx.storedFiles());
  }

  @Test
  void post_wrongContentType_415() throws Exception {
    byte[] body = EnvelopeCodec.toJson(fx.envelope());
    assertEquals(415, fx.post(server, body, "application/x-www-form-urlencoded").statusCode());
    assertEquals(415, fx.post(server, body, "text/plain").statusCode());
    assertEquals(201, fx.post(server, body, "application/json; charset=utf-8").statusCode());
  }

  @Test
  void get_envelopes_405WithAllow() throws Exception {
    HttpResponse<String> response = fx.get(server.port(), "/v1/envelopes");
    assertEquals(405, response.statusCode());
    assertEquals("POST", response.headers().firstValue("Allow").orElseThrow());
    assertEquals(404, fx.get(server.port(), "/").statusCode());
  }

  @Test
  void everyResponse_carriesSecurityHeadersAndNoServerHeader() throws Exception {
    for (HttpResponse<String> response : List.of(fx.post(server, fx.envelope()),
        fx.post(server, "{".getBytes(StandardCharsets.US_ASCII)), fx.get(server.port(), "/"),
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
  void metrics_countStoredDuplicatesRejectedAndInboxSize() throws Exception {
    Envelope e = fx.envelope();
    fx.post(server, e);
    fx.post(server, e);
    fx.post(server, "{".getBytes(StandardCharsets.US_ASCII));
    HttpResponse<String> metrics = fx.get(server.adminPort(), "/metrics");
    assertEquals(200, metrics.statusCode());
    String text = metrics.body();
    assertTrue(text.contains("\nhotline_intake_envelopes_stored_total 1\n"), text);
    assertTrue(text.contains("\nhotline_intake_envelopes_duplicate_total 1\n"), text);
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
    assertEquals(404, fx.get(server.adminPort(), "/v1/envelopes").statusCode());
  }

  @Test
  void post_overQuota_503WithRetryAfterNotStored() throws Exception {
    server.close();
    server = IntakeServer.start(IntakeConfig.loopback(fx.inbox, fx.knownRelays).withQuota(new Quota(1, 1L << 30)));
    assertEquals(201, fx.post(server, fx.envelope()).statusCode());
    HttpResponse<String> full = fx.post(server, fx.envelope());
    assertEquals(503, full.statusCode());
    assertEquals("30", full.headers().firstValue("Retry-After").orElseThrow());
    assertEquals(1, fx.storedFiles());
    assertEquals(1, server.metrics().refusedCount(Outcome.INBOX_FULL));
  }

  @Test
  void post_inboxFolderGone_503DiskFailureNothingAcknowledged() throws Exception {
    assertEquals(201, fx.post(server, fx.envelope()).statusCode());
    try (var files = Files.list(fx.inbox)) {
      for (java.nio.file.Path f : files.toList()) {
        Files.delete(f);
      }
    }
    Files.delete(fx.inbox);
    HttpResponse<String> response = fx.post(server, fx.envelope());
    assertEquals(503, response.statusCode());
    assertEquals("30", response.headers().firstValue("Retry-After").orElseThrow());
    assertEquals("{\"error\":\"disk_failure\"}", response.body());
    assertEquals(1, server.metrics().refusedCount(Outcome.DISK_FAILURE));
  }

  @Test
  void restart_keepsStoredEnvelopesAndStillDeduplicates() throws Exception {
    Envelope e = fx.envelope();
    assertEquals(201, fx.post(server, e).statusCode());
    server.close();
    server = IntakeServer.start(IntakeConfig.loopback(fx.inbox, fx.knownRelays));
    assertEquals(1, server.inboxSize());
    assertEquals(200, fx.post(server, e).statusCode());
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
    assertTrue(e.getMessage().contains("does not match its file name"));
  }

  @Test
  void config_plainHttpOnPublicAddress_refused() {
    assertThrows(IllegalArgumentException.class, () -> new IntakeConfig("0.0.0.0", 0, 0, fx.inbox,
        fx.knownRelays, IntakeConfig.DEFAULT_QUOTA, 30, null));
  }
}
