// SPDX-License-Identifier: Apache-2.0
package org.hotlinerelay.benchmarks;

import com.google.crypto.tink.KeysetHandle;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.hotlinerelay.protocol.envelope.EnvelopeBatch;
import org.hotlinerelay.protocol.envelope.EnvelopeBinary;
import org.hotlinerelay.protocol.envelope.EnvelopeSigner;
import org.hotlinerelay.protocol.report.ContentKind;
import org.hotlinerelay.protocol.report.Ids;
import org.hotlinerelay.protocol.report.Report;
import org.hotlinerelay.protocol.seal.Sealer;
import org.hotlinerelay.protocol.testing.TestKeys;

/**
 * The real intake's own capacity: {@code hotline-relay intake} in a child JVM (the systemd unit's
 * flags, a real inbox in a temp folder, the relay {@code bench} in its known relays), and full
 * batches of 128 real signed report envelopes posted back to back, one batch at a time as a relay
 * sends them, first for a warm-up, then for the measured seconds. Every envelope carries a fresh
 * id, so every one is verified and stored (fsynced) as a new report. Prints envelopes stored per
 * second, p50/p99 per batch, the intake's CPU time per envelope (the figure that does not depend
 * on what else the machine runs), and how many relays at the default schedule (one batch of at
 * most 128 a minute each) that covers. The temp folder is deleted at the end.
 *
 * <p>The envelopes are signed in this JVM while the intake works (a producer thread, a few batches
 * ahead): on a 2-core machine that signing takes CPU from the intake, so stored/s is a floor.
 * Sealing is done once up front (128 sealed reports, re-signed with new ids): it is the relay's
 * cost, not the intake's.
 *
 * <pre>
 * ./mvnw -q -B -pl benchmarks -am package -DskipTests
 * java -cp benchmarks/target/benchmarks.jar org.hotlinerelay.benchmarks.IntakeCapacity 20 10   # measured s, warm-up s
 * </pre>
 */
public final class IntakeCapacity {
  static final String INTAKE_JAVA_OPTS = "-Xmx80m -Xss512k -XX:+UseSerialGC -XX:MaxDirectMemorySize=32m";
  private static final Pattern LISTENING = Pattern.compile("Intake listening on http://127\\.0\\.0\\.1:(\\d+)/.*http://127\\.0\\.0\\.1:(\\d+)\\)");
  private static final byte[] STOP = new byte[0];

  private IntakeCapacity() {}

  public static void main(String[] args) throws Exception {
    int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 20;
    int warmup = args.length > 1 ? Integer.parseInt(args[1]) : 10;
    Path work = Files.createTempDirectory("intake-capacity-");
    KeysetHandle signing = TestKeys.relaySigning();
    Process intake = null;
    try {
      Path known = BenchKeys.knownRelay(work.resolve("known-relays"), signing);
      List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
      command.addAll(List.of(INTAKE_JAVA_OPTS.split(" ")));
      command.addAll(List.of("-cp", System.getProperty("java.class.path"), "org.hotlinerelay.cli.Main", "intake",
          "--listen", "127.0.0.1:0", "--admin", "127.0.0.1:0", "--inbox", work.resolve("inbox").toString(),
          "--known-relays", known.toString()));
      intake = new ProcessBuilder(command).redirectErrorStream(true).start();
      int port = awaitPort(intake);
      BlockingQueue<byte[]> batches = new ArrayBlockingQueue<>(4);
      Thread producer = producer(batches, EnvelopeSigner.create(BenchKeys.RELAY_ID, signing));
      HttpClient http = HttpClient.newHttpClient();
      URI uri = URI.create("http://127.0.0.1:" + port + EnvelopeBatch.PATH);
      post(http, uri, batches, warmup, intake.pid());
      Result r = post(http, uri, batches, seconds, intake.pid());
      producer.interrupt();
      double perSecond = r.stored / r.seconds;
      System.out.printf("cores: %d; %d s measured after %d s warm-up; batches of %d envelopes (%d bytes each)%n",
          Runtime.getRuntime().availableProcessors(), seconds, warmup, EnvelopeBatch.MAX_ENVELOPES,
          r.batchBytes / EnvelopeBatch.MAX_ENVELOPES);
      System.out.printf("stored: %d envelopes in %d batches (%d not answered 201): %.0f envelopes/s%n", r.stored, r.batches,
          r.refused, perSecond);
      System.out.printf("per batch: p50 %.1f ms, p99 %.1f ms%n", percentile(r.latencies, 0.50), percentile(r.latencies, 0.99));
      System.out.printf("intake CPU: %.0f us per envelope (%.2f s over the window): %.0f envelopes per CPU-second%n",
          1e6 * r.intakeCpu / r.stored, r.intakeCpu, r.stored / r.intakeCpu);
      System.out.printf("covers %.0f relays at the default schedule (128 envelopes a minute each); %.0f per intake core%n",
          perSecond * 60 / EnvelopeBatch.MAX_ENVELOPES, r.stored / r.intakeCpu * 60 / EnvelopeBatch.MAX_ENVELOPES);
      System.out.println("intake peak RSS: " + peakRss(intake.pid()));
    } finally {
      if (intake != null) {
        intake.destroy();
        intake.waitFor(30, TimeUnit.SECONDS);
      }
      try (Stream<Path> files = Files.walk(work)) {
        for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
          Files.delete(p);
        }
      }
    }
  }

  private record Result(long stored, long refused, int batches, double seconds, double intakeCpu, int batchBytes,
      double[] latencies) {}

  /** Posts batches back to back for {@code seconds}; counts the envelopes the intake answered 201 (stored). */
  private static Result post(HttpClient http, URI uri, BlockingQueue<byte[]> batches, int seconds, long intakePid)
      throws Exception {
    List<Double> latencies = new ArrayList<>();
    long stored = 0;
    long refused = 0;
    int bytes = 0;
    double cpu0 = cpuSeconds(intakePid);
    long start = System.nanoTime();
    long end = start + seconds * 1_000_000_000L;
    while (System.nanoTime() < end) {
      byte[] body = batches.take();
      if (body == STOP) {
        throw new IllegalStateException("signing the envelopes failed");
      }
      bytes = body.length;
      long t = System.nanoTime();
      HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri).header("Content-Type", EnvelopeBatch.MEDIA_TYPE)
          .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
      latencies.add((System.nanoTime() - t) / 1e6);
      if (r.statusCode() != 200) {
        throw new IllegalStateException("the intake answered " + r.statusCode());
      }
      long created = Pattern.compile("\\b201\\b").matcher(r.body()).results().count();
      stored += created;
      refused += EnvelopeBatch.MAX_ENVELOPES - created;
    }
    double elapsed = (System.nanoTime() - start) / 1e9;
    return new Result(stored, refused, latencies.size(), elapsed, cpuSeconds(intakePid) - cpu0, bytes,
        latencies.stream().mapToDouble(Double::doubleValue).toArray());
  }

  /** Signs fresh envelopes over 128 sealed reports, a few full batches ahead of the poster. */
  private static Thread producer(BlockingQueue<byte[]> batches, EnvelopeSigner signer) throws Exception {
    Sealer sealer = Sealer.create(TestKeys.publicOf(TestKeys.hotlinePrivate()));
    List<byte[]> sealed = new ArrayList<>();
    for (int i = 0; i < EnvelopeBatch.MAX_ENVELOPES; i++) {
      sealed.add(sealer.seal(new Report(Ids.random(), "2026-11-28T16:00Z", "default", "en",
          List.of("https://example.com/gallery/" + i), ContentKind.IMAGES, "", "", "Report " + i + " from the benchmark.",
          null, null)));
    }
    Thread t = new Thread(() -> {
      try {
        while (true) {
          List<byte[]> envelopes = new ArrayList<>(sealed.size());
          for (byte[] s : sealed) {
            envelopes.add(EnvelopeBinary.encode(signer.wrap(s)));
          }
          batches.put(EnvelopeBatch.join(envelopes));
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (Exception e) {
        batches.offer(STOP);
      }
    }, "envelope-signer");
    t.setDaemon(true);
    t.start();
    return t;
  }

  private static int awaitPort(Process intake) throws IOException {
    BufferedReader out = new BufferedReader(new InputStreamReader(intake.getInputStream(), StandardCharsets.UTF_8));
    for (String line; (line = out.readLine()) != null; ) {
      Matcher m = LISTENING.matcher(line);
      if (m.find()) {
        Thread drain = new Thread(() -> {
          try {
            out.lines().forEach(l -> { });
          } catch (UncheckedIOException closed) {
            // the intake was stopped: nothing more to read
          }
        }, "intake-output");
        drain.setDaemon(true);
        drain.start();
        return Integer.parseInt(m.group(1));
      }
    }
    throw new IllegalStateException("the intake did not start");
  }

  /** User + system CPU seconds of a process, from /proc (USER_HZ, 100 ticks a second on Linux). */
  private static double cpuSeconds(long pid) throws IOException {
    String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / 100.0;
  }

  private static String peakRss(long pid) throws IOException {
    return Files.readAllLines(Path.of("/proc/" + pid + "/status")).stream().filter(l -> l.startsWith("VmHWM"))
        .findFirst().orElse("VmHWM unknown").replaceAll("\\s+", " ");
  }

  private static double percentile(double[] values, double p) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted.length == 0 ? 0 : sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)];
  }
}
