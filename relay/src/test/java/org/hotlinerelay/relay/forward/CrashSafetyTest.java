// SPDX-License-Identifier: Apache-2.0
package org.hotlinerelay.relay.forward;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.crypto.tink.KeysetHandle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.hotlinerelay.protocol.envelope.Envelope;
import org.hotlinerelay.protocol.envelope.RelaySigningKey;
import org.hotlinerelay.protocol.keys.PublicKeyset;
import org.hotlinerelay.protocol.report.Report;
import org.hotlinerelay.protocol.testing.TestOpener;
import org.hotlinerelay.protocol.testing.TestKeys;
import org.hotlinerelay.relay.testing.Forms;
import org.hotlinerelay.relay.spool.internal.SpoolFiles;
import org.hotlinerelay.relay.testing.RawHttp;
import org.hotlinerelay.relay.testing.TestIntake;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Invariant 3 with a real process: a relay JVM is killed with SIGKILL under concurrent load,
 * restarted on the same spool, and every report that got a 303 must reach the (fake) hotline
 * exactly once after de-duplication by envelope id — through a hotline outage, and at the quota.
 */
class CrashSafetyTest {
  @TempDir Path dir;

  private final KeysetHandle hotlinePrivate = TestKeys.hotlinePrivate();
  /** What the hotline stored: every report envelope it answered 201. */
  private final List<Envelope> received = new CopyOnWriteArrayList<>();
  /** The hotline's answer to every request: 200 (results) or the status of an outage. */
  private final AtomicInteger status = new AtomicInteger(200);
  private final TestIntake.Dispatcher hotline = request -> {
    if (status.get() != 200) {
      return TestIntake.Answer.of(status.get());
    }
    request.envelopes().stream().filter(e -> e != null && !e.cover()).forEach(received::add);
    return TestIntake.STORE_ALL.dispatch(request);
  };

  private List<String> relayArgs(TestIntake intake, String... extra) throws Exception {
    PublicKeyset publicKeyset = TestKeys.publicOf(hotlinePrivate);
    Path keyset = dir.resolve("hotline-public.json");
    Path signing = dir.resolve("relay-signing.json");
    if (!Files.exists(keyset)) {
      Files.writeString(keyset, publicKeyset.toJson());
      Files.writeString(signing, RelaySigningKey.toJson(TestKeys.relaySigning()));
    }
    List<String> args = new ArrayList<>(List.of(
        "--hotline-url", intake.url().toString(),
        "--hotline-keyset", keyset.toString(),
        "--hotline-fingerprint", publicKeyset.fingerprint(),
        "--relay-id", "crash-test",
        "--signing-key", signing.toString(),
        "--spool", dir.resolve("spool").toString(),
        "--forward-interval", "100ms", "--release-window", "1s"));
    args.addAll(List.of(extra));
    return args;
  }

  /** Reporters posting forms with a unique canary each; remembers which got a 303. */
  static final class Load implements AutoCloseable {
    final Set<String> acknowledged = ConcurrentHashMap.newKeySet();
    final AtomicInteger unavailable = new AtomicInteger();
    final AtomicInteger otherStatus = new AtomicInteger();
    private final AtomicBoolean stop = new AtomicBoolean();
    private final List<Thread> threads = new ArrayList<>();

    Load(int port, int clients, String phase) {
      for (int c = 0; c < clients; c++) {
        String prefix = "canary-" + phase + "-" + c + "-";
        Thread t = new Thread(() -> {
          for (int i = 0; !stop.get(); i++) {
            String canary = prefix + i;
            try {
              RawHttp.Response r = RawHttp.send(port, RawHttp.post("/report", Forms.URLENCODED, form(canary)));
              if (r.status() == 303) {
                acknowledged.add(canary);
              } else if (r.status() == 503) {
                unavailable.incrementAndGet();
              } else {
                otherStatus.incrementAndGet();
              }
            } catch (Exception refusedOrKilled) {
              // No answer: the reporter was not told "received"; nothing is owed.
            }
          }
        }, "load-" + c);
        t.setDaemon(true);
        threads.add(t);
        t.start();
      }
    }

    void awaitAcknowledged(int n) throws InterruptedException {
      ForwarderTest.await(() -> acknowledged.size() >= n);
    }

    @Override
    public void close() throws InterruptedException {
      stop.set(true);
      for (Thread t : threads) {
        t.join(30_000);
      }
    }
  }

  static String form(String canary) {
    return Forms.encode(List.of(Map.entry("portal", "default"), Map.entry("lang", "en"),
        Map.entry("url", "https://example.com/" + canary), Map.entry("kind", "images"),
        Map.entry("details", canary)));
  }

  /** Opens what the hotline received, de-duplicated by envelope id: canary → number of reports. */
  private Map<String, Integer> delivered() throws Exception {
    Map<String, Envelope> byEnvelopeId = new LinkedHashMap<>();
    for (Envelope e : received) {
      byEnvelopeId.putIfAbsent(e.id(), e);
    }
    Map<String, Integer> count = new HashMap<>();
    Set<String> reportIds = new java.util.HashSet<>();
    for (Envelope e : byEnvelopeId.values()) {
      Report report = TestOpener.open(hotlinePrivate, e.sealed());
      assertTrue(reportIds.add(report.id()), "one report in two envelopes");
      count.merge(report.details(), 1, Integer::sum);
    }
    return count;
  }

  private void awaitAllDelivered(Set<String> acknowledged) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
    while (!delivered().keySet().containsAll(acknowledged)) {
      if (System.nanoTime() > deadline) {
        Set<String> missing = new java.util.HashSet<>(acknowledged);
        missing.removeAll(delivered().keySet());
        throw new AssertionError(missing.size() + " acknowledged reports never reached the hotline");
      }
      Thread.sleep(250);
    }
  }

  @Test
  void kill9UnderLoad_everyAcknowledgedReportDeliveredExactlyOnce() throws Exception {
    Path log = dir.resolve("relay.log");
    int port = RelayProcess.freePort();
    Set<String> acknowledged = ConcurrentHashMap.newKeySet();
    status.set(503);
    try (TestIntake intake = TestIntake.start(hotline)) { // the hotline is down while the first relay runs and dies
      RelayProcess first = RelayProcess.start(port, log, relayArgs(intake));
      try (Load load = new Load(port, 16, "a")) {
        load.awaitAcknowledged(40);
        first.kill();
        acknowledged.addAll(load.acknowledged);
      }
      try (RelayProcess second = RelayProcess.start(port, log, relayArgs(intake))) {
        try (Load load = new Load(port, 16, "b")) {
          load.awaitAcknowledged(20);
          status.set(200); // hotline back while reports keep coming
          load.awaitAcknowledged(80);
          second.kill(); // killed again, now while forwarding
          acknowledged.addAll(load.acknowledged);
        }
      }
      try (RelayProcess third = RelayProcess.start(port, log, relayArgs(intake))) {
        awaitAllDelivered(acknowledged);
        Map<String, Integer> delivered = delivered();
        for (String canary : acknowledged) {
          assertEquals(1, delivered.get(canary), "exactly once after de-duplication: " + canary);
        }
        delivered.values().forEach(n -> assertEquals(1, n));
        ForwarderTest.await(() -> outboxSize() == 0);
        System.out.printf("crash test: %d acknowledged, %d delivered after de-duplication, %d envelopes received%n",
            acknowledged.size(), delivered.size(), received.size());
      }
      assertTrue(acknowledged.size() >= 60, "the load produced acknowledged reports");
    }
  }

  @Test
  void quotaReached_answers503AndLosesNothing() throws Exception {
    Path log = dir.resolve("relay.log");
    int port = RelayProcess.freePort();
    status.set(503);
    try (TestIntake intake = TestIntake.start(hotline)) {
      try (RelayProcess relay = RelayProcess.start(port, log, relayArgs(intake, "--spool-max-entries", "10"))) {
        List<String> acknowledged = new ArrayList<>();
        int refused = 0;
        for (int i = 0; i < 15; i++) {
          String canary = "canary-quota-" + i;
          RawHttp.Response r = RawHttp.send(port, RawHttp.post("/report", Forms.URLENCODED, form(canary)));
          if (r.status() == 303) {
            acknowledged.add(canary);
          } else {
            assertEquals(503, r.status());
            assertTrue(r.header("Retry-After") != null, "503 says when to retry");
            refused++;
          }
        }
        assertEquals(10, acknowledged.size());
        assertEquals(5, refused);
        assertEquals(10, outboxSize());
        status.set(200);
        awaitAllDelivered(Set.copyOf(acknowledged));
        assertEquals(10, delivered().size());
        ForwarderTest.await(() -> outboxSize() == 0);
        RawHttp.Response after = RawHttp.send(port, RawHttp.post("/report", Forms.URLENCODED, form("canary-after")));
        assertEquals(303, after.status(), "room again once delivered");
      }
    }
  }

  /** Envelopes in the outbox, read from its files (the relay is another process). */
  private int outboxSize() {
    try {
      return SpoolFiles.readAll(dir.resolve("spool").resolve("outbox")).size();
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
