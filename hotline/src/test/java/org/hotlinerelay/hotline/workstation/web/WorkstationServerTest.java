// SPDX-License-Identifier: Apache-2.0
package org.hotlinerelay.hotline.workstation.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.hotlinerelay.hotline.inbox.Inbox;
import org.hotlinerelay.hotline.workstation.AuditLog;
import org.hotlinerelay.hotline.workstation.CaseExport;
import org.hotlinerelay.hotline.workstation.TriageState;
import org.hotlinerelay.hotline.workstation.Workstation;
import org.hotlinerelay.hotline.workstation.WorkstationFixture;
import org.hotlinerelay.protocol.report.ContentKind;
import org.hotlinerelay.protocol.report.Ids;
import org.hotlinerelay.protocol.report.InApp;
import org.hotlinerelay.protocol.report.Report;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkstationServerTest {
  @TempDir Path temp;
  WorkstationFixture fx;
  Inbox inbox;
  Workstation ws;
  WorkstationServer server;
  String id;
  final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

  @BeforeEach
  void setUp() throws Exception {
    fx = new WorkstationFixture(temp);
    id = fx.add(new Report(Ids.random(), "2026-11-28T16:00Z", "north", "en",
        List.of("https://example.com/a?x=1&y=2"), ContentKind.VIDEOS, "", "", "<script>alert(1)</script> \u202Egpj.exe", null, null));
    inbox = fx.inbox();
    ws = fx.unlock(inbox);
    server = WorkstationServer.start(ws, "127.0.0.1", 0, Files.createDirectories(temp.resolve("exports")));
  }

  @AfterEach
  void tearDown() {
    server.close();
    inbox.close();
  }

  @Test
  void start_nonLoopbackAddress_refused() {
    for (String host : List.of("0.0.0.0", "::", "192.0.2.1", "example.com", "")) {
      assertThrows(IllegalArgumentException.class, () -> WorkstationServer.start(ws, host, 0, temp), host);
    }
  }

  @Test
  void nonLoopbackInterface_cannotReachAnyPage() throws Exception {
    Optional<InetAddress> external = Collections.list(NetworkInterface.getNetworkInterfaces()).stream()
        .flatMap(i -> Collections.list(i.getInetAddresses()).stream())
        .filter(a -> a instanceof Inet4Address && !a.isLoopbackAddress()).findFirst();
    assertTrue(external.isPresent(), "this test needs a non-loopback IPv4 address on this machine");
    try (Socket s = new Socket()) {
      assertThrows(ConnectException.class, () -> s.connect(new InetSocketAddress(external.get(), server.port()), 2000));
    }
  }

  @Test
  void withoutSession_everyPageRefused() throws Exception {
    for (String path : List.of("/", "/report/" + id, "/export", "/keys")) {
      HttpResponse<String> r = get(path, "");
      assertEquals(403, r.statusCode(), path);
      assertFalse(r.body().contains("north"), path);
      assertTrue(r.body().contains("stop the workstation (Ctrl-C) and start it again for a new link"),
          "says how to get in when the one-time link is spent: " + r.body());
    }
  }

  @Test
  void unlockLink_worksOnce_setsOnlyAStrictHttpOnlySessionCookie() throws Exception {
    HttpResponse<String> first = http.send(HttpRequest.newBuilder(URI.create(server.unlockUrl())).build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(303, first.statusCode());
    List<String> cookies = first.headers().allValues("set-cookie");
    assertEquals(1, cookies.size());
    assertTrue(cookies.get(0).contains("HttpOnly"), cookies.get(0));
    assertTrue(cookies.get(0).contains("SameSite=Strict"), cookies.get(0));
    assertFalse(cookies.get(0).toLowerCase().contains("expires"), "a session cookie");
    assertEquals(403, http.send(HttpRequest.newBuilder(URI.create(server.unlockUrl())).build(), HttpResponse.BodyHandlers.ofString()).statusCode());
  }

  @Test
  void everyResponse_noStoreAndStrictCsp() throws Exception {
    String cookie = unlock();
    for (String path : List.of("/", "/report/" + id, "/export", "/keys", "/workstation.css", "/nothing")) {
      HttpResponse<String> r = get(path, cookie);
      assertEquals("no-store", r.headers().firstValue("cache-control").orElse(""), path);
      assertEquals(Headers.CSP, r.headers().firstValue("content-security-policy").orElse(""), path);
      assertEquals("no-referrer", r.headers().firstValue("referrer-policy").orElse(""), path);
    }
  }

  @Test
  void post_withoutCsrfToken_refused() throws Exception {
    String cookie = unlock();
    for (String path : List.of("/report/" + id + "/state", "/report/" + id + "/note", "/report/" + id + "/group", "/bulk", "/export")) {
      HttpResponse<String> r = post(path, cookie, "set-state=actioned&note=x&scope=all&format=csv&id=" + id);
      assertEquals(403, r.statusCode(), path);
      r = post(path, cookie, "csrf=" + "0".repeat(64) + "&set-state=actioned&note=x&scope=all&format=csv&id=" + id);
      assertEquals(403, r.statusCode(), path + " with a wrong token");
    }
    assertEquals(TriageState.NEW, ws.item(id).orElseThrow().triage().state());
    assertTrue(ws.item(id).orElseThrow().triage().notes().isEmpty());
    try (var files = Files.list(temp.resolve("exports"))) {
      assertEquals(0, files.count());
    }
    String csrf = between(get("/report/" + id, cookie).body(), "name=\"csrf\" value=\"", "\"");
    assertEquals(303, post("/report/" + id + "/state", cookie, "csrf=" + csrf + "&set-state=actioned").statusCode());
    assertEquals(TriageState.ACTIONED, ws.item(id).orElseThrow().triage().state());
  }

  @Test
  void post_multipart_refusedNothingSpooled() throws Exception {
    String cookie = unlock();
    String csrf = between(get("/report/" + id, cookie).body(), "name=\"csrf\" value=\"", "\"");
    String body = "--b\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n" + csrf
        + "\r\n--b\r\nContent-Disposition: form-data; name=\"state\"\r\n\r\nactioned\r\n--b--\r\n";
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/report/" + id + "/state"))
        .header("Cookie", cookie).header("Content-Type", "multipart/form-data; boundary=b")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(415, r.statusCode());
    assertEquals(TriageState.NEW, ws.item(id).orElseThrow().triage().state());
  }

  @Test
  void bulk_allMatchingAFilter_changesExactlyThose() throws Exception {
    String other = fx.add(WorkstationFixture.report("https://other.example/x", "2026-11-28T10:00Z", "south"));
    String same = fx.add(WorkstationFixture.report("https://example.com/b", "2026-11-28T11:00Z", "south"));
    String cookie = restartAndUnlock();
    String csrf = between(get("/", cookie).body(), "name=\"csrf\" value=\"", "\"");
    HttpResponse<String> r = post("/bulk", cookie, "csrf=" + csrf + "&scope=all&address=mple.com&set-state=not-actionable&state=new&back=/%3Faddress%3Dmple.com");
    assertEquals(303, r.statusCode(), r.body());
    assertEquals("/?address=mple.com", r.headers().firstValue("location").orElse(""));
    assertEquals(TriageState.NOT_ACTIONABLE, ws.item(id).orElseThrow().triage().state());
    assertEquals(TriageState.NOT_ACTIONABLE, ws.item(same).orElseThrow().triage().state());
    assertEquals(TriageState.NEW, ws.item(other).orElseThrow().triage().state());
    assertEquals(303, post("/bulk", cookie, "csrf=" + csrf + "&scope=all&set-state=new&back=//evil.example/").statusCode());
    assertEquals("/", post("/bulk", cookie, "csrf=" + csrf + "&scope=all&set-state=new&back=//evil.example/")
        .headers().firstValue("location").orElse(""), "no redirect off the workstation");
  }

  @Test
  void export_twoOfFiveTicked_exportsExactlyThoseTwo() throws Exception {
    List<String> ids = new ArrayList<>(List.of(id));
    for (int i = 0; i < 4; i++) {
      ids.add(fx.add(WorkstationFixture.report("https://site" + i + ".example/p", "2026-11-2" + i + "T10:00Z", "south")));
    }
    server.close();
    ws = fx.unlock(inbox);
    Path exports = Files.createDirectories(temp.resolve("ticked"));
    server = WorkstationServer.start(ws, "127.0.0.1", 0, exports, Runnable::run); // done before the 303
    String cookie = unlock();
    String queue = get("/", cookie).body();
    assertTrue(queue.contains("<button type=\"submit\" formaction=\"/export\""), "an export button in the form the checkboxes belong to");
    String csrf = between(queue, "name=\"csrf\" value=\"", "\"");
    List<String> ticked = List.of(ids.get(1), ids.get(3));
    for (CaseExport format : CaseExport.values()) {
      HttpResponse<String> started = post("/export", cookie, "csrf=" + csrf + "&scope=selected&format=" + format.label()
          + "&address=example&id=" + ticked.get(0) + "&id=" + ticked.get(1));
      assertEquals(303, started.statusCode(), started.body());
      HttpResponse<String> r = get(started.headers().firstValue("location").orElseThrow(), cookie);
      assertTrue(r.body().contains("<h1>Exported</h1>"), r.body());
      assertTrue(r.body().contains("2 report(s)"), r.body());
      Path file = Path.of(between(r.body(), "<code>", "</code>"));
      assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
      String written = Files.readString(file);
      for (String each : ids) {
        assertEquals(ticked.contains(each), written.contains(each), format + " " + each);
      }
      Files.delete(file);
    }
    String audit = Files.readString(fx.stateDir.resolve(AuditLog.FILE));
    for (String each : ids) {
      assertEquals(ticked.contains(each) ? 2 : 0, audit.split("\texport\t" + each + "\t", -1).length - 1, each);
    }
    HttpResponse<String> none = post("/export", cookie, "csrf=" + csrf + "&scope=selected&format=csv&back=/");
    assertEquals(422, none.statusCode());
    assertTrue(none.body().contains("No report was ticked"), none.body());
    HttpResponse<String> unknown = post("/export", cookie, "csrf=" + csrf + "&scope=selected&format=csv&id=" + ids.get(1)
        + "&id=" + "0".repeat(32));
    assertEquals(422, unknown.statusCode());
    try (var files = Files.list(exports)) {
      assertEquals(0, files.count(), "nothing written when nothing or an unknown report is ticked");
    }
  }

  @Test
  void export_runsInTheBackground_statusPageShowsHowFarUntilDone() throws Exception {
    for (int i = 0; i < 40; i++) {
      fx.add(WorkstationFixture.report("https://site" + i + ".example/p", "2026-11-2" + (i % 8) + "T10:00Z", "south"));
    }
    server.close();
    ws = fx.unlock(inbox);
    Path exports = Files.createDirectories(temp.resolve("background"));
    CountDownLatch release = new CountDownLatch(1);
    ExecutorService thread = Executors.newSingleThreadExecutor();
    server = WorkstationServer.start(ws, "127.0.0.1", 0, exports, task -> thread.execute(() -> {
      try {
        release.await(); // the export stays in progress until the test has looked at it
      } catch (InterruptedException e) {
        return;
      }
      task.run();
    }));
    try {
      String cookie = unlock();
      String csrf = between(get("/export", cookie).body(), "name=\"csrf\" value=\"", "\"");
      HttpResponse<String> started = post("/export", cookie, "csrf=" + csrf + "&format=csv&address=example");
      assertEquals(303, started.statusCode(), started.body());
      String status = started.headers().firstValue("location").orElseThrow();
      assertTrue(status.matches("/export/[0-9a-f]{32}"), "an unguessable id and nothing of a report: " + status);

      HttpResponse<String> running = get(status, cookie);
      assertEquals(200, running.statusCode());
      assertEquals("no-store", running.headers().firstValue("cache-control").orElse(""));
      assertEquals(Headers.CSP, running.headers().firstValue("content-security-policy").orElse(""));
      assertTrue(running.body().contains("Exported 0 of 41 reports to <code>" + exports.toAbsolutePath()), running.body());
      assertTrue(running.body().contains("<a href=\"" + status + "\">Check again</a>"), running.body());
      assertFalse(running.body().contains("http-equiv"), "the page never reloads itself: " + running.body());

      assertTrue(get("/export", cookie).body().contains("<a href=\"" + status + "\">See how far it is</a>"),
          "the export page leads back to the running export");
      HttpResponse<String> second = post("/export", cookie, "csrf=" + csrf + "&format=jsonl");
      assertEquals(409, second.statusCode());
      assertTrue(second.body().contains("One export runs at a time.") && second.body().contains("href=\"" + status + "\""),
          second.body());

      assertFalse(Files.readString(fx.stateDir.resolve(AuditLog.FILE)).contains("\texport\t"), "audited when complete");
      release.countDown();
      String done = running.body();
      for (int i = 0; i < 600 && done.contains("Check again"); i++) {
        Thread.sleep(50);
        done = get(status, cookie).body();
      }
      assertTrue(done.contains("<h1>Exported</h1>") && done.contains("41 report(s), 41 case record(s)"), done);
      assertTrue(done.contains("This file is plaintext."), done);
      assertFalse(done.contains("http-equiv"), "the final page does not reload");
      assertFalse(get("/export", cookie).body().contains("See how far it is"), "no export runs any more");
      try (var files = Files.list(exports)) {
        List<Path> written = files.toList();
        assertEquals(1, written.size(), "the refused second export wrote nothing");
        assertTrue(done.contains("<code>" + written.get(0).toAbsolutePath() + "</code>"), done);
        assertEquals(42, Files.readAllLines(written.get(0)).size());
      }
      String audit = Files.readString(fx.stateDir.resolve(AuditLog.FILE));
      assertEquals(41, audit.split("\texport\t", -1).length - 1, "one audit line per report, of the export that ran only");
    } finally {
      release.countDown();
      thread.shutdownNow();
    }
  }

  @Test
  void exportStatus_otherSessionOrUnknownId_refused() throws Exception {
    server.close();
    server = WorkstationServer.start(ws, "127.0.0.1", 0, Files.createDirectories(temp.resolve("status")), Runnable::run);
    String cookie = unlock();
    String csrf = between(get("/export", cookie).body(), "name=\"csrf\" value=\"", "\"");
    String status = post("/export", cookie, "csrf=" + csrf + "&format=csv").headers().firstValue("location").orElseThrow();
    assertTrue(get(status, cookie).body().contains("hotline-cases-"), "the session that started it sees it");
    for (String other : List.of("", Session.COOKIE + "=" + "0".repeat(64))) {
      HttpResponse<String> r = get(status, other);
      assertEquals(403, r.statusCode(), other);
      assertFalse(r.body().contains("hotline-cases-") || r.body().contains("report(s)"), r.body());
    }
    assertEquals(404, get("/export/" + "0".repeat(32), cookie).statusCode());
  }

  @Test
  void exportFailure_statusPageNamesTheProblem() throws Exception {
    server.close();
    Path exports = Files.createDirectories(temp.resolve("taken"));
    // Every name the next minute can give is taken: the export must refuse to overwrite.
    LocalDateTime now = LocalDateTime.now(ZoneOffset.UTC);
    for (int s = 0; s < 60; s++) {
      Files.writeString(exports.resolve("hotline-cases-" + now.plusSeconds(s).format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"))
          + ".csv"), "someone else's file");
    }
    server = WorkstationServer.start(ws, "127.0.0.1", 0, exports, Runnable::run);
    String cookie = unlock();
    String csrf = between(get("/export", cookie).body(), "name=\"csrf\" value=\"", "\"");
    HttpResponse<String> failed = get(post("/export", cookie, "csrf=" + csrf + "&format=csv").headers().firstValue("location")
        .orElseThrow(), cookie);
    assertTrue(failed.body().contains("Nothing was exported") && failed.body().contains(Exports.EXISTS), failed.body());
    assertFalse(failed.body().contains("http-equiv"));
    try (var files = Files.list(exports)) {
      assertTrue(files.allMatch(f -> {
        try {
          return Files.readString(f).equals("someone else's file");
        } catch (IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      }), "no file overwritten");
    }

    server.close();
    server = WorkstationServer.start(ws, "127.0.0.1", 0, temp.resolve("no-such-folder"), Runnable::run);
    cookie = unlock();
    csrf = between(get("/export", cookie).body(), "name=\"csrf\" value=\"", "\"");
    HttpResponse<String> disk = get(post("/export", cookie, "csrf=" + csrf + "&format=csv").headers().firstValue("location")
        .orElseThrow(), cookie);
    assertEquals(200, disk.statusCode());
    assertTrue(disk.body().contains("The export could not be written (NoSuchFileException). Check that the export folder"),
        disk.body());
    String audit = Files.readString(fx.stateDir.resolve(AuditLog.FILE));
    assertFalse(audit.contains("\texport\t"), "a failed export is not audited as one");
  }

  @Test
  void accessKeys_uniqueOnEveryPage_andExactlyTheListedOnes() throws Exception {
    String same = fx.add(WorkstationFixture.report("https://EXAMPLE.com/a?x=1&y=2#top", "2026-11-27T10:00Z", "south"));
    server.close();
    ws = fx.unlock(inbox);
    server = WorkstationServer.start(ws, "127.0.0.1", 0, temp);
    String cookie = unlock();
    Set<String> listed = new TreeSet<>();
    for (AccessKey k : AccessKey.values()) {
      assertTrue(listed.add(String.valueOf(k.letter())), "one letter, one action: " + k);
    }
    String keysPage = get("/keys", cookie).body();
    Set<String> documented = new TreeSet<>();
    Matcher kbd = Pattern.compile("<td><kbd>([A-Z])</kbd></td>").matcher(keysPage);
    while (kbd.find()) {
      documented.add(kbd.group(1).toLowerCase(Locale.ROOT));
    }
    assertEquals(listed, documented, "the keys page lists every key");
    Set<String> used = new TreeSet<>();
    for (String path : List.of("/", "/?address=example", "/report/" + id, "/report/" + same,
        "/report/" + id + "/same-url", "/report/" + id + "/address/0", "/export", "/keys", "/nothing")) {
      String page = get(path, cookie).body();
      List<String> keys = new ArrayList<>();
      Matcher m = Pattern.compile("accesskey=\"([^\"]*)\"").matcher(page);
      while (m.find()) {
        keys.add(m.group(1));
      }
      assertEquals(new TreeSet<>(keys).size(), keys.size(), "no key twice on " + path + ": " + keys);
      assertTrue(listed.containsAll(keys), path + " uses an unlisted key: " + keys);
      assertTrue(page.contains("Keys: " + upper(AccessKey.QUEUE) + " queue, " + upper(AccessKey.EXPORT) + " export, "
          + upper(AccessKey.KEYS) + " every key"), "the keys line on " + path);
      used.addAll(keys);
    }
    assertEquals(listed, used, "every listed key works on some page");
    String queue = get("/", cookie).body();
    assertTrue(queue.contains("<a class=\"skip\" href=\"#results\">Skip to the list of reports</a>"), "a skip link to the list");
    assertTrue(queue.contains("id=\"results\""));
  }

  @Test
  void reportOpenedFromASearch_previousNextAndFormsStayInIt() throws Exception {
    String older = fx.add(WorkstationFixture.report("https://example.com/older", "2026-11-27T10:00Z", "north"));
    fx.add(WorkstationFixture.report("https://example.org/elsewhere", "2026-11-27T11:00Z", "north"));
    server.close();
    ws = fx.unlock(inbox);
    server = WorkstationServer.start(ws, "127.0.0.1", 0, temp);
    String cookie = unlock();
    String queue = get("/?address=example.com", cookie).body();
    assertTrue(queue.contains("href=\"/report/" + id + "?address&#x3D;example.com\""), "the queue's links carry its search");
    String page = get("/report/" + id + "?address=example.com", cookie).body();
    assertTrue(page.contains("<a href=\"/report/" + older + "?address&#x3D;example.com\" accesskey=\"n\" rel=\"next\">"), page);
    assertFalse(page.contains("rel=\"prev\""), "the first of the search has no previous report");
    assertTrue(page.contains("<a href=\"/?address&#x3D;example.com\" accesskey=\"b\">Back to the search</a>"));
    String csrf = between(page, "name=\"csrf\" value=\"", "\"");
    String back = between(page, "name=\"back\" value=\"", "\"").replace("&amp;", "&").replace("&#x3D;", "=");
    assertEquals("/report/" + id + "?address=example.com&place=new", back, "the forms come back to the report, in its search, placed as opened");
    HttpResponse<String> r = post("/report/" + id + "/state", cookie, "csrf=" + csrf + "&set-state=actioned&back="
        + URLEncoder.encode(back, StandardCharsets.UTF_8));
    assertEquals(303, r.statusCode());
    assertEquals(back, r.headers().firstValue("location").orElse(""));
    assertEquals(TriageState.ACTIONED, ws.item(id).orElseThrow().triage().state());
    String after = get(back, cookie).body();
    assertTrue(after.contains("<a href=\"/report/" + older + "?address&#x3D;example.com\" accesskey=\"n\" rel=\"next\">"),
        "marked actioned, the report keeps its place: next is still the next new report");
  }

  private static String upper(AccessKey k) {
    return String.valueOf(Character.toUpperCase(k.letter()));
  }

  @Test
  void badDateInSearch_namedOnThePageNotAFailure() throws Exception {
    String cookie = unlock();
    HttpResponse<String> r = get("/?from=last%20week&address=exa", cookie);
    assertEquals(200, r.statusCode());
    assertTrue(r.body().contains("Dates must look like 2026-11-28"), r.body());
    assertTrue(r.body().contains("value=\"last week\""), "what was typed is kept");
  }

  @Test
  void badDateInSearch_actingOnEverythingItFound_refusedNothingChangedOrExported() throws Exception {
    String older = fx.add(WorkstationFixture.report("https://example.com/older", "2026-11-20T10:00Z", "north"));
    server.close();
    ws = fx.unlock(inbox);
    Path exports = Files.createDirectories(temp.resolve("bad-date"));
    server = WorkstationServer.start(ws, "127.0.0.1", 0, exports, Runnable::run);
    String cookie = unlock();
    String csrf = between(get("/", cookie).body(), "name=\"csrf\" value=\"", "\"");
    // "2026-11-8" is a typo for a date after the older report: the queue ignores it, acts must not.
    HttpResponse<String> bulk = post("/bulk", cookie, "csrf=" + csrf + "&scope=all&from=2026-11-8&set-state=actioned&back=/");
    assertEquals(422, bulk.statusCode(), bulk.body());
    assertTrue(bulk.body().contains("Dates must look like 2026-11-28") && bulk.body().contains("nothing was changed"), bulk.body());
    assertEquals(TriageState.NEW, ws.item(older).orElseThrow().triage().state());
    assertEquals(TriageState.NEW, ws.item(id).orElseThrow().triage().state());

    String page = get("/export?from=2026-11-8", cookie).body();
    assertTrue(page.contains("Dates must look like 2026-11-28"), page);
    assertFalse(page.contains("action=\"/export\""), "no export button for a search whose dates are ignored: " + page);
    HttpResponse<String> export = post("/export", cookie, "csrf=" + csrf + "&from=2026-11-8&format=csv");
    assertEquals(422, export.statusCode(), export.body());
    try (var files = Files.list(exports)) {
      assertEquals(0, files.count(), "nothing exported");
    }
    assertFalse(Files.readString(fx.stateDir.resolve(AuditLog.FILE)).contains("\texport\t"));

    assertEquals(303, post("/bulk", cookie, "csrf=" + csrf + "&scope=all&from=2026-11-28&set-state=actioned&back=/").statusCode());
    assertEquals(TriageState.ACTIONED, ws.item(id).orElseThrow().triage().state(), "a well-formed date still acts");
    assertEquals(TriageState.NEW, ws.item(older).orElseThrow().triage().state());
  }

  @Test
  void duplicateOf_takesTheEnvelopeIdOrTheReportId() throws Exception {
    Report original = WorkstationFixture.report("https://example.com/original", "2026-11-20T10:00Z", "north");
    String originalEnvelope = fx.add(original);
    String second = fx.add(WorkstationFixture.report("https://example.com/second", "2026-11-21T10:00Z", "north"));
    String cookie = restartAndUnlock();
    String csrf = between(get("/", cookie).body(), "name=\"csrf\" value=\"", "\"");
    assertFalse(original.id().equals(originalEnvelope), "the report id is not the envelope id");
    assertEquals(303, post("/report/" + id + "/state", cookie, "csrf=" + csrf + "&set-state=duplicate&duplicate-of="
        + original.id().toUpperCase(Locale.ROOT)).statusCode(), "the report id, as inbox show prints it");
    assertEquals(originalEnvelope, ws.item(id).orElseThrow().triage().duplicateOf(), "kept as the envelope id");
    assertEquals(303, post("/report/" + second + "/state", cookie, "csrf=" + csrf + "&set-state=duplicate&duplicate-of="
        + originalEnvelope).statusCode(), "the id at the top of the report's page");
    assertEquals(originalEnvelope, ws.item(second).orElseThrow().triage().duplicateOf());
    HttpResponse<String> unknown = post("/report/" + second + "/state", cookie, "csrf=" + csrf
        + "&set-state=duplicate&duplicate-of=" + "0".repeat(32));
    assertEquals(422, unknown.statusCode());
    assertTrue(unknown.body().contains("or its report id"), unknown.body());
  }

  @Test
  void wrongHostHeader_refused() throws Exception {
    String cookie = unlock();
    try (Socket s = new Socket("127.0.0.1", server.port())) {
      OutputStream out = s.getOutputStream();
      out.write(("GET / HTTP/1.1\r\nHost: evil.example:" + server.port() + "\r\nCookie: " + cookie
          + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      InputStream in = s.getInputStream();
      String response = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      assertTrue(response.startsWith("HTTP/1.1 400"), response.lines().findFirst().orElse(""));
      assertFalse(response.contains("north"));
    }
  }

  @Test
  void reportPage_escapesTextShowsBidiAndLinksNoReportedAddress() throws Exception {
    String cookie = unlock();
    String page = get("/report/" + id, cookie).body();
    assertTrue(page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assertFalse(page.contains("<script"));
    assertTrue(page.contains("hxxps://example[.]com/a?x&#x3D;1&amp;y&#x3D;2"), page);
    assertTrue(page.contains("&lt;U+202E&gt;gpj.exe"), page);
    assertFalse(page.contains("\u202E"));
    assertFalse(page.contains("href=\"https://exa"));
    String copy = get("/report/" + id + "/address/0", cookie).body();
    assertTrue(copy.contains("readonly"));
    assertTrue(copy.contains("Do not open it"));
  }

  @Test
  void appOnlyReport_queueAndReportPage_showTheAppEscaped() throws Exception {
    String app = fx.add(new Report(Ids.random(), "2026-11-29T08:00Z", "north", "en", List.of(), ContentKind.IMAGES, "", "", "",
        null, new InApp("Chat<b>app</b>", "https://t.me/+inv\u3164ite <script>x</script>")));
    server.close();
    ws = fx.unlock(inbox);
    server = WorkstationServer.start(ws, "127.0.0.1", 0, temp);
    String cookie = unlock();
    String shown = "Chat&lt;b&gt;app&lt;/b&gt; hxxps://t[.]me/+inv&lt;U+3164&gt;ite &lt;script&gt;x&lt;/script&gt;";
    HttpResponse<String> queue = get("/", cookie);
    assertEquals(200, queue.statusCode());
    assertTrue(queue.body().contains("app: " + shown), queue.body());
    HttpResponse<String> found = get("/?address=T.ME%2F%2Binv", cookie);
    assertTrue(found.body().contains("/report/" + app), "the address box searches the account too");
    assertFalse(found.body().contains("/report/" + id + "\""), "and only it");
    HttpResponse<String> report = get("/report/" + app, cookie);
    assertEquals(200, report.statusCode());
    String page = report.body();
    assertTrue(page.contains("<h2>In an app</h2>"), page);
    assertTrue(page.contains("<dd class=\"addr\">Chat&lt;b&gt;app&lt;/b&gt;</dd>"), page);
    assertTrue(page.contains("<dd class=\"addr\">hxxps://t[.]me/+inv&lt;U+3164&gt;ite &lt;script&gt;x&lt;/script&gt;</dd>"), page);
    assertTrue(page.contains("None: the reporter saw it in an app."), page);
    assertFalse(page.contains("<script"));
    assertFalse(page.contains("<b>app"));
    assertFalse(page.contains("\u3164"));
    assertFalse(page.contains("href=\"https://t.me"));
    assertFalse(page.contains("/address/0"), "no address to copy");
  }

  /** Unlocks the workstation again, to index the reports added since, and opens a session. */
  private String restartAndUnlock() throws Exception {
    server.close();
    ws = fx.unlock(inbox);
    server = WorkstationServer.start(ws, "127.0.0.1", 0, temp);
    return unlock();
  }

  private String unlock() throws IOException, InterruptedException {
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(server.unlockUrl())).build(), HttpResponse.BodyHandlers.ofString());
    return r.headers().firstValue("set-cookie").orElseThrow().split(";")[0];
  }

  private HttpResponse<String> get(String path, String cookie) throws IOException, InterruptedException {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path));
    if (!cookie.isEmpty()) {
      b.header("Cookie", cookie);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> post(String path, String cookie, String body) throws IOException, InterruptedException {
    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
        .header("Cookie", cookie).header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
  }

  static String between(String text, String start, String end) {
    int from = text.indexOf(start) + start.length();
    return text.substring(from, text.indexOf(end, from));
  }
}
