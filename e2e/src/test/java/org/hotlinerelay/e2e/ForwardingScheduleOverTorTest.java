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
import java.util.Set;
import java.util.stream.Collectors;
import org.hotlinerelay.e2e.tor.LinkRecorder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The forwarding schedule (issue 15: one batch per interval, sizes from fixed buckets, cover
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

      Duration quiet = INTERVAL.dividedBy(2);
      List<LinkRecorder.Burst> without = tor.link.bursts(quietFrom, reportsFrom, quiet);
      List<LinkRecorder.Burst> with = tor.link.bursts(reportsFrom, reportsTo, quiet);
      String seen = "without reports: " + without + "\nwith reports: " + with;
      for (List<LinkRecorder.Burst> phase : List.of(without, with)) {
        assertTrue(Math.abs(phase.size() - INTERVALS) <= 1, "one request per interval:\n" + seen);
      }
      List<LinkRecorder.Burst> all = new ArrayList<>(without);
      all.addAll(with);
      Set<Long> up = all.stream().map(LinkRecorder.Burst::upBytes).collect(Collectors.toSet());
      assertEquals(1, up.size(), "every request the same size, reports or not:\n" + seen);
      // An answer arrives a Tor round trip after its request, which on a busy machine can fall in
      // the next request's burst. Every answer has one size when the bursts' answer bytes are whole
      // numbers of one size (their greatest common divisor) and add up to one answer per request,
      // give or take the one that came before the first burst and the one still on its way.
      long answer = all.stream().mapToLong(LinkRecorder.Burst::downBytes).filter(d -> d > 0)
          .reduce(0, ForwardingScheduleOverTorTest::gcd);
      long answers = answer == 0 ? 0 : all.stream().mapToLong(LinkRecorder.Burst::downBytes).sum() / answer;
      assertTrue(answer > 0 && Math.abs(answers - all.size()) <= 1,
          "every answer the same size, reports or not (" + answers + " answers of " + answer + " bytes for "
              + all.size() + " requests):\n" + seen);
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
