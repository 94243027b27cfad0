// SPDX-License-Identifier: Apache-2.0
package org.hotlinerelay.relay.forward;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.hotlinerelay.protocol.envelope.Envelope;
import org.hotlinerelay.protocol.envelope.EnvelopeBatch;
import org.hotlinerelay.protocol.envelope.EnvelopeSigner;
import org.hotlinerelay.protocol.envelope.EnvelopeVerifier;
import org.hotlinerelay.protocol.report.Ids;
import com.google.crypto.tink.KeysetHandle;
import org.hotlinerelay.protocol.seal.Sealer;
import org.hotlinerelay.protocol.testing.TestKeys;
import org.hotlinerelay.protocol.testing.TestReports;
import org.hotlinerelay.relay.Metrics;
import org.hotlinerelay.relay.keys.HotlineKeyset;
import org.hotlinerelay.protocol.store.Quota;
import org.hotlinerelay.relay.spool.Spool;
import org.hotlinerelay.relay.testing.TestIntake;
import org.hotlinerelay.relay.testing.TestIntake.Answer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ForwarderTest {
  /** Everything is due at once in these tests unless a test says otherwise; 50 ms between batches. */
  static final Schedule FAST = new Schedule(Duration.ofMillis(50), List.of(2, 16, 128), Duration.ofHours(1));
  private static final KeysetHandle RELAY_KEY = TestKeys.relaySigning();
  private static final KeysetHandle HOTLINE = TestKeys.hotlinePrivate();
  private static final EnvelopeSigner signer;
  private static final Sealer sealer;

  static {
    try {
      signer = EnvelopeSigner.create("relay-test", RELAY_KEY);
      sealer = Sealer.create(TestKeys.publicOf(HOTLINE));
    } catch (java.security.GeneralSecurityException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  @TempDir Path dir;

  /** A real report envelope: sealed and signed as the relay makes one. */
  static Envelope envelope() throws Exception {
    return signer.wrap(sealer.seal(TestReports.typical()));
  }

  static ForwarderConfig config(URI url) {
    return ForwarderConfig.of(url).withTimeout(Duration.ofSeconds(5));
  }

  /** Cover made with the test relay key, under the test hotline key (its public file in {@code dir}). */
  static Cover cover(Path dir) throws Exception {
    Path keyset = dir.resolve("hotline-public.json");
    Files.writeString(keyset, TestKeys.publicOf(HOTLINE).toJson());
    HotlineKeyset keys = HotlineKeyset.load(keyset, List.of(TestKeys.publicOf(HOTLINE).fingerprint()), new Metrics());
    return new Cover(keys, signer);
  }

  /** A forwarder on the {@link #FAST} schedule, not started. */
  static Forwarder forwarder(Spool spool, URI url, Path dir) throws Exception {
    return new Forwarder(spool, config(url), FAST, cover(dir));
  }

  Forwarder forwarder(Spool spool, URI url) throws Exception {
    return forwarder(spool, url, dir);
  }

  Spool spool() throws Exception {
    return new Spool(dir.resolve("spool"), new Quota(10_000, 1L << 30));
  }

  /** Spools {@code n} new envelopes, due at once, and gives them. */
  static List<Envelope> putNew(Spool spool, int n) throws Exception {
    List<Envelope> put = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Envelope e = envelope();
      put.add(e);
      org.hotlinerelay.protocol.store.DurableStore.await(spool.putAsync(e, Instant.EPOCH));
    }
    return put;
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

  /** The ids of every report the intake received, in every request so far (drains its queue). */
  static Set<String> received(TestIntake intake) throws InterruptedException {
    Set<String> ids = new HashSet<>();
    for (TestIntake.Request r; (r = intake.takeRequest(Duration.ZERO)) != null; ) {
      r.envelopes().stream().filter(Objects::nonNull).filter(e -> !e.cover()).forEach(e -> ids.add(e.id()));
    }
    return ids;
  }

  /** Answers each report by {@code status}'s entry for its id, else 201; cover 202. */
  static TestIntake.Dispatcher byId(Map<String, Integer> status) {
    return request -> new Answer(200, request.envelopes().stream()
        .mapToInt(e -> e.cover() ? 202 : status.getOrDefault(e.id(), 201)).toArray());
  }

  /** A clock tests move by hand. */
  static final class MovableClock extends Clock {
    volatile Instant now = Instant.parse("2026-12-01T10:00:00Z");

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  @Test
  void tick_sendsOneBatchOfTheSmallestBucket_whenNothingIsDue() throws Exception {
    try (TestIntake intake = TestIntake.start(TestIntake.STORE_ALL); Spool spool = spool()) {
      Forwarder forwarder = forwarder(spool, intake.url());
      Set<Integer> lengths = new HashSet<>();
      for (int i = 0; i < 3; i++) {
        forwarder.tick();
        TestIntake.Request request = intake.takeRequest(Duration.ofSeconds(5));
        assertEquals(2, request.envelopes().size(), "the smallest bucket");
        assertTrue(request.envelopes().stream().allMatch(Envelope::cover));
        lengths.add(request.body().length);
      }
      assertEquals(null, intake.takeRequest(Duration.ZERO), "one request per tick, no more");
      assertEquals(1, lengths.size(), "every batch below the smallest bucket is the same length");
      assertEquals(3, forwarder.batches());
      forwarder.close();
    }
  }

  @Test
  void tick_fillsTheBucketWithCover_identicalOnTheWire_andVerified() throws Exception {
    try (TestIntake intake = TestIntake.start(TestIntake.STORE_ALL); Spool spool = spool()) {
      Forwarder forwarder = forwarder(spool, intake.url());
      Set<String> sent = ids(putNew(spool, 3));
      forwarder.tick();
      TestIntake.Request request = intake.takeRequest(Duration.ofSeconds(5));
      assertEquals(16, request.envelopes().size(), "3 due: the next bucket, 16");
      List<byte[]> frames = EnvelopeBatch.split(request.body());
      assertEquals(1, frames.stream().map(f -> f.length).distinct().count(), "report and cover frames have one length");
      EnvelopeVerifier verifier = EnvelopeVerifier.create(List.of(TestKeys.relayPublic("relay-test", RELAY_KEY)));
      for (Envelope e : request.envelopes()) {
        verifier.verify(e);
      }
      assertEquals(sent, request.envelopes().stream().filter(e -> !e.cover()).map(Envelope::id).collect(Collectors.toSet()));
      assertEquals(3, forwarder.forwarded());
      assertEquals(0, spool.depth());
      forwarder.close();
    }
  }

  @Test
  void tick_bucketSizes_largestAtMost_theRestNextInterval() throws Exception {
    try (TestIntake intake = TestIntake.start(TestIntake.STORE_ALL); Spool spool = spool()) {
      Forwarder forwarder = forwarder(spool, intake.url());
      putNew(spool, 2);
      forwarder.tick();
      assertEquals(2, intake.takeRequest(Duration.ofSeconds(5)).envelopes().size());
      putNew(spool, 17);
      forwarder.tick();
      assertEquals(128, intake.takeRequest(Duration.ofSeconds(5)).envelopes().size(), "17 due: 128");
      putNew(spool, 130);
      forwarder.tick();
      TestIntake.Request full = intake.takeRequest(Duration.ofSeconds(5));
      assertEquals(128, full.envelopes().size());
      assertTrue(full.envelopes().stream().noneMatch(Envelope::cover), "128 reports, no cover");
      assertEquals(2, spool.depth(), "the rest waits for the next interval");
      forwarder.tick();
      assertEquals(2, intake.takeRequest(Duration.ofSeconds(5)).envelopes().stream().filter(e -> !e.cover()).count());
      assertEquals(0, spool.depth());
      forwarder.close();
    }
  }

  /** The release time stored with each report decides; a restart keeps it. */
  @Test
  void tick_neverSendsAReportBeforeItsReleaseTime() throws Exception {
    MovableClock clock = new MovableClock();
    Instant release = clock.now.plus(Duration.ofMinutes(30));
    Envelope later = envelope();
    try (Spool spool = spool()) {
      org.hotlinerelay.protocol.store.DurableStore.await(spool.putAsync(later, release));
    }
    try (TestIntake intake = TestIntake.start(TestIntake.STORE_ALL); Spool reopened = spool()) {
      Forwarder forwarder = new Forwarder(reopened, config(intake.url()), FAST, cover(dir), clock);
      clock.now = release.minusMillis(1);
      forwarder.tick();
      assertTrue(intake.takeRequest(Duration.ofSeconds(5)).envelopes().stream().allMatch(Envelope::cover), "not yet");
      assertEquals(1, reopened.depth());
      clock.now = release;
      forwarder.tick();
      assertEquals(Set.of(later.id()), received(intake));
      assertEquals(0, reopened.depth());
      forwarder.close();
    }
  }

  @Test
  void start_isATimerLoop_batchesKeepComingWithNothingDue() throws Exception {
    try (TestIntake intake = TestIntake.start(TestIntake.STORE_ALL); Spool spool = spool();
        Forwarder forwarder = forwarder(spool, intake.url()).start()) {
      for (int i = 0; i < 4; i++) {
        TestIntake.Request request = intake.takeRequest(Duration.ofSeconds(5));
        assertEquals(2, request.envelopes().size());
        assertTrue(request.envelopes().stream().allMatch(Envelope::cover));
      }
      assertTrue(forwarder.batches() >= 4);
    }
  }

  /**
   * An intake outage of several intervals: one request per interval all along (the schedule does
   * not stop), nothing lost; the backlog then goes out in bucket-sized batches.
   */
  @Test
  void outage_scheduleGoesOn_backlogThenLeavesInBucketSizedBatches() throws Exception {
    AtomicInteger whole = new AtomicInteger(503);
    try (TestIntake intake = TestIntake.start(request -> whole.get() == 200
            ? TestIntake.STORE_ALL.dispatch(request) : Answer.of(whole.get()));
        Spool spool = spool()) {
      Forwarder forwarder = forwarder(spool, intake.url());
      Set<String> sent = ids(putNew(spool, 40));
      for (int i = 0; i < 3; i++) {
        forwarder.tick();
        assertEquals(128, intake.takeRequest(Duration.ofSeconds(5)).envelopes().size(), "the backlog's bucket");
      }
      assertEquals(40, spool.depth(), "nothing lost during the outage");
      whole.set(200);
      forwarder.tick();
      assertEquals(sent, received(intake));
      assertEquals(0, spool.depth());
      forwarder.tick();
      assertEquals(2, intake.takeRequest(Duration.ofSeconds(5)).envelopes().size(), "back to the smallest bucket");
      forwarder.close();
    }
  }

  @Test
  void deliver_2xxDeletes() throws Exception {
    try (TestIntake intake = TestIntake.start(TestIntake.STORE_ALL); Spool spool = spool();
        Forwarder forwarder = forwarder(spool, intake.url()).start()) {
      List<Envelope> sent = putNew(spool, 20);
      await(() -> forwarder.forwarded() == 20 && spool.depth() == 0);
      TestIntake.Request first = intake.takeRequest(Duration.ZERO);
      assertEquals(EnvelopeBatch.PATH, first.path());
      assertEquals(EnvelopeBatch.MEDIA_TYPE, first.contentType());
      Set<String> all = received(intake);
      first.envelopes().stream().filter(e -> !e.cover()).forEach(e -> all.add(e.id()));
      assertEquals(ids(sent), all);
      assertEquals(List.of(), spool.due(Instant.ofEpochMilli(Long.MAX_VALUE), Integer.MAX_VALUE));
      assertEquals(0, forwarder.quarantined());
    }
  }

  @Test
  void batch_eachEnvelopeSettledByItsOwnStatus() throws Exception {
    List<Envelope> sent;
    try (Spool before = spool()) {
      sent = putNew(before, 60);
    }
    Envelope refused = sent.get(7);
    Envelope notNow = sent.get(31);
    Map<String, Integer> status = new ConcurrentHashMap<>(Map.of(refused.id(), 403, notNow.id(), 503));
    try (TestIntake intake = TestIntake.start(byId(status)); Spool spool = spool();
        Forwarder forwarder = forwarder(spool, intake.url()).start()) {
      await(() -> forwarder.forwarded() == 58 && forwarder.quarantined() == 1);
      assertTrue(Files.exists(dir.resolve("spool").resolve("quarantine").resolve(refused.id())), "only the refused one quarantined");
      assertEquals(List.of(notNow.id()), spool.due(Instant.ofEpochMilli(Long.MAX_VALUE), Integer.MAX_VALUE), "the one answered 503 waits for a retry");
      status.put(notNow.id(), 201);
      await(() -> forwarder.forwarded() == 59);
      assertEquals(0, spool.depth());
    }
  }

  @Test
  void intakeAnswers404or415_isAConfigurationError_countedLoggedOnce_nothingLost() throws Exception {
    AtomicInteger whole = new AtomicInteger(404);
    try (TestIntake intake = TestIntake.start(request -> whole.get() == 200
            ? TestIntake.STORE_ALL.dispatch(request) : Answer.of(whole.get()));
        Spool spool = spool()) {
      List<Envelope> sent = putNew(spool, 3);
      try (Forwarder forwarder = forwarder(spool, intake.url()).start()) {
        await(() -> forwarder.misconfigured() >= 2);
        whole.set(415);
        long before = forwarder.misconfigured();
        await(() -> forwarder.misconfigured() > before);
        assertEquals(3, spool.depth(), "nothing deleted, nothing quarantined");
        assertEquals(0, forwarder.quarantined());
        whole.set(200);
        await(() -> forwarder.forwarded() == 3);
        assertTrue(received(intake).containsAll(ids(sent)));
      }
    }
  }

  @Test
  void deliver_4xxQuarantines() throws Exception {
    try (TestIntake intake = TestIntake.start(request -> new Answer(200, request.envelopes().stream()
        .mapToInt(e -> e.cover() ? 202 : 400).toArray())); Spool spool = spool()) {
      Envelope e = putNew(spool, 1).get(0);
      try (Forwarder forwarder = forwarder(spool, intake.url()).start()) {
        await(() -> forwarder.quarantined() == 1);
        assertEquals(0, spool.depth());
        assertEquals(1, spool.quarantined());
        assertTrue(Files.exists(dir.resolve("spool").resolve("quarantine").resolve(e.id())), "kept in quarantine, not deleted");
        assertEquals(0, forwarder.forwarded());
      }
    }
  }

  @Test
  void deliver_retriesAfterOutage() throws Exception {
    AtomicInteger whole = new AtomicInteger(503);
    try (TestIntake intake = TestIntake.start(request -> whole.get() == 200
            ? TestIntake.STORE_ALL.dispatch(request) : Answer.of(whole.get()));
        Spool spool = spool()) {
      Set<String> sent = ids(putNew(spool, 5));
      try (Forwarder forwarder = forwarder(spool, intake.url()).start()) {
        await(() -> forwarder.failures() >= 3);
        assertEquals(5, spool.depth(), "nothing deleted while the hotline answers 503");
        whole.set(429);
        long before = forwarder.failures();
        await(() -> forwarder.failures() > before + 2);
        assertEquals(5, spool.depth(), "nothing deleted on 429");
        whole.set(200);
        await(() -> forwarder.forwarded() == 5);
        assertTrue(received(intake).containsAll(sent));
        assertEquals(0, spool.depth());
        assertEquals(0, forwarder.quarantined());
      }
    }
  }

  @Test
  void deliver_retriesWhileHotlineDown() throws Exception {
    int port;
    try (TestIntake probe = TestIntake.start(TestIntake.STORE_ALL)) {
      port = probe.port();
    }
    try (Spool spool = spool()) {
      Envelope e = putNew(spool, 1).get(0);
      try (Forwarder forwarder = forwarder(spool, URI.create("http://127.0.0.1:" + port)).start()) {
        await(() -> forwarder.failures() >= 2);
        assertEquals(1, spool.depth());
        try (TestIntake intake = TestIntake.start(TestIntake.STORE_ALL, port)) {
          await(() -> forwarder.forwarded() == 1);
          assertEquals(Set.of(e.id()), received(intake));
        }
      }
    }
  }

  @Test
  void start_sendsEnvelopesPendingFromBeforeRestart() throws Exception {
    Set<String> sent;
    try (Spool spool = spool()) {
      sent = ids(putNew(spool, 7));
    }
    try (TestIntake intake = TestIntake.start(TestIntake.STORE_ALL); Spool reopened = spool();
        Forwarder forwarder = forwarder(reopened, intake.url()).start()) {
      await(() -> forwarder.forwarded() == 7);
      assertEquals(sent, received(intake));
      assertEquals(0, reopened.depth());
    }
  }

  @Test
  void settle_envelopeChangedOnDisk_quarantinedNotDeleted_notSent() throws Exception {
    Envelope e;
    try (Spool spool = spool()) {
      e = putNew(spool, 1).get(0);
    }
    Path outbox = dir.resolve("spool").resolve("outbox");
    Path segment;
    try (var files = Files.list(outbox)) {
      segment = files.filter(f -> Ids.isValid(f.getFileName().toString())).findFirst().orElseThrow();
    }
    byte[] bytes = Files.readAllBytes(segment);
    try (TestIntake intake = TestIntake.start(TestIntake.STORE_ALL); Spool spool = spool()) {
      // Changed after start-up (start-up would have moved the record aside): caught when read to send.
      bytes[bytes.length - 1] ^= 1;
      Files.write(segment, bytes);
      try (Forwarder forwarder = forwarder(spool, intake.url()).start()) {
        await(() -> forwarder.quarantined() == 1);
        assertTrue(Files.exists(dir.resolve("spool").resolve("quarantine").resolve(e.id())));
        assertEquals(Set.of(), received(intake), "never sent");
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
    try (Spool spool = spool()) {
      TestIntake intake = TestIntake.start(request -> new Answer(200, request.envelopes().stream()
          .mapToInt(e -> e.cover() ? 202 : 400).toArray()));
      Envelope refused = putNew(spool, 1).get(0);
      try (Forwarder forwarder = forwarder(spool, intake.url()).start()) {
        await(() -> forwarder.quarantined() == 1);
      }
      intake.close();
      Envelope retried = putNew(spool, 1).get(0);
      try (Forwarder forwarder = forwarder(spool, intake.url()).start()) {
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
}
