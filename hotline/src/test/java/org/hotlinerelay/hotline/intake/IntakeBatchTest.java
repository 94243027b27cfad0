// SPDX-License-Identifier: Apache-2.0
package org.hotlinerelay.hotline.intake;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.hotlinerelay.hotline.intake.IntakeMetrics.Outcome;
import org.hotlinerelay.protocol.envelope.Envelope;
import org.hotlinerelay.protocol.envelope.EnvelopeBatch;
import org.hotlinerelay.protocol.envelope.EnvelopeBinary;
import org.hotlinerelay.protocol.envelope.EnvelopeSigner;
import org.hotlinerelay.protocol.store.DurableStore;
import org.hotlinerelay.protocol.store.Quota;
import org.hotlinerelay.protocol.testing.TestKeys;
import org.hotlinerelay.protocol.testing.TestReports;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code POST /v1/envelopes}: each envelope of a batch gets its own verdict. */
class IntakeBatchTest {
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

  /** A folder fsync that waits for {@code release} first. */
  /** A folder sync that waits for {@code release}; {@code reached} counts down when a sync begins. */
  private static DurableStore.FolderSync heldUntil(CountDownLatch release, CountDownLatch reached) {
    return dir -> {
      reached.countDown();
      try {
        release.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      DurableStore.syncDirectory(dir);
    };
  }

  private List<Envelope> envelopes(int n) throws Exception {
    List<Envelope> list = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      list.add(fx.envelope());
    }
    return list;
  }

  @Test
  void batch_allValid_200EachStoredAnd201() throws Exception {
    List<Envelope> batch = envelopes(5);
    HttpResponse<String> response = fx.postBatch(server, batch);
    assertEquals(200, response.statusCode());
    assertEquals("{\"results\":[201,201,201,201,201]}", response.body());
    for (Envelope e : batch) {
      assertArrayEquals(EnvelopeBinary.encode(e), Files.readAllBytes(fx.inbox.resolve(e.id())));
    }
    assertEquals(5, server.metrics().storedCount());
  }

  /**
   * A mixed batch: a fresh envelope, a forged one, something that is no envelope, one already
   * stored, one of an unknown relay, a cover. Each gets its own verdict; only the fresh one is
   * stored.
   */
  @Test
  void batch_mixed_eachEnvelopeItsOwnVerdict_onlyTheValidStored() throws Exception {
    Envelope stored = fx.envelope();
    assertEquals(201, fx.postOne(server, stored));
    Envelope fresh = fx.envelope();
    Envelope forged = EnvelopeSigner.create(IntakeFixture.RELAY, TestKeys.relaySigning()).wrap(fx.sealer.seal(TestReports.minimal()));
    Envelope stranger = EnvelopeSigner.create("stranger", TestKeys.relaySigning()).wrap(fx.sealer.seal(TestReports.minimal()));
    Envelope cover = fx.signer.wrapCover(fx.sealer.seal(TestReports.minimal()));
    List<byte[]> encoded = new ArrayList<>(List.of(fresh, forged, stored, stranger, cover).stream().map(EnvelopeBinary::encode).toList());
    encoded.add(2, "{\"v\":2}".getBytes(US_ASCII));
    HttpResponse<String> response = fx.post(server, EnvelopeBatch.join(encoded), EnvelopeBatch.MEDIA_TYPE);
    assertEquals(200, response.statusCode());
    assertArrayEquals(new int[] {201, 403, 400, 200, 403, 202}, EnvelopeBatch.parseResults(response.body().getBytes(US_ASCII), 6));
    assertArrayEquals(EnvelopeBinary.encode(fresh), Files.readAllBytes(fx.inbox.resolve(fresh.id())));
    assertFalse(Files.exists(fx.inbox.resolve(forged.id())));
    assertFalse(Files.exists(fx.inbox.resolve(stranger.id())));
    assertFalse(Files.exists(fx.inbox.resolve(cover.id())));
    assertEquals(2, fx.storedFiles());
    assertEquals(1, server.metrics().refusedCount(Outcome.BAD_SIGNATURE));
    assertEquals(1, server.metrics().refusedCount(Outcome.UNKNOWN_RELAY));
    assertEquals(1, server.metrics().refusedCount(Outcome.MALFORMED));
    assertEquals(1, server.metrics().duplicateCount());
    assertEquals(1, server.metrics().coverCount());
  }

  /** Cover is checked like a report, counted, and leaves nothing behind: no file, no inbox entry. */
  @Test
  void cover_isVerifiedCountedAndNeverStored() throws Exception {
    List<Envelope> covers = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      covers.add(fx.signer.wrapCover(fx.sealer.seal(TestReports.minimal())));
    }
    HttpResponse<String> response = fx.postBatch(server, covers);
    assertEquals("{\"results\":[202,202,202,202]}", response.body());
    assertEquals(4, server.metrics().coverCount());
    assertEquals(0, server.metrics().storedCount());
    assertEquals(0, server.inboxSize());
    try (var files = Files.list(fx.inbox)) {
      assertEquals(List.of(), files.toList(), "nothing at all written for cover");
    }
  }

  @Test
  void batch_notABatch_wholeRequestRefused_nothingStored() throws Exception {
    byte[] one = EnvelopeBinary.encode(fx.envelope());
    assertEquals(400, fx.post(server, one, EnvelopeBatch.MEDIA_TYPE).statusCode(), "no frame length");
    byte[] full = EnvelopeBatch.join(java.util.Collections.nCopies(EnvelopeBatch.MAX_ENVELOPES, one));
    assertTrue(full.length <= EnvelopeBatch.MAX_BYTES);
    byte[] plusOne = java.nio.ByteBuffer.allocate(full.length + 4 + one.length).put(full).putInt(one.length).put(one).array();
    assertEquals(400, fx.post(server, plusOne, EnvelopeBatch.MEDIA_TYPE).statusCode(), "one too many");
    assertEquals(413, fx.post(server, new byte[EnvelopeBatch.MAX_BYTES + 1], EnvelopeBatch.MEDIA_TYPE).statusCode());
    assertEquals(0, fx.storedFiles());
    assertEquals("{\"results\":[201" + ",503".repeat(EnvelopeBatch.MAX_ENVELOPES - 1) + "]}",
        fx.post(server, full, EnvelopeBatch.MEDIA_TYPE).body(), "the largest batch is read whole");
  }

  @Test
  void batch_sameIdTwice_storedOnce_secondRetriedLaterNotAcknowledged() throws Exception {
    Envelope e = fx.envelope();
    HttpResponse<String> response = fx.postBatch(server, List.of(e, e));
    assertEquals("{\"results\":[201,503]}", response.body());
    assertEquals(1, fx.storedFiles());
    assertEquals("{\"results\":[200]}", fx.postBatch(server, List.of(e)).body());
  }

  @Test
  void batch_overQuota_theRest503_nothingAcknowledgedThatIsNotStored() throws Exception {
    server.close();
    server = IntakeServer.start(IntakeConfig.loopback(fx.inbox, fx.knownRelays).withQuota(new Quota(2, 1L << 30)));
    List<Envelope> batch = envelopes(4);
    int[] statuses = EnvelopeBatch.parseResults(fx.postBatch(server, batch).body().getBytes(US_ASCII), 4);
    int acknowledged = 0;
    for (int i = 0; i < 4; i++) {
      boolean there = Files.exists(fx.inbox.resolve(batch.get(i).id()));
      assertEquals(there ? 201 : 503, statuses[i], "envelope " + i);
      acknowledged += there ? 1 : 0;
    }
    assertEquals(2, acknowledged);
    assertEquals(2, server.metrics().refusedCount(Outcome.INBOX_FULL));
  }

  @Test
  void batch_answeredOnlyAfterTheFolderFsync() throws Exception {
    server.close();
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch reached = new CountDownLatch(1);
    DurableStore.FolderSync held = heldUntil(release, reached);
    server = IntakeServer.start(IntakeConfig.loopback(fx.inbox, fx.knownRelays), held);
    List<Envelope> batch = envelopes(3);
    CompletableFuture<HttpResponse<String>> answer = CompletableFuture.supplyAsync(() -> {
      try {
        return fx.postBatch(server, batch);
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
    try {
      assertTrue(reached.await(10, TimeUnit.SECONDS), "the folder fsync was never reached");
      assertFalse(answer.isDone(), "answered before the folder fsync");
    } finally {
      release.countDown();
    }
    assertEquals("{\"results\":[201,201,201]}", answer.get(10, TimeUnit.SECONDS).body());
  }

  @Test
  void sameIdInFlight_answers503UntilDurable() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch reached = new CountDownLatch(1);
    DurableStore.FolderSync held = heldUntil(release, reached);
    EnvelopeStore store = new EnvelopeStore(new DurableStore(temp.resolve("inbox2"), new Quota(100, 1L << 30), held));
    try {
      Envelope e = fx.envelope();
      CompletableFuture<EnvelopeStore.Result[]> first = CompletableFuture.supplyAsync(() -> store.storeAll(List.of(e)));
      assertTrue(reached.await(10, TimeUnit.SECONDS), "the folder fsync was never reached");
      assertFalse(first.isDone());
      assertEquals(EnvelopeStore.Result.IN_PROGRESS, store.store(e));
      assertEquals(EnvelopeStore.Result.IN_PROGRESS, store.storeAll(List.of(e))[0]);
      release.countDown();
      assertEquals(EnvelopeStore.Result.STORED, first.get(10, TimeUnit.SECONDS)[0]);
      assertEquals(EnvelopeStore.Result.DUPLICATE, store.store(e));
    } finally {
      release.countDown();
      store.close();
    }
  }
}
