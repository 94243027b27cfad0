// SPDX-License-Identifier: Apache-2.0
package org.hotlinerelay.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.hotlinerelay.e2e.tor.LinkRecorder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The forwarding schedule (one batch per interval, sizes from fixed buckets, cover
 * envelopes for empty places) as an observer of the relay's link to Tor sees it, at the relay's
 * SOCKS side: the same number of requests per interval and the same sizes each way, whether or
 * not reports are being sent, and the reports still arrive.
 */
@ExtendWith(TorDeploymentExtension.class)
class ForwardingScheduleOverTorTest {
  /** The relay's batch interval in the test. */
  static final Duration INTERVAL = Duration.ofSeconds(2);
  /**
   * The relay's flags: that interval, a release window of three intervals, and a smallest bucket of
   * four, so that the at most three reports of one window always fit the smallest batch.
   */
  static final String[] SCHEDULE = {"--forward-interval", "2s", "--release-window", "6s", "--forward-buckets", "4,128"};
  /** Intervals observed in each phase. */
  static final int INTERVALS = 6;
  static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

  @Test
  void link_carriesTheSameTrafficWhetherOrNotReportsAreSent(TorDeployment tor) throws Exception {
    try (SystemOverTor system = SystemOverTor.start(tor, SCHEDULE)) {
      Thread.sleep(2 * INTERVAL.toMillis()); // the first batches open the connection through Tor
      long quietFrom = System.nanoTime();
      Thread.sleep(INTERVALS * INTERVAL.toMillis());
      long reportsFrom = System.nanoTime();
      for (int i = 0; i < INTERVALS; i++) {
        assertEquals(303, post(system, "https://example.com/scheduled/" + i));
        Thread.sleep(INTERVAL.toMillis());
      }
      long reportsTo = System.nanoTime();
      system.awaitStored(INTERVALS, Duration.ofSeconds(60));

      // Bursts are split by quiet gaps. A tick that runs late on a busy machine is followed at once
      // by the next slot's, and an answer can arrive in the next request's burst; so requests and
      // answers are counted as whole numbers of one size (the greatest common divisor of what the
      // bursts carried): one size each way holds only if every burst is a whole number of it and
      // the count comes to one per interval.
      Duration quiet = INTERVAL.dividedBy(2);
      List<LinkRecorder.Burst> without = tor.link.bursts(quietFrom, reportsFrom, quiet);
      List<LinkRecorder.Burst> with = tor.link.bursts(reportsFrom, reportsTo, quiet);
      String seen = "without reports: " + without + "\nwith reports: " + with;
      List<LinkRecorder.Burst> all = new ArrayList<>(without);
      all.addAll(with);
      long request = all.stream().mapToLong(LinkRecorder.Burst::upBytes).reduce(0, ForwardingScheduleOverTorTest::gcd);
      assertTrue(request > 0, "requests seen:\n" + seen);
      for (List<LinkRecorder.Burst> phase : List.of(without, with)) {
        long requests = phase.stream().mapToLong(LinkRecorder.Burst::upBytes).sum() / request;
        assertTrue(Math.abs(requests - INTERVALS) <= 1,
            "one request of " + request + " bytes per interval, reports or not (" + requests + " in "
                + INTERVALS + " intervals):\n" + seen);
      }
      long requests = all.stream().mapToLong(LinkRecorder.Burst::upBytes).sum() / request;
      long answer = all.stream().mapToLong(LinkRecorder.Burst::downBytes).filter(d -> d > 0)
          .reduce(0, ForwardingScheduleOverTorTest::gcd);
      long answers = answer == 0 ? 0 : all.stream().mapToLong(LinkRecorder.Burst::downBytes).sum() / answer;
      assertTrue(answer > 0 && Math.abs(answers - requests) <= 1,
          "every answer the same size, reports or not (" + answers + " answers of " + answer + " bytes for "
              + requests + " requests):\n" + seen);
    }
  }

  static long gcd(long a, long b) {
    return b == 0 ? a : gcd(b, a % b);
  }

  /** A report posted to the relay's listener directly: the link to Tor is what is measured here. */
  static int post(SystemOverTor system, String url) throws Exception {
    StringBuilder body = new StringBuilder();
    Map.of("portal", "default", "lang", "en", "url", url, "kind", "images").forEach((k, v) ->
        body.append(body.length() == 0 ? "" : "&").append(k).append('=').append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + system.tor.relayPort + "/report"))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
        .build();
    return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
  }
}
