// SPDX-License-Identifier: Apache-2.0
package org.hotlinerelay.benchmarks;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.hotlinerelay.hotline.inbox.Inbox;
import org.hotlinerelay.hotline.inbox.ReadState;
import org.hotlinerelay.hotline.workstation.Workstation;
import org.hotlinerelay.hotline.workstation.web.WorkstationServer;
import org.hotlinerelay.hotline.keys.PrivateKeyFile;
import org.hotlinerelay.hotline.open.Opener;

/**
 * The analyst's workstation over the inbox {@link InboxListBenchmark} generated in FOLDER. Two
 * modes, each meant for a fresh JVM so that its peak RSS is its own:
 *
 * <ul>
 *   <li>{@code build FOLDER}: removes FOLDER/state, then unlocks, which opens every envelope and
 *       writes the encrypted index (the first index build);
 *   <li>{@code open FOLDER}: unlocks over the existing index (nothing new to open) and serves the
 *       web application; times unlock-to-first-page (unlock, both Argon2id derivations included,
 *       then the session link and {@code GET /} over HTTP), the first two reports of the queue
 *       ({@code GET /report/...}: the first pays for the report page's first use) and a search by host ({@code GET /?address=...}).
 * </ul>
 *
 * Both print the process's peak resident set size (VmHWM). Commands and figures:
 * docs/performance.md ("The analyst's workstation").
 *
 * <pre>
 * java -Xmx384m -cp benchmarks/target/benchmarks.jar org.hotlinerelay.benchmarks.WorkstationBenchmark build /tmp/inbox-bench
 * java -Xmx384m -cp benchmarks/target/benchmarks.jar org.hotlinerelay.benchmarks.WorkstationBenchmark open /tmp/inbox-bench
 * </pre>
 */
public final class WorkstationBenchmark {
  private WorkstationBenchmark() {}

  public static void main(String[] args) throws Exception {
    String mode = args[0];
    Path folder = Path.of(args[1]);
    Path state = folder.resolve("state");
    if (mode.equals("build") && Files.exists(state)) {
      try (Stream<Path> files = Files.walk(state)) {
        for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
          Files.delete(p);
        }
      }
    }
    char[] passphrase = InboxListBenchmark.PASSPHRASE.toCharArray();
    long start = System.nanoTime();
    Opener opener = Opener.create(PrivateKeyFile.open(folder.resolve("hotline-private.json"), passphrase));
    try (Inbox inbox = new Inbox(folder.resolve("inbox"), opener, ReadState.none(), Runtime.getRuntime().availableProcessors())) {
      Workstation ws = Workstation.unlock(inbox, state, passphrase, "bench", (done, total) -> { });
      double unlocked = seconds(start);
      System.out.printf("%s: unlocked over %d reports in %.2f s wall, %.2f s process CPU "
          + "(key file + workstation key: two Argon2id derivations)%n", mode, ws.size(), unlocked, cpu());
      if (mode.equals("open")) {
        Path exports = Files.createDirectories(folder.resolve("exports"));
        try (WorkstationServer server = WorkstationServer.start(ws, "127.0.0.1", 0, exports)) {
          HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
          String cookie = http.send(HttpRequest.newBuilder(URI.create(server.unlockUrl())).build(),
              HttpResponse.BodyHandlers.discarding()).headers().firstValue("set-cookie").orElseThrow().split(";")[0];
          String base = "http://127.0.0.1:" + server.port();
          long pageStart = System.nanoTime();
          double pageCpu = cpu();
          HttpResponse<String> first = http.send(HttpRequest.newBuilder(URI.create(base + "/")).header("Cookie", cookie).build(),
              HttpResponse.BodyHandlers.ofString());
          System.out.printf("open: first page (HTTP %d, %d bytes): the request %.2f s wall, %.2f s process CPU; "
              + "%.2f s wall after the start of unlock%n", first.statusCode(), first.body().length(), seconds(pageStart),
              cpu() - pageCpu, seconds(start));
          Matcher link = Pattern.compile("href=\"(/report/[0-9a-f]{32})\"").matcher(first.body());
          for (String which : new String[] {"first", "second"}) {
            if (!link.find()) {
              break;
            }
            long t = System.nanoTime();
            double c = cpu();
            HttpResponse<String> report = http.send(HttpRequest.newBuilder(URI.create(base + link.group(1))).header("Cookie", cookie)
                .build(), HttpResponse.BodyHandlers.ofString());
            System.out.printf("open: the queue's %s report (HTTP %d: its envelope opened, its neighbours in the queue) "
                + "%.3f s wall, %.3f s process CPU%n", which, report.statusCode(), seconds(t), cpu() - c);
          }
          for (String host : new String[] {"example4242.onion", "example.com/gallery/99", "nothing-matches.example"}) {
            long t = System.nanoTime();
            double c = cpu();
            HttpResponse<String> found = http.send(HttpRequest.newBuilder(URI.create(base + "/?address="
                + URLEncoder.encode(host, StandardCharsets.UTF_8))).header("Cookie", cookie).build(), HttpResponse.BodyHandlers.ofString());
            System.out.printf("open: search '%s' (HTTP %d) %.3f s wall, %.3f s process CPU%n", host, found.statusCode(),
                seconds(t), cpu() - c);
          }
        }
      }
    }
    System.out.println(mode + ": peak RSS " + peakRss());
  }

  private static double seconds(long since) {
    return (System.nanoTime() - since) / 1e9;
  }

  /** CPU seconds this process used so far, all threads: what the work costs without other load. */
  private static double cpu() {
    return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime() / 1e9;
  }

  private static String peakRss() throws java.io.IOException {
    return Files.readAllLines(Path.of("/proc/self/status")).stream().filter(l -> l.startsWith("VmHWM"))
        .findFirst().orElse("VmHWM unknown").replaceAll("\\s+", " ");
  }
}
