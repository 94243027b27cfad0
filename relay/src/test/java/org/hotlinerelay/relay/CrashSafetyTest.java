package org.hotlinerelay.relay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import com.google.crypto.tink.KeysetHandle;
import org.hotlinerelay.protocol.envelope.Envelope;
import org.hotlinerelay.protocol.envelope.EnvelopeCodec;
import org.hotlinerelay.protocol.envelope.RelaySigningKey;
import org.hotlinerelay.protocol.keys.PublicKeyset;
import org.hotlinerelay.protocol.report.Report;
import org.hotlinerelay.protocol.seal.Opener;
import org.hotlinerelay.protocol.testing.TestKeys;
import org.hotlinerelay.relay.testing.ChildRelay;
import org.hotlinerelay.relay.testing.Forms;
import org.hotlinerelay.relay.testing.RawHttp;
import org.hotlinerelay.relay.testing.RecordingIntake;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Invariant 3: under concurrent load, kill -9 the relay (a real child JVM) while the hotline is
 * down, restart it on the same spool with the hotline up, and every report that got a 303 reaches
 * the hotline — exactly once after de-duplication by envelope id.
 */
class CrashSafetyTest {
  @TempDir Path dir;

  private static Process startChild(Path dir, String fingerprint, String intake) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder pb = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
        "-Djava.util.logging.config.file=" + System.getProperty("java.util.logging.config.file", ""),
        ChildRelay.class.getName(), dir.toString(), fingerprint, intake);
    pb.redirectError(ProcessBuilder.Redirect.DISCARD);
    return pb.start();
  }

  private static int portOf(Process child) throws Exception {
    BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
    String line = out.readLine();
    assertTrue(line != null && line.startsWith("PORT "), "child did not start: " + line);
    return Integer.parseInt(line.substring(5).strip());
  }

  @Test
  void killDashNine_underLoad_losesNoAcknowledgedReport() throws Exception {
    KeysetHandle hotlinePrivate = TestKeys.hotlinePrivate();
    PublicKeyset hotlinePublic = TestKeys.publicOf(hotlinePrivate);
    Files.writeString(dir.resolve("hotline-public.json"), hotlinePublic.toJson());
    Files.writeString(dir.resolve("relay-signing.json"), RelaySigningKey.toJson(TestKeys.relaySigning()));
    Set<String> acknowledged = ConcurrentHashMap.newKeySet();
    try (RecordingIntake intake = new RecordingIntake()) {
      intake.answer(503);
      Process first = startChild(dir, hotlinePublic.fingerprint(), intake.url().toString());
      try {
        int port = portOf(first);
        AtomicBoolean stop = new AtomicBoolean();
        AtomicInteger next = new AtomicInteger();
        ExecutorService load = Executors.newFixedThreadPool(8);
        for (int t = 0; t < 8; t++) {
          load.execute(() -> {
            while (!stop.get()) {
              String marker = "crash-report-" + next.incrementAndGet();
              try {
                RawHttp.Response r = RawHttp.send(port, RawHttp.post("/report", Forms.URLENCODED,
                    Forms.valid() + "&details=" + marker));
                if (r.status() == 303) {
                  acknowledged.add(marker);
                }
              } catch (Exception killed) {
                // The relay died mid-request: that report was never acknowledged.
              }
            }
          });
        }
        while (acknowledged.size() < 100) {
          Thread.sleep(20);
        }
        first.destroyForcibly(); // SIGKILL
        first.waitFor(10, TimeUnit.SECONDS);
        stop.set(true);
        load.shutdown();
        assertTrue(load.awaitTermination(30, TimeUnit.SECONDS));
      } finally {
        first.destroyForcibly();
      }

      intake.answer(200);
      Process second = startChild(dir, hotlinePublic.fingerprint(), intake.url().toString());
      try {
        portOf(second);
        Path outbox = dir.resolve("spool").resolve("outbox");
        for (int i = 0; i < 600; i++) {
          try (var files = Files.list(outbox)) {
            if (files.findAny().isEmpty()) {
              break;
            }
          }
          Thread.sleep(100);
        }
      } finally {
        second.destroyForcibly();
        second.waitFor(10, TimeUnit.SECONDS);
      }

      Opener opener = Opener.create(hotlinePrivate);
      Map<String, Envelope> byId = new HashMap<>();
      for (byte[] body : intake.bodies()) {
        Envelope e = EnvelopeCodec.fromJson(body);
        byId.put(e.id(), e);
      }
      Map<String, Integer> delivered = new HashMap<>();
      List<String> reportIds = new ArrayList<>();
      for (Envelope e : byId.values()) {
        Report report = opener.open(e.sealed());
        delivered.merge(report.details(), 1, Integer::sum);
        reportIds.add(report.id());
      }
      for (String marker : acknowledged) {
        assertEquals(1, delivered.getOrDefault(marker, 0), "acknowledged report " + marker + " delivered once");
      }
      assertEquals(reportIds.size(), Set.copyOf(reportIds).size(), "one envelope per report after de-duplication");
      assertTrue(acknowledged.size() >= 100);
    }
  }
}
