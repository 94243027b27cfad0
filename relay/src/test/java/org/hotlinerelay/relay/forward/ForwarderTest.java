package org.hotlinerelay.relay.forward;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.hotlinerelay.protocol.envelope.Envelope;
import org.hotlinerelay.protocol.envelope.EnvelopeBatch;
import org.hotlinerelay.protocol.report.Ids;
import org.hotlinerelay.protocol.seal.HpkeSuite;
import org.hotlinerelay.protocol.store.Quota;
import org.hotlinerelay.relay.spool.Spool;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ForwarderTest {
  private static final BackoffPolicy FAST = attempt -> Duration.ofMillis(20);

  @TempDir Path dir;

  static Envelope envelope() {
    byte[] sealed = new byte[HpkeSuite.SEALED_BYTES];
    new java.util.Random().nextBytes(sealed);
    return new Envelope(Envelope.VERSION, Ids.random(), "relay-test", sealed, new byte[64]);
  }

  static ForwarderConfig config(URI url) {
    return ForwarderConfig.of(url).withBackoff(FAST).withTimeout(Duration.ofSeconds(5));
  }

  Spool spool() throws Exception {
    return new Spool(dir, new Quota(10_000, 1L << 30));
  }

  static void await(BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("condition not reached in 20 s");
      }
      Thread.sleep(10);
    }
  }

  static Set<String> ids(List<Envelope> envelopes) {
    return envelopes.stream().map(Envelope::id).collect(Collectors.toSet());
  }

  @Test
  void deliver_2xxDeletes() throws Exception {
    try (FakeIntake intake = new FakeIntake(); Spool spool = spool();
        Forwarder forwarder = new Forwarder(spool, config(intake.url())).start()) {
      List<Envelope> sent = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        Envelope e = envelope();
        sent.add(e);
        spool.put(e);
      }
      await(() -> forwarder.forwarded() == 20 && spool.depth() == 0);
      assertEquals(ids(sent), ids(intake.received()));
      assertEquals(sent.get(0), intake.received().stream().filter(e -> e.id().equals(sent.get(0).id())).findFirst().orElseThrow());
      assertTrue(intake.contentTypes().stream().allMatch(t -> t.equals(EnvelopeBatch.MEDIA_TYPE)), "in batches");
      assertEquals(List.of(), spool.pending());
      assertEquals(0, forwarder.quarantined());
    }
  }

  @Test
  void batch_backlogGoesInFewRequests_eachEnvelopeSettledByItsOwnStatus() throws Exception {
    List<Envelope> sent = new ArrayList<>();
    try (Spool before = spool()) {
      for (int i = 0; i < 60; i++) {
        Envelope e = envelope();
        sent.add(e);
        before.put(e);
      }
    }
    try (FakeIntake intake = new FakeIntake(); Spool spool = spool()) {
      Envelope refused = sent.get(7);
      Envelope notNow = sent.get(31);
      intake.answer(refused.id(), 403);
      intake.answer(notNow.id(), 503);
      try (Forwarder forwarder = new Forwarder(spool, config(intake.url())).start()) {
        await(() -> forwarder.forwarded() == 58 && forwarder.quarantined() == 1);
        // 60 waiting and 8 slots: 8 envelopes a request, 8 requests at once.
        assertEquals(8, intake.largestBatch(), "a backlog goes in batches spread over the slots");
        assertTrue(Files.exists(dir.resolve("quarantine").resolve(refused.id())), "only the refused one quarantined");
        assertEquals(List.of(notNow.id()), spool.pending(), "the one answered 503 waits for a retry");
        intake.answer(notNow.id(), 201);
        await(() -> forwarder.forwarded() == 59);
        assertEquals(0, spool.depth());
        Set<String> delivered = new HashSet<>(ids(sent));
        delivered.remove(refused.id());
        assertEquals(delivered, ids(intake.received()));
      }
    }
  }

  @Test
  void intakeWithoutBatches_oneByOne() throws Exception {
    try (FakeIntake intake = new FakeIntake(); Spool spool = spool()) {
      intake.batches(false);
      List<Envelope> sent = new ArrayList<>();
      for (int i = 0; i < 30; i++) {
        Envelope e = envelope();
        sent.add(e);
        spool.put(e);
      }
      try (Forwarder forwarder = new Forwarder(spool, config(intake.url())).start()) {
        await(() -> forwarder.forwarded() == 30);
        assertEquals(ids(sent), ids(intake.received()));
        assertTrue(intake.contentTypes().stream().allMatch(t -> t.startsWith("application/json")), "one by one");
        assertEquals(0, forwarder.quarantined());
        int requests = intake.requests();
        // At most one batch per slot is sent before the first 404 comes back.
        assertTrue(requests <= 30 + 8, "batch path asked again and again: " + requests);
        spool.put(envelope());
        await(() -> forwarder.forwarded() == 31);
        assertEquals(requests + 1, intake.requests(), "the batch path is not asked again at once");
      }
    }
  }

  /** Spools {@code n} new envelopes and gives them. */
  private static List<Envelope> putNew(Spool spool, int n) throws Exception {
    List<Envelope> put = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Envelope e = envelope();
      put.add(e);
      spool.put(e);
    }
    return put;
  }

  /**
   * Starts a forwarder on 60 spooled envelopes for an intake that takes binary batches: the 8
   * first batches all leave before the first answer (the intake is slow), so all are JSON lines;
   * their answers say binary.
   */
  private static Forwarder startAndLearnBinary(FakeIntake intake, Spool spool, List<Envelope> sent) throws Exception {
    intake.takesBinary(true);
    intake.delay(100);
    sent.addAll(putNew(spool, 60));
    Forwarder forwarder = new Forwarder(spool, config(intake.url())).start();
    await(() -> forwarder.forwarded() == 60);
    assertEquals(8, intake.batchTypes().size());
    assertTrue(intake.batchTypes().stream().allMatch(EnvelopeBatch.MEDIA_TYPE::equals),
        "before any answer said so, JSON lines only: " + intake.batchTypes());
    return forwarder;
  }

  @Test
  void binaryBatches_onlyOnceTheIntakeSaysItTakesThem() throws Exception {
    List<Envelope> sent = new ArrayList<>();
    try (FakeIntake intake = new FakeIntake(); Spool spool = spool();
        Forwarder forwarder = startAndLearnBinary(intake, spool, sent)) {
      sent.addAll(putNew(spool, 60));
      await(() -> forwarder.forwarded() == 120);
      List<String> after = intake.batchTypes().subList(8, intake.batchTypes().size());
      assertTrue(!after.isEmpty() && after.stream().allMatch(EnvelopeBatch.BINARY_MEDIA_TYPE::equals), "then binary only: " + after);
      assertEquals(sent.size(), intake.received().size(), "each delivered once");
      assertEquals(new HashSet<>(sent), new HashSet<>(intake.received()), "byte for byte, signature and all");
      assertEquals(0, forwarder.quarantined());
      assertEquals(0, forwarder.failures());
    }
  }

  @Test
  void binaryBatches_intakeThatNoLongerTakesThem_getsJsonLinesAtOnce_nothingLostOrQuarantined() throws Exception {
    List<Envelope> sent = new ArrayList<>();
    try (FakeIntake intake = new FakeIntake(); Spool spool = spool();
        Forwarder forwarder = startAndLearnBinary(intake, spool, sent)) {
      intake.takesBinary(false); // downgraded: binary batches now get 415
      sent.addAll(putNew(spool, 60));
      await(() -> forwarder.forwarded() == 120);
      List<String> after = intake.batchTypes().subList(8, intake.batchTypes().size());
      assertEquals(EnvelopeBatch.BINARY_MEDIA_TYPE, after.get(0), "binary first: " + after);
      assertEquals(EnvelopeBatch.MEDIA_TYPE, after.get(after.size() - 1), "then JSON lines, still in batches: " + after);
      assertEquals(new HashSet<>(sent), new HashSet<>(intake.received()));
      assertEquals(0, forwarder.quarantined());
      assertEquals(0, forwarder.failures(), "a 415 to a binary batch is no failure: no backoff");
      assertTrue(intake.contentTypes().stream().noneMatch(t -> t.startsWith("application/json")), "never one by one");
    }
  }

  @Test
  void batchRefusedAsAWhole_resentOneByOne_nothingQuarantined() throws Exception {
    try (FakeIntake intake = new FakeIntake(); Spool spool = spool()) {
      intake.answerBatches(413);
      List<Envelope> sent = new ArrayList<>();
      for (int i = 0; i < 12; i++) {
        Envelope e = envelope();
        sent.add(e);
        spool.put(e);
      }
      try (Forwarder forwarder = new Forwarder(spool, config(intake.url())).start()) {
        await(() -> forwarder.forwarded() == 12);
        assertEquals(ids(sent), ids(intake.received()));
        assertEquals(0, forwarder.quarantined());
        assertEquals(0, spool.quarantined());
      }
    }
  }

  @Test
  void reportersWaiting_oneEnvelopeAtATimeButNeverStops() throws Exception {
    assertEquals(1, mostInFlightWhileReportersWait(40, 5), "one envelope at a time while reporters wait");
  }

  @Test
  void reportersWaiting_butBacklogLarge_fullSpeed() throws Exception {
    assertTrue(mostInFlightWhileReportersWait(Forwarder.YIELD_BELOW_DEPTH + 50, 40) > 1,
        "a backlog this large is sent in parallel even while reporters wait");
  }

  /**
   * Spools {@code backlog} envelopes, then holds {@link Forwarder#REPORTERS_WAITING} + 2 new ones
   * in flight (their folder fsync held back) while the forwarder sends {@code observed}; returns
   * the most requests the intake saw at once meanwhile. Afterwards, with nobody waiting, checks
   * that everything is delivered, in parallel.
   */
  private int mostInFlightWhileReportersWait(int backlog, int observed) throws Exception {
    try (Spool before = spool()) {
      List<java.util.concurrent.CompletableFuture<Void>> puts = new ArrayList<>();
      for (int i = 0; i < backlog; i++) {
        puts.add(before.putAsync(envelope()));
      }
      java.util.concurrent.CompletableFuture.allOf(puts.toArray(java.util.concurrent.CompletableFuture[]::new)).get();
    }
    java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
    org.hotlinerelay.protocol.store.DurableStore.FolderSync heldBack = folder -> {
      try {
        release.await();
      } catch (InterruptedException e) {
        throw new java.io.IOException(e);
      }
    };
    int most;
    try (FakeIntake intake = new FakeIntake();
        Spool spool = new Spool(dir, new Quota(10_000, 1L << 30), heldBack)) {
      intake.delay(20);
      List<java.util.concurrent.CompletableFuture<Void>> waiting = new ArrayList<>();
      for (int i = 0; i < Forwarder.REPORTERS_WAITING + 2; i++) {
        waiting.add(spool.putAsync(envelope()));
      }
      await(() -> spool.putsInFlight() == Forwarder.REPORTERS_WAITING + 2);
      try (Forwarder forwarder = new Forwarder(spool, config(intake.url())).start()) {
        try {
          await(() -> forwarder.forwarded() >= observed);
          most = intake.mostInFlight();
        } finally {
          release.countDown();
        }
        java.util.concurrent.CompletableFuture.allOf(waiting.toArray(java.util.concurrent.CompletableFuture[]::new)).get();
        assertEquals(0, spool.putsInFlight());
        intake.resetMostInFlight();
        int total = backlog + Forwarder.REPORTERS_WAITING + 2;
        await(() -> forwarder.forwarded() == total);
        assertTrue(intake.mostInFlight() > 1, "in parallel once nobody waits: " + intake.mostInFlight());
      }
    }
    return most;
  }

  @Test
  void deliver_wakesPromptlyWhenEnvelopeSpooled() throws Exception {
    try (FakeIntake intake = new FakeIntake(); Spool spool = spool();
        Forwarder forwarder = new Forwarder(spool, config(intake.url())).start()) {
      Thread.sleep(100);
      spool.put(envelope());
      await(() -> forwarder.forwarded() == 1);
      assertEquals(0, spool.depth());
    }
  }

  @Test
  void deliver_4xxQuarantines() throws Exception {
    try (FakeIntake intake = new FakeIntake(); Spool spool = spool()) {
      intake.answer(400);
      Envelope e = envelope();
      spool.put(e);
      try (Forwarder forwarder = new Forwarder(spool, config(intake.url())).start()) {
        await(() -> forwarder.quarantined() == 1);
        assertEquals(0, spool.depth());
        assertEquals(1, spool.quarantined());
        assertTrue(Files.exists(dir.resolve("quarantine").resolve(e.id())), "kept in quarantine, not deleted");
        assertEquals(0, forwarder.forwarded());
      }
    }
  }

  @Test
  void deliver_retriesAfterOutage() throws Exception {
    try (FakeIntake intake = new FakeIntake(); Spool spool = spool()) {
      intake.answer(503);
      Set<String> sent = new HashSet<>();
      for (int i = 0; i < 5; i++) {
        Envelope e = envelope();
        sent.add(e.id());
        spool.put(e);
      }
      try (Forwarder forwarder = new Forwarder(spool, config(intake.url())).start()) {
        await(() -> forwarder.failures() >= 3);
        assertEquals(5, spool.depth(), "nothing deleted while the hotline answers 503");
        intake.answer(429);
        int before = intake.requests();
        await(() -> intake.requests() > before + 2);
        assertEquals(5, spool.depth(), "nothing deleted on 429");
        intake.answer(200);
        await(() -> forwarder.forwarded() == 5);
        assertEquals(sent, ids(intake.received()));
        assertEquals(0, spool.depth());
        assertEquals(0, forwarder.quarantined());
      }
    }
  }

  @Test
  void deliver_retriesWhileHotlineDown() throws Exception {
    int port;
    try (FakeIntake probe = new FakeIntake()) {
      port = probe.port();
    }
    try (Spool spool = spool()) {
      Envelope e = envelope();
      spool.put(e);
      try (Forwarder forwarder = new Forwarder(spool, config(URI.create("http://127.0.0.1:" + port))).start()) {
        await(() -> forwarder.failures() >= 2);
        assertEquals(1, spool.depth());
        try (FakeIntake intake = new FakeIntake(port)) {
          await(() -> forwarder.forwarded() == 1);
          assertEquals(Set.of(e.id()), ids(intake.received()));
        }
      }
    }
  }

  @Test
  void start_sendsEnvelopesPendingFromBeforeRestart() throws Exception {
    Set<String> sent = new HashSet<>();
    try (Spool spool = spool()) {
      for (int i = 0; i < 7; i++) {
        Envelope e = envelope();
        sent.add(e.id());
        spool.put(e);
      }
    }
    try (FakeIntake intake = new FakeIntake(); Spool reopened = spool();
        Forwarder forwarder = new Forwarder(reopened, config(intake.url())).start()) {
      await(() -> forwarder.forwarded() == 7);
      assertEquals(sent, ids(intake.received()));
      assertEquals(0, reopened.depth());
    }
  }

  @Test
  void settle_unreadableEnvelopeQuarantinedNotDeleted() throws Exception {
    try (FakeIntake intake = new FakeIntake(); Spool spool = spool()) {
      String id = Ids.random();
      Files.write(dir.resolve("outbox").resolve(id), "not json".getBytes());
      try (Spool reopened = spool(); Forwarder forwarder = new Forwarder(reopened, config(intake.url())).start()) {
        await(() -> forwarder.quarantined() == 1);
        assertTrue(Files.exists(dir.resolve("quarantine").resolve(id)));
        assertEquals(0, intake.requests());
      }
    }
  }

  @Test
  void logs_carryNoEnvelopeIdHostOrExceptionMessage() throws Exception {
    java.util.logging.Logger logger = java.util.logging.Logger.getLogger(Forwarder.class.getName());
    List<String> lines = new java.util.concurrent.CopyOnWriteArrayList<>();
    java.util.logging.Handler capture = new java.util.logging.Handler() {
      @Override public void publish(java.util.logging.LogRecord r) {
        lines.add(new java.util.logging.SimpleFormatter().format(r));
      }
      @Override public void flush() {}
      @Override public void close() {}
    };
    logger.addHandler(capture);
    try (FakeIntake intake = new FakeIntake(); Spool spool = spool()) {
      Envelope refused = envelope();
      spool.put(refused);
      intake.answer(400);
      try (Forwarder forwarder = new Forwarder(spool, config(intake.url())).start()) {
        await(() -> forwarder.quarantined() == 1);
      }
      intake.close();
      Envelope retried = envelope();
      spool.put(retried);
      try (Forwarder forwarder = new Forwarder(spool, config(intake.url())).start()) {
        await(() -> forwarder.failures() >= 2);
      }
      assertTrue(lines.stream().anyMatch(l -> l.contains("RELAY-305")));
      assertTrue(lines.stream().anyMatch(l -> l.contains("RELAY-308")));
      for (String line : lines) {
        assertTrue(line.matches("(?s).*RELAY-3\\d\\d .*"), "fixed event code: " + line);
        for (String secret : List.of(refused.id(), retried.id(), "127.0.0.1", String.valueOf(intake.port()), "Connection refused")) {
          assertTrue(!line.contains(secret), "log line leaks " + secret + ": " + line);
        }
      }
    } finally {
      logger.removeHandler(capture);
    }
  }

  @Test
  void backoff_growsOncePerRoundNotOncePerEnvelopeInFlight() throws Exception {
    List<Integer> attempts = java.util.Collections.synchronizedList(new ArrayList<>());
    BackoffPolicy recording = attempt -> {
      attempts.add(attempt);
      return Duration.ofSeconds(1);
    };
    try (FakeIntake intake = new FakeIntake(); Spool spool = spool()) {
      intake.answer(503);
      for (int i = 0; i < 8; i++) {
        spool.put(envelope());
      }
      try (Forwarder forwarder = new Forwarder(spool,
          ForwarderConfig.of(intake.url()).withBackoff(recording).withTimeout(Duration.ofSeconds(5))).start()) {
        await(() -> forwarder.failures() >= 8);
        // Eight sends in flight failed together: one step per round (at most a few rounds here),
        // where counting every failure would have taken eight steps towards the cap.
        List<Integer> steps = List.copyOf(attempts);
        assertEquals(1, steps.get(0));
        assertTrue(steps.size() <= 3 && steps.size() < forwarder.failures(), "steps " + steps);
      }
    }
  }
}
