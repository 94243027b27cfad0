// SPDX-License-Identifier: Apache-2.0
package org.hotlinerelay.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.hotlinerelay.e2e.tor.LinkRecorder;
import org.hotlinerelay.e2e.tor.SocketWatch;
import org.hotlinerelay.e2e.tor.TorProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Reports over a real (private, loopback-only) Tor network, deployed as the operator's guide
 * says: a reporter's tor reaches the relay's onion service, the relay forwards through its tor's
 * SOCKS port to the intake's onion service, and the report opens in the inbox. The relay runs a
 * short schedule ({@link #SCHEDULE}) so that a report arrives within seconds; the schedule itself is
 * {@link ForwardingScheduleOverTorTest}'s. Timings go to the test output as {@code TOR-TIMING} lines.
 */
@ExtendWith(TorDeploymentExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReportOverTorTest {
  static final Duration DELIVERY = Duration.ofSeconds(90);
  /** A batch every second; a report is released within the two-second window after the one it came in. */
  static final String[] SCHEDULE = {"--forward-interval", "1s", "--release-window", "2s"};
  static SystemOverTor system;

  @BeforeAll
  static void start(TorDeployment tor) throws Exception {
    system = SystemOverTor.start(tor, SCHEDULE);
    System.out.printf("TOR-TIMING network ready %.1f s after launch%n", tor.network.readyAfter().toMillis() / 1000.0);
  }

  @AfterAll
  static void stop() throws Exception {
    if (system != null) {
      system.close();
    }
  }

  static Map<String, String> form(String url, String details) {
    Map<String, String> form = new LinkedHashMap<>();
    form.put("portal", "default");
    form.put("lang", "en");
    form.put("url", url);
    form.put("kind", "images");
    form.put("details", details);
    return form;
  }

  @Test
  @Order(1)
  void reporter_postsToTheRelaysOnionThroughTor_gets303_andTheReportOpensInTheInbox() throws Exception {
    long t0 = System.nanoTime();
    try (Response page = system.reporter.newCall(new Request.Builder().url("http://" + system.relayOnion + "/en/").build()).execute()) {
      assertEquals(200, page.code());
    }
    long firstRequest = System.nanoTime() - t0;
    long before = system.storedCount();
    long t1 = System.nanoTime();
    assertEquals(303, system.postOverTor(form("https://example.com/over-tor", "Sent through Tor.")));
    long answered = System.nanoTime() - t1;
    system.awaitStored(before + 1, DELIVERY);
    long stored = System.nanoTime() - t1;
    System.out.printf("TOR-TIMING first cold request %d ms; submit answered %d ms; submit to inbox %d ms%n",
        firstRequest / 1_000_000, answered / 1_000_000, stored / 1_000_000);

    JsonNode report = system.export().stream()
        .filter(r -> r.get("details").asText().equals("Sent through Tor.")).findFirst().orElseThrow();
    assertEquals("https://example.com/over-tor", report.get("urls").get(0).asText());
    assertEquals("images", report.get("contentKind").asText());
    assertFalse(report.toString().contains("127.0.0.1"), report.toString());
    assertFalse(report.toString().contains(".onion"), report.toString());
  }

  /**
   * Every connection the relay made for forwarding went to its tor's SOCKS port asking for the
   * intake's onion <em>name</em> (SOCKS5 address type 3: Tor resolves it, nothing is looked up
   * locally), and every connection the intake accepted came from the hotline's tor.
   */
  @Test
  @Order(2)
  void relay_forwardsByNameThroughItsSocksPort_andTheIntakeSeesOnlyItsOnionService() throws Exception {
    for (LinkRecorder.Link link : linksAfterDelivering(form("https://example.com/forwarded", "Forwarded by name."))) {
      assertEquals(LinkRecorder.DOMAIN, link.addressType(), "SOCKS5 CONNECT by name (socks5h): " + link);
      assertEquals(system.intakeOnion, link.host(), link.toString());
    }

    long hotlineTor = system.tor.tor(TorDeployment.HOTLINE_SIDE).pid();
    List<SocketWatch.Seen> seen = system.tor.watch.seen();
    List<SocketWatch.Seen> accepted = seen.stream().filter(s -> s.pid() == system.intakePid
        && s.protocol().startsWith("tcp") && !s.listening() && s.local().port() == system.tor.intakePort).toList();
    assertFalse(accepted.isEmpty(), "no connection to the intake was seen");
    for (SocketWatch.Seen connection : accepted) {
      Optional<SocketWatch.Seen> peer = system.tor.watch.peer(connection);
      assertTrue(peer.isPresent(), "the intake accepted a connection from outside the watched processes: " + connection);
      assertEquals(hotlineTor, peer.get().pid(), "the intake accepted a connection not from its onion service's tor: " + connection);
    }
    assertTrue(seen.stream().noneMatch(s -> s.pid() == system.relayPid && s.remote().port() == system.tor.intakePort),
        "the relay connected to the intake directly");
  }

  /**
   * The JDK's SOCKS client offers username/password authentication and, when the proxy chooses
   * it, sends the process's OS user name. The guide's {@code SocksPort} line carries
   * {@code PreferSOCKSNoAuth}, so tor chooses no authentication and no name crosses the link.
   */
  @Test
  @Order(3)
  void relay_sendsNoUserNameToItsTor() throws Exception {
    assertTrue(DeploymentConfigTest.block("torrc").stream().anyMatch(l -> l.startsWith("SocksPort ") && l.contains("PreferSOCKSNoAuth")),
        DeploymentConfigTest.GUIDE + "'s SocksPort line does not carry PreferSOCKSNoAuth");
    for (LinkRecorder.Link link : linksAfterDelivering(form("https://example.com/no-name", "No user name on the link."))) {
      assertNull(link.userName(), "the relay sent a SOCKS user name to its tor: " + link);
    }
  }

  /** Posts {@code form} over Tor, waits until it is in the inbox; every link the relay opened to its SOCKS port. */
  private static List<LinkRecorder.Link> linksAfterDelivering(Map<String, String> form) throws Exception {
    long before = system.storedCount();
    assertEquals(303, system.postOverTor(form));
    system.awaitStored(before + 1, DELIVERY);
    List<LinkRecorder.Link> links = system.tor.link.links();
    assertFalse(links.isEmpty(), "the relay never connected to its SOCKS port");
    return links;
  }

  /**
   * The relay's onion service runs with Tor's proof-of-work defence, as the guide's torrc says, and
   * a report still goes through: tor says the defence is on for the service, and a new client's
   * introduction (a second reporter, on circuits of its own) went through the proof-of-work
   * priority queue.
   */
  @Test
  @Order(4)
  void relayOnion_hasProofOfWorkDefenceOn_andReportsStillGoThrough() throws Exception {
    assertTrue(DeploymentConfigTest.block("torrc").contains("HiddenServicePoWDefensesEnabled 1"),
        DeploymentConfigTest.GUIDE + "'s torrc does not enable HiddenServicePoWDefensesEnabled");
    String log = system.tor.relayRendLog();
    assertTrue(log.contains("Service PoW defenses are enabled"), "tor did not enable PoW for the relay's onion service");
    assertFalse(log.contains("Service PoW defenses are disabled"), "an onion service of the relay's tor runs without PoW");

    int queuedBefore = count(system.tor.relayRendLog(), "Adding introduction request to pqueue");
    long before = system.storedCount();
    assertEquals(303, system.postOverTor(SystemOverTor.reporter(system.tor.otherReporterSocksPort),
        form("https://example.com/pow", "Through the PoW queue.")));
    system.awaitStored(before + 1, DELIVERY);
    int queuedAfter = count(system.tor.relayRendLog(), "Adding introduction request to pqueue");
    assertTrue(queuedAfter > queuedBefore, "the new introduction did not go through the PoW queue:\n" + system.tor.relayRendLog());
  }

  /** Over the onion no {@code Onion-Location}; on the clearnet listener it names the onion. */
  @Test
  @Order(5)
  void onionLocation_onlyOnClearnetResponses() throws Exception {
    try (Response overOnion = system.reporter.newCall(new Request.Builder().url("http://" + system.relayOnion + "/en/").build()).execute()) {
      assertEquals(200, overOnion.code());
      assertNull(overOnion.header("Onion-Location"), "Onion-Location on a response served over the onion");
    }
    OkHttpClient direct = new OkHttpClient.Builder().build();
    try (Response clearnet = direct.newCall(new Request.Builder().url("http://127.0.0.1:" + system.tor.relayPort + "/en/").build()).execute()) {
      assertEquals("http://" + system.relayOnion + "/en/", clearnet.header("Onion-Location"));
    }
  }

  /**
   * Every socket any process of the run held (every tor, the relay, the intake) was on 127.0.0.0/8
   * ({@link SocketWatch.Seen#onLoopback}; {@code SocketWatchTest} shows the watch flags one that is not).
   */
  @Test
  @Order(6)
  void everySocketOfTheRun_staysOnLoopback() {
    List<SocketWatch.Seen> seen = system.tor.watch.seen();
    List<Long> pids = new ArrayList<>(system.tor.network.processes().stream().map(TorProcess::pid).toList());
    pids.addAll(List.of(system.relayPid, system.intakePid));
    for (long pid : pids) {
      assertTrue(seen.stream().anyMatch(s -> s.pid() == pid && !s.listening()), "no connection seen for pid " + pid);
    }
    List<SocketWatch.Seen> outside = seen.stream().filter(s -> !s.onLoopback()).toList();
    assertEquals(List.of(), outside, "sockets off loopback");
  }

  static int count(String text, String what) {
    int n = 0;
    for (int at = text.indexOf(what); at >= 0; at = text.indexOf(what, at + 1)) {
      n++;
    }
    return n;
  }
}
