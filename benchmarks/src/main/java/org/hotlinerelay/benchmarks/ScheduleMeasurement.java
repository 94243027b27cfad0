// SPDX-License-Identifier: Apache-2.0
package org.hotlinerelay.benchmarks;

import com.google.crypto.tink.KeysetHandle;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.hotlinerelay.protocol.envelope.Envelope;
import org.hotlinerelay.protocol.envelope.RelaySigningKey;
import org.hotlinerelay.protocol.keys.PublicKeyset;
import org.hotlinerelay.hotline.open.Opener;
import org.hotlinerelay.protocol.testing.TestKeys;
import org.hotlinerelay.relay.HostPort;
import org.hotlinerelay.relay.RelayConfig;
import org.hotlinerelay.relay.RelayServer;
import org.hotlinerelay.relay.forward.Schedule;
import org.hotlinerelay.relay.testing.TestIntake;

/**
 * What the forwarding schedule shows, measured: a real relay (in this JVM) forwards to a measuring
 * test intake that records every request's time and size (what a link observer sees) and opens
 * every report with the TEST-ONLY hotline key to learn which report arrived when (production
 * code records no arrival times). 1,000 reports go in three patterns: steady (500, one every
 * window/100), bursts (4 x 125 at once, at different points of their windows) and one report alone
 * in a quiet period. Prints, per pattern: requests per interval, the batch sizes seen, each batch
 * size's body lengths, the Kolmogorov-Smirnov p-value of the arrival offsets within window k+1
 * against the uniform distribution, the correlation of send and arrival offsets, and the latency
 * from "received" to arrival. Run by {@code benchmarks/schedule.sh}.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar org.hotlinerelay.benchmarks.ScheduleMeasurement [window-seconds] [interval-ms]</pre>
 */
public final class ScheduleMeasurement {
  /** A report sent: its marker (in its details), when, in which pattern. */
  private record Sent(String marker, long atMillis, String pattern) {}

  /** A request the link observer saw. */
  private record Seen(long atMillis, int bytes, int envelopes) {}

  private final long window;
  private final long interval;
  private final List<Sent> sent = new CopyOnWriteArrayList<>();
  private final Map<String, Long> arrived = new ConcurrentHashMap<>();
  private final List<Seen> seen = new CopyOnWriteArrayList<>();
  private final HttpClient http = HttpClient.newHttpClient();
  private int relayPort;

  private ScheduleMeasurement(long windowMillis, long intervalMillis) {
    this.window = windowMillis;
    this.interval = intervalMillis;
  }

  public static void main(String[] args) throws Exception {
    long windowSeconds = args.length > 0 ? Long.parseLong(args[0]) : 10;
    long intervalMillis = args.length > 1 ? Long.parseLong(args[1]) : 100;
    new ScheduleMeasurement(windowSeconds * 1000, intervalMillis).run();
    System.exit(0);
  }

  private void run() throws Exception {
    Path dir = Files.createTempDirectory("schedule-measurement-");
    KeysetHandle hotline = TestKeys.hotlinePrivate();
    PublicKeyset publicKeyset = TestKeys.publicOf(hotline);
    Files.writeString(dir.resolve("hotline-public.json"), publicKeyset.toJson());
    Files.writeString(dir.resolve("relay-signing.json"), RelaySigningKey.toJson(TestKeys.relaySigning()));
    Opener opener = Opener.create(hotline);
    TestIntake intake = TestIntake.start(request -> {
      long now = System.currentTimeMillis();
      seen.add(new Seen(now, request.body().length, request.envelopes().size()));
      for (Envelope e : request.envelopes()) {
        if (e != null && !e.cover()) {
          try {
            arrived.putIfAbsent(opener.open(e.sealed()).details(), now);
          } catch (Exception notOpened) {
            throw new IllegalStateException("a report that does not open", notOpened);
          }
        }
      }
      return TestIntake.STORE_ALL.dispatch(request);
    });
    Schedule schedule = new Schedule(Duration.ofMillis(interval), Schedule.DEFAULT_BUCKETS, Duration.ofMillis(window));
    RelayServer relay = RelayServer.start(RelayConfig.builder()
        .listen(new HostPort("127.0.0.1", 0)).admin(new HostPort("127.0.0.1", 0))
        .hotlineUrl(intake.url()).hotlineKeyset(dir.resolve("hotline-public.json"))
        .pinnedFingerprints(List.of(publicKeyset.fingerprint())).relayId("measure")
        .signingKey(dir.resolve("relay-signing.json")).spoolDir(dir.resolve("spool"))
        .schedule(schedule).build());
    relayPort = relay.port();
    System.out.printf("schedule: a batch every %d ms, buckets %s, window %d s%n", interval, schedule.buckets(), window / 1000);

    long steadyStart = System.currentTimeMillis();
    for (int i = 0; i < 500; i++) {
      sleepUntil(steadyStart + i * window / 100);
      post("steady-" + i, "steady");
    }
    long steadyEnd = awaitArrivals("steady");
    long burstsStart = System.currentTimeMillis();
    ExecutorService pool = Executors.newFixedThreadPool(8);
    long firstWindow = (burstsStart / window + 1) * window;
    for (int b = 0; b < 4; b++) {
      sleepUntil(firstWindow + b * window + (b * 2 + 1) * window / 8);
      List<Future<?>> burst = new ArrayList<>();
      for (int i = 0; i < 125; i++) {
        String marker = "burst-" + b + "-" + i;
        burst.add(pool.submit(() -> {
          post(marker, "bursts");
          return null;
        }));
      }
      for (Future<?> f : burst) {
        f.get();
      }
    }
    pool.shutdown();
    long burstsEnd = awaitArrivals("bursts");
    sleepUntil(System.currentTimeMillis() + 2 * window);
    long loneStart = System.currentTimeMillis();
    post("lone-0", "lone");
    long loneEnd = awaitArrivals("lone");
    sleepUntil(System.currentTimeMillis() + window);
    long quietEnd = System.currentTimeMillis();

    report("steady", steadyStart, steadyEnd);
    report("bursts", burstsStart, burstsEnd);
    report("lone", loneStart, quietEnd);
    report("all", steadyStart, quietEnd);
    relay.close();
    intake.close();
  }

  private void post(String marker, String pattern) throws Exception {
    long at = System.currentTimeMillis();
    HttpResponse<Void> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + relayPort + "/report"))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString("portal=default&lang=en&url=https%3A%2F%2Fexample.com%2F" + marker
            + "&kind=images&details=" + marker)).build(), HttpResponse.BodyHandlers.discarding());
    if (r.statusCode() != 303) {
      throw new IllegalStateException("the relay answered " + r.statusCode());
    }
    sent.add(new Sent(marker, at, pattern));
  }

  /** Waits until every report of {@code pattern} arrived; the last arrival. */
  private long awaitArrivals(String pattern) throws InterruptedException {
    long deadline = System.currentTimeMillis() + 4 * window + 30_000;
    while (sent.stream().filter(s -> s.pattern().equals(pattern)).anyMatch(s -> !arrived.containsKey(s.marker()))) {
      if (System.currentTimeMillis() > deadline) {
        throw new IllegalStateException(pattern + ": reports never arrived");
      }
      Thread.sleep(50);
    }
    return sent.stream().filter(s -> s.pattern().equals(pattern)).mapToLong(s -> arrived.get(s.marker())).max().orElseThrow();
  }

  private void report(String pattern, long from, long to) {
    List<Seen> link = seen.stream().filter(s -> s.atMillis() >= from && s.atMillis() <= to).toList();
    Map<Integer, TreeMap<Integer, Integer>> lengths = new TreeMap<>();
    for (Seen s : link) {
      lengths.computeIfAbsent(s.envelopes(), k -> new TreeMap<>()).merge(s.bytes(), 1, Integer::sum);
    }
    double intervals = (to - from) / (double) interval;
    System.out.printf("%n[%s] link: %d requests in %.0f intervals (%.3f per interval); batch size -> {body bytes=requests}: %s%n",
        pattern, link.size(), intervals, link.size() / intervals, lengths);
    List<Sent> reports = sent.stream().filter(s -> pattern.equals("all") || s.pattern().equals(pattern)).toList();
    double[] sendOffset = new double[reports.size()];
    double[] arrivalOffset = new double[reports.size()];
    double[] latency = new double[reports.size()];
    for (int i = 0; i < reports.size(); i++) {
      Sent s = reports.get(i);
      long k = Math.floorDiv(s.atMillis(), window);
      long a = arrived.get(s.marker());
      sendOffset[i] = (s.atMillis() - k * window) / (double) window;
      arrivalOffset[i] = (a - (k + 1) * window) / (double) window;
      latency[i] = (a - s.atMillis()) / 1000.0;
    }
    System.out.printf("[%s] %d reports; latency s min/median/max: %.2f/%.2f/%.2f%n", pattern, reports.size(),
        java.util.Arrays.stream(latency).min().orElse(0), Stats.median(latency), java.util.Arrays.stream(latency).max().orElse(0));
    if (reports.size() > 2) {
      double d = Stats.ksUniform(arrivalOffset);
      double r = Stats.correlation(sendOffset, arrivalOffset);
      double t = Math.abs(r) * Math.sqrt((reports.size() - 2) / (1 - r * r));
      System.out.printf("[%s] arrival offset in window k+1 vs uniform: KS D=%.4f p=%.3f; corr(send offset, arrival offset) r=%.3f (p=%.3f)%n",
          pattern, d, Stats.ksPValue(d, reports.size()), r, 2 * (1 - Stats.normalCdf(t)));
    } else {
      System.out.printf("[%s] sent at offset %.3f of its window, arrived at offset %.3f of the next%n", pattern, sendOffset[0], arrivalOffset[0]);
    }
  }

  private static void sleepUntil(long millis) throws InterruptedException {
    long wait = millis - System.currentTimeMillis();
    if (wait > 0) {
      Thread.sleep(wait);
    }
  }
}
