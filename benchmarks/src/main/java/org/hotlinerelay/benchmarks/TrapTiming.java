// SPDX-License-Identifier: Apache-2.0
package org.hotlinerelay.benchmarks;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.hotlinerelay.protocol.envelope.RelaySigningKey;
import org.hotlinerelay.protocol.keys.PublicKeyset;
import org.hotlinerelay.protocol.testing.TestKeys;
import org.hotlinerelay.relay.HostPort;
import org.hotlinerelay.relay.RelayConfig;
import org.hotlinerelay.relay.RelayServer;

/**
 * Can a bot tell from the answer's timing that its filled honeypot was caught? A fresh relay (in
 * this JVM, spooling to a temporary folder on the same disk) gets 200 honeypot posts and 200 real
 * ones in turns (trap-real, then real-trap, and so on), one at a time, at rest, from the first
 * request after start-up; each answer's time is measured at the client. Prints both medians, the
 * AUC of the best one-request classifier that thresholds the time (0.5 = no better than a coin),
 * and the two-sided Mann-Whitney p-value. Run by {@code benchmarks/trap-timing.sh}.
 */
public final class TrapTiming {
  private TrapTiming() {}

  public static void main(String[] args) throws Exception {
    int pairs = args.length > 0 ? Integer.parseInt(args[0]) : 200;
    Path dir = Files.createTempDirectory("trap-timing-");
    PublicKeyset publicKeyset = TestKeys.publicOf(TestKeys.hotlinePrivate());
    Files.writeString(dir.resolve("hotline-public.json"), publicKeyset.toJson());
    Files.writeString(dir.resolve("relay-signing.json"), RelaySigningKey.toJson(TestKeys.relaySigning()));
    RelayServer relay = RelayServer.start(RelayConfig.builder()
        .listen(new HostPort("127.0.0.1", 0)).admin(new HostPort("127.0.0.1", 0))
        .hotlineKeyset(dir.resolve("hotline-public.json")).pinnedFingerprints(List.of(publicKeyset.fingerprint()))
        .relayId("trap-timing").signingKey(dir.resolve("relay-signing.json")).spoolDir(dir.resolve("spool")).build());
    HttpClient http = HttpClient.newHttpClient();
    URI report = URI.create("http://127.0.0.1:" + relay.port() + "/report");
    String form = "portal=default&lang=en&url=https%3A%2F%2Fexample.com%2Fpage&kind=images&details=timing";
    double[] trap = new double[pairs];
    double[] real = new double[pairs];
    for (int i = 0; i < pairs; i++) {
      boolean trapFirst = i % 2 == 0;
      double first = timed(http, report, trapFirst ? form + "&website=http%3A%2F%2Fspam.example" : form);
      double second = timed(http, report, trapFirst ? form : form + "&website=http%3A%2F%2Fspam.example");
      trap[i] = trapFirst ? first : second;
      real[i] = trapFirst ? second : first;
    }
    double auc = Stats.auc(trap, real);
    System.out.printf("%d trap and %d real posts in turns, from the first after start-up%n", pairs, pairs);
    System.out.printf("median ms: trap %.3f, real %.3f (difference %.3f)%n", Stats.median(trap), Stats.median(real),
        Stats.median(trap) - Stats.median(real));
    System.out.printf("AUC (P[trap slower than real]) %.3f, one-request classifier accuracy at best %.3f; Mann-Whitney two-sided p=%.3f%n",
        auc, Math.max(auc, 1 - auc), Stats.mannWhitneyP(auc, pairs, pairs));
    relay.close();
    System.exit(0);
  }

  /** One post's time to its 303, in milliseconds. */
  private static double timed(HttpClient http, URI report, String body) throws Exception {
    long started = System.nanoTime();
    HttpResponse<Void> r = http.send(HttpRequest.newBuilder(report)
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.discarding());
    long took = System.nanoTime() - started;
    if (r.statusCode() != 303) {
      throw new IllegalStateException("the relay answered " + r.statusCode());
    }
    return took / 1e6;
  }
}
