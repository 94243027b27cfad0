// SPDX-License-Identifier: Apache-2.0
package org.hotlinerelay.relay.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.undertow.Undertow;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.hotlinerelay.protocol.envelope.EnvelopeBinary;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;
import org.hotlinerelay.protocol.envelope.EnvelopeSigner;
import org.hotlinerelay.protocol.keys.PublicKeyset;
import org.hotlinerelay.protocol.report.CoarseTime;
import org.hotlinerelay.protocol.store.DurableStore;
import org.hotlinerelay.protocol.store.Quota;
import org.hotlinerelay.protocol.testing.TestKeys;
import org.hotlinerelay.relay.Metrics;
import org.hotlinerelay.relay.form.ReportForm;
import org.hotlinerelay.relay.keys.HotlineKeyset;
import org.hotlinerelay.relay.forward.Schedule;
import org.hotlinerelay.relay.spool.Spool;
import org.hotlinerelay.relay.testing.Forms;
import org.hotlinerelay.relay.testing.RawHttp;
import org.hotlinerelay.site.Languages;
import org.hotlinerelay.site.Portal;
import org.hotlinerelay.site.Site;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The answer to a valid report is completed asynchronously, when the spool's future completes:
 * these tests hold the outbox's folder fsync back (or make it fail) and show that the 303 waits
 * for it — never a "received" before the envelope is durable.
 */
class ReportHandlerAsyncTest {
  @TempDir Path dir;

  private final Metrics metrics = new Metrics();
  private Spool spool;
  private Undertow server;

  @AfterEach
  void stop() throws Exception {
    if (server != null) {
      server.stop();
    }
    if (spool != null) {
      spool.close();
    }
  }

  private int start(DurableStore.FolderSync folderSync) throws Exception {
    PublicKeyset hotline = TestKeys.publicOf(TestKeys.hotlinePrivate());
    Path keysetFile = dir.resolve("hotline-public.json");
    Files.writeString(keysetFile, hotline.toJson());
    HotlineKeyset keys = HotlineKeyset.load(keysetFile, List.of(hotline.fingerprint()), metrics);
    EnvelopeSigner signer = EnvelopeSigner.create("test-relay", TestKeys.relaySigning());
    spool = new Spool(dir.resolve("spool"), new Quota(100, 10_000_000), folderSync);
    Site site = Site.load();
    Portal portal = Portal.relayDefault(Languages.ALL.stream().filter(site::hasLanguage).toList());
    ReportHandler handler = new ReportHandler(new Pages(site, portal, List.of("default")),
        new ReportForm(Set.of("default"), portal.defaultLanguage(), CoarseTime.HOUR, Clock.systemUTC()),
        new Spooler(keys, signer, spool, Schedule.defaults(), Clock.systemUTC()), metrics, Duration.ofSeconds(5));
    server = Undertow.builder().setIoThreads(1).setWorkerThreads(2)
        .addHttpListener(0, "127.0.0.1", handler).build();
    server.start();
    return ((InetSocketAddress) server.getListenerInfo().get(0).getAddress()).getPort();
  }

  private List<Path> outboxFiles() throws IOException {
    try (Stream<Path> files = Files.list(dir.resolve("spool").resolve("outbox"))) {
      return files.toList();
    }
  }

  private int outboxEnvelopes() throws IOException {
    return org.hotlinerelay.relay.spool.internal.SpoolFiles.readAll(dir.resolve("spool").resolve("outbox")).size();
  }

  @Test
  void post_validForm_303WaitsForTheFolderFsync() throws Exception {
    CountDownLatch syncing = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    int port = start(folder -> {
      syncing.countDown();
      try {
        release.await();
      } catch (InterruptedException e) {
        throw new IOException(e);
      }
      DurableStore.syncDirectory(folder);
    });
    CompletableFuture<RawHttp.Response> answer = CompletableFuture.supplyAsync(() -> {
      try {
        return RawHttp.send(port, RawHttp.post("/report", Forms.URLENCODED, Forms.valid()));
      } catch (IOException e) {
        throw new RuntimeException(e);
      }
    });
    try {
      syncing.await();
      // Sealed, written, fsynced and renamed — but the folder fsync has not finished: no answer yet.
      assertEquals(1, outboxFiles().size());
      assertFalse(answer.isDone(), "answered before the folder fsync finished");
      assertEquals(0, metrics.acceptedCount());
    } finally {
      release.countDown();
    }
    RawHttp.Response r = answer.get();
    assertEquals(303, r.status());
    assertEquals("en/thanks", r.header("Location"));
    assertEquals(1, metrics.acceptedCount());
  }

  /**
   * The honeypot's answer waits for the same durable write as a real report's, from the very first
   * request after start-up: with the folder fsync held back, no answer leaves; what was written is
   * a cover envelope (the intake drops it), nothing of what the bot sent.
   */
  @Test
  void post_honeypot_waitsForTheSameDurableWriteAsARealReport() throws Exception {
    CountDownLatch syncing = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    int port = start(folder -> {
      syncing.countDown();
      try {
        release.await();
      } catch (InterruptedException e) {
        throw new IOException(e);
      }
      DurableStore.syncDirectory(folder);
    });
    CompletableFuture<RawHttp.Response> answer = CompletableFuture.supplyAsync(() -> {
      try {
        return RawHttp.send(port, RawHttp.post("/report", Forms.URLENCODED, Forms.valid() + "&website=http%3A%2F%2Fspam.example"));
      } catch (IOException e) {
        throw new RuntimeException(e);
      }
    });
    try {
      syncing.await();
      assertEquals(1, outboxFiles().size());
      assertFalse(answer.isDone(), "the trap answered before the durable write, as no real report could");
    } finally {
      release.countDown();
    }
    RawHttp.Response trap = answer.get();
    assertEquals(303, trap.status());
    assertEquals("en/thanks", trap.header("Location"));
    List<byte[]> spooled = new ArrayList<>(org.hotlinerelay.relay.spool.internal.SpoolFiles.readAll(
        dir.resolve("spool").resolve("outbox")).values().stream().map(s -> s.data()).toList());
    assertEquals(1, spooled.size());
    assertTrue(EnvelopeBinary.decode(spooled.get(0)).cover(), "a cover envelope, nothing the bot sent");
    assertEquals(0, metrics.acceptedCount());
    assertEquals(1, metrics.honeypotDropCount());
  }

  @Test
  void post_folderFsyncFails_answers503AndKeepsNothing() throws Exception {
    int port = start(folder -> {
      throw new IOException("disk gone");
    });
    RawHttp.Response r = RawHttp.send(port, RawHttp.post("/report", Forms.URLENCODED, Forms.valid()));
    assertEquals(503, r.status());
    assertEquals(ReportHandler.RETRY_AFTER_SECONDS, r.header("Retry-After"));
    assertNull(r.header("Location"));
    assertEquals(0, metrics.acceptedCount());
    assertEquals(List.of(), outboxFiles());
    assertEquals(0, spool.depth());
  }

  @Test
  void post_manyAtOnce_allAnsweredAfterSharedFsyncs() throws Exception {
    int[] rounds = new int[1];
    int port = start(folder -> {
      synchronized (rounds) {
        rounds[0]++;
      }
      DurableStore.syncDirectory(folder);
    });
    List<CompletableFuture<RawHttp.Response>> answers = Stream.generate(() -> CompletableFuture.supplyAsync(() -> {
      try {
        return RawHttp.send(port, RawHttp.post("/report", Forms.URLENCODED, Forms.valid()));
      } catch (IOException e) {
        throw new RuntimeException(e);
      }
    })).limit(20).toList();
    for (CompletableFuture<RawHttp.Response> a : answers) {
      assertEquals(303, a.get().status());
    }
    assertEquals(20, outboxEnvelopes());
    assertEquals(20, metrics.acceptedCount());
    synchronized (rounds) {
      assertTrue(rounds[0] >= 1 && rounds[0] <= 20, "folder fsyncs: " + rounds[0]);
    }
  }
}
